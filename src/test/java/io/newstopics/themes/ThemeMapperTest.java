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
