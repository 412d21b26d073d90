package io.newstopics.themes;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
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

  /**
   * The lexicon hits found in Java are the rows the former built-in query kept (explode of the terms and of the runs
   * built with lambdas, joined with the lexicon): on 300 random articles of lexicon stems, phrase parts and other
   * words, with null terms, short and null surface arrays.
   */
  @Test
  void lexiconHitsAreTheFormerBuiltInQuery() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> lexicon = ThemeLexicon.asTable(spark, cfg);
    List<String> stems = lexicon.select("stem").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
    List<String> words = new java.util.ArrayList<>(List.of("мир", "футбол", "и", "в"));
    for (String stem : stems) {
      words.addAll(List.of(stem.split(" ")));
    }
    List<String> phrases = stems.stream().filter(st -> st.contains(" ")).toList();
    assertTrue(phrases.size() > 3, "the lexicon has phrases: " + phrases);
    java.util.Random random = new java.util.Random(11);
    List<Row> rows = new java.util.ArrayList<>();
    for (int a = 0; a < 300; a++) {
      int n = random.nextInt(12);
      List<String> terms = new java.util.ArrayList<>();
      List<String> surfaces = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<String> next = random.nextInt(4) == 0 ? List.of(phrases.get(random.nextInt(phrases.size())).split(" "))
            : java.util.Collections.singletonList(
                random.nextInt(25) == 0 ? null : words.get(random.nextInt(words.size())));
        for (String w : next) {
          terms.add(w);
          surfaces.add(w == null || random.nextInt(20) == 0 ? null : w.toUpperCase(java.util.Locale.ROOT) + i);
        }
      }
      n = terms.size();
      List<String> surf = random.nextInt(10) == 0 ? surfaces.subList(0, random.nextInt(n + 1)) : surfaces;
      rows.add(RowFactory.create("a" + a, random.nextInt(40) == 0 ? null : seq(terms),
          random.nextInt(40) == 0 ? null : seq(surf)));
    }
    Dataset<Row> analysed = spark.createDataFrame(rows, new StructType()
        .add("article_id", "string").add("terms", "array<string>").add("surfaces", "array<string>"));
    Dataset<Row> keys = lexicon.select("stem").distinct();

    Dataset<Row> former = analysed
        .select(col("article_id"),
            explode(formerGrams(col("terms"), col("surfaces"), ThemeMapper.phraseStarts(lexicon))).as("p"))
        .select(col("article_id"), col("p.stem").as("stem"), col("p.word").as("word"))
        .join(keys, "stem");
    Dataset<Row> now = analysed
        .select(col("article_id"), explode(org.apache.spark.sql.functions.udf(ThemeMapper.lexiconHits(lexicon),
            io.newstopics.text.TermHits.TYPE).apply(col("terms"), col("surfaces"))).as("p"))
        .select(col("article_id"), col("p.term").as("stem"), col("p.surface").as("word"));
    List<String> expected = SparkTestSession.sortedRows(former.select("article_id", "stem", "word"));
    assertTrue(expected.size() > 300, "the random articles should hit the lexicon often: " + expected.size());
    assertTrue(expected.stream().anyMatch(r -> r.split(",")[1].contains(" ")), "some phrases should match");
    assertEquals(expected, SparkTestSession.sortedRows(now.select("article_id", "stem", "word")));
  }

  private static scala.collection.immutable.Seq<String> seq(List<String> xs) {
    return scala.jdk.javaapi.CollectionConverters.asScala(xs).toList();
  }

  /** ThemeMapper's former built-in query: single terms, and runs where a phrase starts, with lambdas. */
  private static Column formerGrams(Column terms, Column surfaces, List<String> phraseStarts) {
    Column all = arrays_zip(terms, surfaces).cast("array<struct<stem:string,word:string>>");
    if (phraseStarts.isEmpty()) {
      return all;
    }
    Column firsts = lit(phraseStarts.toArray(new String[0]));
    for (int n = 2; n <= ThemeLexicon.MAX_PHRASE; n++) {
      final int len = n;
      Column count = size(terms).minus(len - 1);
      Column starts = when(count.geq(lit(1)).and(arrays_overlap(terms, firsts)),
          filter(sequence(lit(1), count), i -> array_contains(firsts, element_at(terms, i))))
          .otherwise(array().cast("array<int>"));
      Column gram = transform(starts, i -> struct(
          array_join(slice(terms, i, lit(len)), " ").as("stem"),
          array_join(slice(surfaces, i, lit(len)), " ").as("word")));
      all = concat(all, gram);
    }
    return all;
  }
}
