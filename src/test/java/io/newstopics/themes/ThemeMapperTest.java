package io.newstopics.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ThemeMapperTest {
  private final JobConfig cfg = SparkTestSession.config("seeds", "unused", Map.of());

  @Test
  void lexiconWordsAreAnalysedLikeArticles() {
    Dataset<Row> lex = ThemeLexicon.asTable(SparkTestSession.get(), cfg);
    // any inflected form in the config matches the same stem/lemma as the text
    assertEquals(1, lex.where("theme = 'sanctions' AND stem = 'санкц'").count());
    assertEquals(1, lex.where("theme = 'sanctions' AND stem = 'санкція'").count());
    assertEquals(1, lex.where("theme = 'opposition' AND stem = 'гуайдо'").count());
  }

  @Test
  void phrasesMatchOnlyWordsInARow() {
    SparkSession spark = SparkTestSession.get();
    io.newstopics.text.TermAnalyzer analyzer = new io.newstopics.text.TermAnalyzer(cfg.text());
    java.util.List<Row> rows = new java.util.ArrayList<>();
    for (String[] a : new String[][] {
        {"aid", "Россия окажет военную помощь Венесуэле"},
        {"help", "Ученые с помощью телескопа изучили облака"}}) {
      var t = analyzer.analyze("ru", a[1]);
      rows.add(org.apache.spark.sql.RowFactory.create(a[0],
          scala.jdk.javaapi.CollectionConverters.asScala(t.terms()).toList(),
          scala.jdk.javaapi.CollectionConverters.asScala(t.surfaces()).toList()));
    }
    Dataset<Row> analysed = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("article_id", "string").add("terms", "array<string>").add("surfaces", "array<string>"));
    Dataset<Row> none = spark.sql("SELECT 'x' AS article_id, 0 AS topic_id, 1.0 AS probability");
    Dataset<Row> topicThemes = spark.sql("SELECT 0 AS topic_id, 'other' AS theme, 1.0 AS theme_confidence");
    Dataset<Row> scores = ThemeMapper.articleThemes(analysed, none, topicThemes,
        ThemeLexicon.asTable(spark, cfg), cfg.themes());
    assertEquals(SparkTestSession.sorted("[aid,military-aid,WrappedArray(военную помощь)]"),
        SparkTestSession.sortedRows(scores.where("theme = 'military-aid'").select("article_id", "theme", "evidence"))
            .stream().map(r -> r.replace("ArraySeq", "WrappedArray")).toList());
  }

  @Test
  void topicsGetTheThemeOfTheirTermsOrOther() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> topicTerms = spark.sql("""
        SELECT * FROM VALUES
          (0, 'санкц', 0.30), (0, 'эмбарг', 0.10), (0, 'футбол', 0.20),
          (1, 'футбол', 0.50), (1, 'матч', 0.40), (1, 'санкц', 0.001)
        AS t(topic_id, stem, weight)""");
    Dataset<Row> themes = ThemeMapper.topicThemes(topicTerms, ThemeLexicon.asTable(spark, cfg), cfg.themes());
    assertEquals(SparkTestSession.sorted("[0,sanctions]", "[1,other]"),
        SparkTestSession.sortedRows(themes.select("topic_id", "theme")));
    double confidence = themes.where("topic_id = 0").first().getDouble(2);
    assertTrue(confidence > 0.9, "only sanctions terms, two thirds of the weight: " + confidence);
  }

  @Test
  void articleScoresCombineOwnTermsAndTopicsWithEvidence() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> analysed = spark.sql("""
        SELECT * FROM VALUES
          ('a', array('гуайдо', 'оппозиц', 'протест', 'мадур', 'санкц'),
                array('Гуайдо', 'оппозиции', 'протесты', 'Мадуро', 'санкции')),
          ('b', array('футбол', 'матч', 'гол', 'счет', 'игрок'), array('футбол', 'матч', 'гол', 'счет', 'игрок'))
        AS t(article_id, terms, surfaces)""");
    Dataset<Row> articleTopics = spark.sql("SELECT * FROM VALUES ('a', 0, 0.9), ('b', 1, 1.0) "
        + "AS t(article_id, topic_id, probability)");
    Dataset<Row> topicThemes = spark.sql("SELECT * FROM VALUES (0, 'opposition', 0.8), (1, 'other', 1.0) "
        + "AS t(topic_id, theme, theme_confidence)");
    Dataset<Row> scores = ThemeMapper.articleThemes(analysed, articleTopics, topicThemes,
        ThemeLexicon.asTable(spark, cfg), cfg.themes());
    Row top = scores.where("article_id = 'a' AND theme_rank = 1").first();
    assertEquals("opposition", top.getAs("theme"));
    assertEquals(0.72, top.<Double>getAs("topic_score"), 1e-9);
    assertEquals(SparkTestSession.sorted("гуайдо", "оппозиции", "протесты"),
        SparkTestSession.sorted(top.<scala.collection.Seq<String>>getAs("evidence")
            .mkString(",").split(",")));
    assertEquals(0, scores.where("article_id = 'b'").count(), "no theme words, topic 'other': no theme rows");
  }
}
