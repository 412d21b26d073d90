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

  /** The article themes with the prior's probabilities (no training, no top terms). */
  private Dataset<Row> priorThemes(Dataset<Row> analysed, Dataset<Row> articleTopics, Dataset<Row> topicThemes) {
    SparkSession spark = SparkTestSession.get();
    List<String> names = cfg.themes().lexicons().stream().map(JobConfig.Theme::name).toList();
    Dataset<Row> noTopTerms = spark.sql("SELECT 'none' AS article_id, "
        + "CAST(array() AS ARRAY<STRUCT<term_index: INT, tfidf: DOUBLE>>) AS top_terms");
    return ThemeMapper.articleThemes(ThemeMapper.evidence(analysed, articleTopics, topicThemes, noTopTerms,
        ThemeLexicon.asTable(spark, cfg), names, cfg.themes()), ThemeClassifier.prior(names, cfg.themes(), Map.of()),
        cfg.themes());
  }

  @Test
  void lexiconWordsAreAnalysedLikeArticles() {
    Dataset<Row> lex = ThemeLexicon.asTable(SparkTestSession.get(), cfg);
    // any inflected form in the config matches the same stem/lemma as the text
    assertEquals(1, lex.where("theme = 'sanctions' AND stem = 'санкция'").count());
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
    Dataset<Row> scores = priorThemes(analysed, none, topicThemes);
    assertEquals(SparkTestSession.sorted("[aid,military-aid,WrappedArray(военную помощь)]"),
        SparkTestSession.sortedRows(scores.where("theme = 'military-aid' AND size(evidence) > 0")
                .select("article_id", "theme", "evidence"))
            .stream().map(r -> r.replace("ArraySeq", "WrappedArray")).toList());
  }

  @Test
  void topicsGetTheThemeOfTheirTermsOrOther() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> topicTerms = spark.sql("""
        SELECT * FROM VALUES
          (0, 'санкция', 0.30), (0, 'эмбарго', 0.10), (0, 'футбол', 0.20),
          (1, 'футбол', 0.50), (1, 'матч', 0.40), (1, 'санкция', 0.001)
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
          ('a', array('гуайдо', 'оппозиция', 'протест', 'мадур', 'санкция'),
                array('Гуайдо', 'оппозиции', 'протесты', 'Мадуро', 'санкции')),
          ('b', array('футбол', 'матч', 'гол', 'счет', 'игрок'), array('футбол', 'матч', 'гол', 'счет', 'игрок'))
        AS t(article_id, terms, surfaces)""");
    Dataset<Row> articleTopics = spark.sql("SELECT * FROM VALUES ('a', 0, 0.9), ('b', 1, 1.0) "
        + "AS t(article_id, topic_id, probability)");
    Dataset<Row> topicThemes = spark.sql("SELECT * FROM VALUES (0, 'opposition', 0.8), (1, 'other', 1.0) "
        + "AS t(topic_id, theme, theme_confidence)");
    Dataset<Row> scores = priorThemes(analysed, articleTopics, topicThemes);
    Row top = scores.where("article_id = 'a' AND theme_rank = 1").first();
    assertEquals("opposition", top.getAs("theme"));
    assertEquals(0.72, top.<Double>getAs("topic_score"), 1e-9);
    assertEquals(SparkTestSession.sorted("гуайдо", "оппозиции", "протесты"),
        SparkTestSession.sorted(top.<scala.collection.Seq<String>>getAs("evidence")
            .mkString(",").split(",")));
    assertEquals(0, scores.where("article_id = 'b' AND present").count(), "no theme words, topic 'other': no theme");
    assertEquals(cfg.themes().lexicons().size(), scores.where("article_id = 'b'").count(), "a probability per theme");
    assertTrue(scores.where("article_id = 'b'").agg(org.apache.spark.sql.functions.max("probability")).first()
        .getDouble(0) < scores.where("article_id = 'a' AND theme = 'opposition'").first()
        .<Double>getAs("probability"), "evidence raises the probability");
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
    Dataset<Row> analysed = randomArticles(spark, lexicon, 300);
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

  /**
   * The article themes with the lexical scores computed per article in Java are the rows of the former query
   * (hits exploded, counted per theme and word, joined to the article sizes; kept here as the reference), to the
   * bit: 400 random articles, random topic mixtures, a topic of each theme and one 'other'.
   */
  @Test
  void articleThemesAreTheFormerQuery() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> lexicon = ThemeLexicon.asTable(spark, cfg);
    Dataset<Row> analysed = randomArticles(spark, lexicon, 400).repartition(5);
    java.util.Random random = new java.util.Random(3);
    List<Row> topics = new java.util.ArrayList<>();
    for (int a = 0; a < 400; a++) {
      for (int t = 0; t < 6; t++) {
        if (random.nextInt(3) == 0) {
          topics.add(RowFactory.create("a" + a, t, random.nextDouble()));
        }
      }
    }
    Dataset<Row> articleTopics = spark.createDataFrame(topics, new StructType().add("article_id", "string")
        .add("topic_id", "int").add("probability", "double"));
    Dataset<Row> topicThemes = spark.sql("SELECT * FROM VALUES (0, 'military-aid', 0.9), (1, 'sanctions', 0.5), "
        + "(2, 'opposition', 1.0), (3, 'us-military-pressure', 0.7), (4, 'other', 1.0), (5, 'sanctions', 0.3) "
        + "AS t(topic_id, theme, theme_confidence)");
    List<String> columns = List.of("article_id", "theme", "lexical_score", "topic_score", "evidence");
    List<String> expected = SparkTestSession.sortedRows(formerArticleThemes(analysed, articleTopics, topicThemes,
        lexicon, cfg.themes()).select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
    assertTrue(expected.size() > 400, "the random articles have themes: " + expected.size());
    assertTrue(expected.stream().anyMatch(r -> r.contains("null")), "some evidence words are null");
    Dataset<Row> noTopTerms = spark.sql("SELECT 'none' AS article_id, "
        + "CAST(array() AS ARRAY<STRUCT<term_index: INT, tfidf: DOUBLE>>) AS top_terms");
    assertEquals(expected, SparkTestSession.sortedRows(ThemeMapper.evidence(analysed, articleTopics,
        topicThemes, noTopTerms, lexicon, cfg.themes().lexicons().stream().map(JobConfig.Theme::name).toList(),
        cfg.themes()).where("lexical_score > 0 OR topic_score > 0")
        .select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))));
  }

  /** ThemeMapper.articleThemes before the lexical scores moved into Java. */
  private static Dataset<Row> formerArticleThemes(Dataset<Row> analysed, Dataset<Row> articleTopics,
                                                  Dataset<Row> topicThemes, Dataset<Row> lexicon,
                                                  JobConfig.ThemeOptions o) {
    Dataset<Row> sizes = analysed.select(col("article_id"), size(col("terms")).as("n_terms"));
    Dataset<Row> hits = analysed
        .select(col("article_id"), explode(org.apache.spark.sql.functions.udf(ThemeMapper.lexiconHits(lexicon),
            io.newstopics.text.TermHits.TYPE).apply(col("terms"), col("surfaces"))).as("p"))
        .select(col("article_id"), col("p.term").as("stem"), col("p.surface").as("word"))
        .join(org.apache.spark.sql.functions.broadcast(lexicon), "stem")
        .withColumn("word", io.newstopics.text.TextNormalizer.lowerCase(col("word")))
        .groupBy("article_id", "theme", "word").agg(org.apache.spark.sql.functions.count(lit(1)).as("n"),
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("related"), 0).otherwise(1))
                .as("own"));
    Dataset<Row> lexical = hits // the theme's own words count, related ones are evidence only
        .groupBy("article_id", "theme")
        .agg(org.apache.spark.sql.functions.sum("own").as("hits"), org.apache.spark.sql.functions.sort_array(
            org.apache.spark.sql.functions.collect_list(struct(col("n"), col("word"))), false).as("ev"))
        .join(sizes, "article_id")
        .select(col("article_id"), col("theme"),
            lit(1.0).minus(org.apache.spark.sql.functions.exp(col("hits").divide(col("n_terms"))
                    .divide(lit(-o.saturationDensity()))))
                .multiply(org.apache.spark.sql.functions.least(lit(1.0), col("hits").divide(lit(3.0))))
                .as("lexical_score"),
            transform(slice(col("ev"), 1, o.evidenceTerms()), e -> e.getField("word")).as("evidence"));
    Dataset<Row> byTopics = articleTopics
        .join(org.apache.spark.sql.functions.broadcast(topicThemes.where(col("theme").notEqual(ThemeMapper.OTHER))),
            "topic_id")
        .groupBy("article_id", "theme")
        .agg(org.apache.spark.sql.functions.least(lit(1.0), org.apache.spark.sql.functions.sum(
            col("probability").multiply(col("theme_confidence")))).as("topic_score"));
    return lexical.join(byTopics, new String[] {"article_id", "theme"}, "full_outer")
        .select(col("article_id"), col("theme"),
            org.apache.spark.sql.functions.coalesce(col("lexical_score"), lit(0.0)).as("lexical_score"),
            org.apache.spark.sql.functions.coalesce(col("topic_score"), lit(0.0)).as("topic_score"),
            org.apache.spark.sql.functions.coalesce(col("evidence"), array()).cast("array<string>").as("evidence"))
        .where(col("lexical_score").gt(lit(0.0)).or(col("topic_score").gt(lit(0.0))));
  }

  /**
   * {@code n} random articles (article_id, terms, surfaces) of lexicon stems, phrases, other words and nulls, with
   * short and null surface arrays and null term arrays.
   */
  private static Dataset<Row> randomArticles(SparkSession spark, Dataset<Row> lexicon, int count) {
    List<String> stems = lexicon.select("stem").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
    List<String> words = new java.util.ArrayList<>(List.of("мир", "футбол", "и", "в"));
    for (String stem : stems) {
      words.addAll(List.of(stem.split(" ")));
    }
    List<String> phrases = stems.stream().filter(st -> st.contains(" ")).toList();
    assertTrue(phrases.size() > 3, "the lexicon has phrases: " + phrases);
    java.util.Random random = new java.util.Random(11);
    List<Row> rows = new java.util.ArrayList<>();
    for (int a = 0; a < count; a++) {
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
    return analysed;
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
