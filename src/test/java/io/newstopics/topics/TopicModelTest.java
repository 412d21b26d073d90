package io.newstopics.topics;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import io.newstopics.features.TermFeatures;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TopicModelTest {
  /** 40 articles, two clearly separate vocabularies. */
  private static Dataset<Row> corpus() {
    SparkSession spark = SparkTestSession.get();
    return spark.sql("""
        SELECT concat('d', id) AS article_id,
               CASE WHEN id % 2 = 0
                 THEN array('санкц', 'эмбарг', 'нефт', 'актив', 'санкц', element_at(array('минфин', 'запрет'), cast(id % 4 / 2 AS int) + 1))
                 ELSE array('ракет', 'истребител', 'радар', 'ракет', 'поставк', element_at(array('дрон', 'танк'), cast(id % 4 / 2 AS int) + 1))
               END AS terms
        FROM range(40)""");
  }

  private static JobConfig.TopicOptions options(int k, int iterations) {
    JobConfig.TopicOptions d = SparkTestSession.config("seeds", "unused", Map.of()).topics();
    return d.toBuilder().k(k).maxIterations(iterations).trainSample("all").metricDocs(Integer.MAX_VALUE)
        .kAuto(false).kCandidates(List.of(k)).kAutoIterations(iterations).kAutoHeldout(0.1).kAutoEpsilon(0.01)
        .guided(false).guidedBoost(1.0).build();
  }

  private static TermFeatures.Fitted features() {
    Dataset<Row> c = corpus();
    Dataset<Row> forms = c.selectExpr("explode(array_distinct(terms)) AS stem").distinct()
        .selectExpr("stem", "stem AS term");
    return TermFeatures.fit(SparkTestSession.get(), c, stems -> forms, new JobConfig.FeatureOptions(100, 1, 40, 5),
        c.count());
  }

  private static Dataset<Row> vectors() {
    return features().transform(corpus()).select("article_id", "tf");
  }

  private static final List<String> MILITARY = List.of("ракет", "истребител", "радар", "поставк", "дрон", "танк");
  private static final List<String> SANCTIONS = List.of("санкц", "эмбарг", "нефт", "актив", "минфин", "запрет");

  /** Seeds topic 0 with the given terms (weight 20 pseudo-counts each). */
  private static GuidedSeeds seeds(TermFeatures.Fitted f, String theme, List<String> terms) {
    String[] vocab = f.counts().vocabulary();
    double[] weights = new double[vocab.length];
    List<Integer> idx = new java.util.ArrayList<>();
    for (int i = 0; i < vocab.length; i++) {
      if (terms.contains(vocab[i])) {
        idx.add(i);
        weights[i] = 20;
      }
    }
    return new GuidedSeeds(List.of(theme), List.of(idx.stream().mapToInt(Integer::intValue).toArray()), weights);
  }

  private static String topTerm(TermFeatures.Fitted f, TopicModel.Fitted fitted, int topic) {
    return f.counts().vocabulary()[TopicModel.topicTerms(fitted.model(), 1).where("topic_id = " + topic).first()
        .<Integer>getAs("term_index")];
  }

  @Test
  void seededTopicFollowsItsTheme() {
    TermFeatures.Fitted f = features();
    Dataset<Row> v = f.transform(corpus()).select("article_id", "tf");
    // whichever theme seeds topic 0, topic 0 comes out as that theme: the seed, not the random start, decides
    TopicModel.Fitted military = TopicModel.fit(v, options(2, 20), 40, seeds(f, "military-aid", MILITARY));
    TopicModel.Fitted sanctions = TopicModel.fit(v, options(2, 20), 40, seeds(f, "sanctions", SANCTIONS));
    assertEquals(1, military.seededTopics());
    assertTrue(MILITARY.contains(topTerm(f, military, 0)), topTerm(f, military, 0));
    assertTrue(SANCTIONS.contains(topTerm(f, sanctions, 0)), topTerm(f, sanctions, 0));
    assertTrue(SANCTIONS.contains(topTerm(f, military, 1)), "the free topic takes the rest: " + topTerm(f, military, 1));
    // the seeded model is a normal ml LocalLDAModel: transform works, mixtures sum to 1
    for (Row r : TopicModel.articleTopics(military.model(), v, 0.0).groupBy("article_id").sum("probability")
        .collectAsList()) {
      assertEquals(1.0, r.getDouble(1), 1e-6);
    }
  }

  @Test
  void progressListenerCountsEveryIteration() {
    Dataset<Row> v = vectors();
    assertEquals(12, TopicModel.fit(v, options(2, 12), 40).iterations(), "stock ml LDA");
    assertEquals(7, TopicModel.fit(v, options(2, 7), 40, seeds(features(), "military-aid", MILITARY))
        .iterations(), "seeded fit");
  }

  @Test
  void trainAndMetricSamplesAreDeterministicAndBounded() {
    Dataset<Row> docs = SparkTestSession.get().sql(
        "SELECT concat('d', id) AS article_id, array(concat('w', id), 'x') AS terms FROM range(2000)");
    JobConfig.TopicOptions d = options(2, 10);
    JobConfig.TopicOptions half = d.toBuilder().trainSample("1000").metricDocs(200).build();
    Dataset<Row> train = TopicModel.trainSample(docs, half, 2000);
    long n = train.count();
    assertTrue(n > 850 && n < 1150, "about 1000 of 2000: " + n);
    assertEquals(SparkTestSession.sortedRows(train), SparkTestSession.sortedRows(
        TopicModel.trainSample(docs.orderBy("terms"), half, 2000)), "same content, same sample, any order");
    long m = TopicModel.metricSample(train, half, n).count();
    assertTrue(m > 150 && m < 250, "about metric-docs=200: " + m);
    assertEquals(docs, TopicModel.trainSample(docs, d, 2000), "train-sample=all keeps the input");
  }

  @Test
  void kAutoScoresEveryCandidateAndPicksOne() {
    TermFeatures.Fitted f = features();
    Dataset<Row> train = f.transform(corpus()).select("article_id", "tf", "terms");
    JobConfig.TopicOptions d = options(2, 20);
    JobConfig.TopicOptions auto = d.toBuilder().k(4).maxIterations(20).coherenceTerms(4).metricDocs(5000)
        .kAuto(true).kCandidates(List.of(2, 3, 4)).kAutoIterations(15).kAutoHeldout(0.2).build();
    KAuto.Sweep sweep = KAuto.run(train, 40, auto, f.counts().vocabulary(), null);
    assertEquals(List.of(2, 3, 4), sweep.candidates().stream().map(KAuto.Candidate::k).toList());
    for (KAuto.Candidate c : sweep.candidates()) {
      assertTrue(c.npmi() >= -1 && c.npmi() <= 1, c.toString());
      assertTrue(c.logPerplexity() > 0, c.toString());
    }
    assertTrue(List.of(2, 3, 4).contains(sweep.chosen()));
    Map<String, Double> metrics = new java.util.TreeMap<>();
    sweep.record(metrics::put);
    assertTrue(metrics.containsKey("k_auto_candidate_3_npmi") && metrics.containsKey("k_auto_candidate_4_perplexity"),
        metrics.toString());
  }

  @Test
  void kAutoPrefersNpmiThenPerplexityWithinEpsilon() {
    List<KAuto.Candidate> c = List.of(new KAuto.Candidate(10, 0.20, 7.0), new KAuto.Candidate(15, 0.25, 7.5),
        new KAuto.Candidate(20, 0.245, 7.2), new KAuto.Candidate(25, 0.10, 6.0));
    assertEquals(15, KAuto.choose(c, 0.001), "best NPMI");
    assertEquals(20, KAuto.choose(c, 0.01), "within epsilon: the lower perplexity");
    assertEquals(10, KAuto.choose(List.of(new KAuto.Candidate(10, Double.NaN, Double.NaN),
        new KAuto.Candidate(15, Double.NaN, Double.NaN)), 0.01), "nothing scored: the smallest k");
  }

  @Test
  void separatesTwoClearTopicsDeterministically() {
    Dataset<Row> v = vectors();
    TopicModel.Fitted a = TopicModel.fit(v, options(2, 30), 40);
    TopicModel.Fitted b = TopicModel.fit(v, options(2, 30), 40);
    Dataset<Row> dominant = TopicModel.articleTopics(a.model(), v, 0.01).where("is_dominant");
    // all even articles share one dominant topic, all odd ones the other
    List<Row> byParity = dominant.selectExpr("cast(substring(article_id, 2) AS int) % 2 AS parity", "topic_id")
        .distinct().collectAsList();
    assertEquals(2, byParity.size(), byParity.toString());
    assertEquals(SparkTestSession.sortedRows(TopicModel.topicTerms(a.model(), 4)),
        SparkTestSession.sortedRows(TopicModel.topicTerms(b.model(), 4)), "same seed, same topics");
    for (Row r : TopicModel.articleTopics(a.model(), v, 0.0).groupBy("article_id").sum("probability").collectAsList()) {
      assertEquals(1.0, r.getDouble(1), 1e-6);
    }
  }

  @Test
  void kAndBatchAdaptToCorpusSize() {
    assertEquals(2, TopicModel.effectiveK(options(20, 10), 5));
    assertEquals(20, TopicModel.effectiveK(options(20, 10), 22_000));
    assertEquals(1.0, TopicModel.subsamplingRate(options(20, 100), 5));
    double big = TopicModel.subsamplingRate(options(20, 100), 22_000);
    assertTrue(big >= 0.049 && big < 0.1, "about 5 passes (topics.passes) in 100 iterations: " + big);
  }

  @Test
  void articleMixturesAreSparksTransform() {
    TermFeatures.Fitted f = features();
    Dataset<Row> terms = f.transform(corpus()).select("article_id", "tf");
    Dataset<Row> empty = SparkTestSession.get().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("empty",
        org.apache.spark.ml.linalg.Vectors.sparse(f.size(), new int[0], new double[0]))), terms.schema());
    Dataset<Row> v = terms.union(empty).repartition(3);
    for (TopicModel.Fitted fitted : List.of(TopicModel.fit(v, options(3, 10), 41),
        TopicModel.fit(v, options(2, 10), 41, seeds(f, "military-aid", MILITARY)))) {
      Map<String, double[]> spark = new java.util.HashMap<>();
      for (Row r : fitted.model().transform(v).select("article_id", "topic_distribution").collectAsList()) {
        spark.put(r.getString(0), r.<org.apache.spark.ml.linalg.Vector>getAs(1).toArray());
      }
      Dataset<Row> ours = TopicModel.articleTopics(fitted.model(), v, 0.0);
      assertEquals(41L * fitted.k(), ours.count(), "every topic of every article at min probability 0");
      for (Row r : ours.collectAsList()) {
        double expected = spark.get(r.<String>getAs("article_id"))[r.<Integer>getAs("topic_id")];
        // MLlib's digamma (commons-math's) is accurate to a few 1e-9; the inference stops short of convergence
        assertEquals(expected, r.<Double>getAs("probability"), 1e-6, r.toString());
      }
      assertEquals(fitted.k(), ours.where("article_id = 'empty' AND probability = 0 AND is_dominant").count(),
          "an article without terms: all zeros, as Spark gives it");
    }
  }

  @Test
  void mixturesPassTheOtherColumnsOn() {
    TermFeatures.Fitted f = features();
    Dataset<Row> v = f.transform(corpus()).select("article_id", "tf");
    TopicModel.Fitted fitted = TopicModel.fit(v, options(2, 10), v.count());
    Dataset<Row> m = TopicModel.mixtures(fitted.model(), v
        .withColumn("words", org.apache.spark.sql.functions.array(lit("війна"), lit(null).cast("string")))
        .withColumn("n", lit(7L)));
    assertEquals(List.of("article_id", "p", "words", "n"), List.of(m.columns()));
    assertEquals(v.count(), m.where("n = 7 AND words[0] = 'війна' AND words[1] IS NULL AND size(p) = 2"
        + " AND abs(p[0] + p[1] - 1) < 1e-9").count(), "every article, its columns as they were");
    assertEquals(SparkTestSession.sortedRows(v.select("article_id")),
        SparkTestSession.sortedRows(m.select("article_id")));
  }

  @Test
  void logLikelihoodIsSparksBound() {
    TermFeatures.Fitted f = features();
    Dataset<Row> v = f.transform(corpus()).select("article_id", "tf").repartition(3);
    for (TopicModel.Fitted fitted : List.of(TopicModel.fit(v, options(2, 10), 40),
        TopicModel.fit(v, options(2, 10), 40, seeds(f, "military-aid", MILITARY)))) {
      double spark = fitted.model().logLikelihood(v);
      double ours = TopicModel.logLikelihood(fitted.model(), v);
      assertEquals(spark, ours, 1e-9 * Math.abs(spark), "log-likelihood");
      assertTrue(ours < 0, "a log-likelihood: " + ours);
      assertEquals(fitted.model().logPerplexity(v), TopicModel.logPerplexity(fitted.model(), v), 1e-9);
    }
  }

  /**
   * The language weights from one mask of languages per term are those of the former built-in query (explode every
   * term, distinct language and term, count languages per term, join the vocabulary): 400 random articles in three
   * languages and a null one, terms in and out of the vocabulary, a null term array, 5 partitions.
   */
  @Test
  void languageWeightsAreTheFormerBuiltInQuery() {
    SparkSession spark = SparkTestSession.get();
    java.util.Random random = new java.util.Random(3);
    String[] langs = {"ru", "uk", "en", null};
    List<Row> rows = new java.util.ArrayList<>();
    for (int a = 0; a < 400; a++) {
      String lang = langs[random.nextInt(langs.length)];
      List<String> terms = new java.util.ArrayList<>();
      int n = random.nextInt(8);
      for (int i = 0; i < n; i++) {
        // a term is mostly used in one language, sometimes in another
        int t = random.nextInt(60);
        terms.add((random.nextInt(6) == 0 ? "x" : String.valueOf(lang)) + "-" + t);
      }
      rows.add(org.apache.spark.sql.RowFactory.create(lang,
          a == 7 ? null : scala.jdk.javaapi.CollectionConverters.asScala(terms).toList()));
    }
    Dataset<Row> modelled = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("lang", "string").add("terms", "array<string>")).repartition(5);
    List<Row> vocab = new java.util.ArrayList<>();
    int size = 0;
    for (String prefix : new String[] {"ru", "uk", "en", "null", "x"}) {
      for (int t = 0; t < 60; t += 2) {
        vocab.add(org.apache.spark.sql.RowFactory.create(size++, prefix + "-" + t));
      }
    }
    Dataset<Row> vocabulary = spark.createDataFrame(vocab, new org.apache.spark.sql.types.StructType()
        .add("term_index", "int").add("stem", "string"));

    double[] expected = new double[size];
    java.util.Arrays.fill(expected, 1.0);
    Dataset<Row> former = modelled.select(org.apache.spark.sql.functions.col("lang"),
            org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.col("terms")).as("stem")).distinct()
        .groupBy("stem").agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)).as("langs"));
    for (Row r : former.join(vocabulary, "stem").where("langs = 1").select("term_index").collectAsList()) {
      expected[r.getInt(0)] = 0.25;
    }
    double[] actual = TopicModel.languageWeights(modelled, vocabulary, size, 0.25).toArray();
    long single = java.util.Arrays.stream(expected).filter(x -> x < 1.0).count();
    assertTrue(single > 20 && single < size - 20, "a mix of single- and multi-language terms: " + single);
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
    assertEquals(null, TopicModel.languageWeights(modelled.where("lang = 'ru'"), vocabulary, size, 0.25),
        "one language: no weights");
  }

  @Test
  void aLanguageOfNineTenthsOfTheArticlesKeepsItsOwnTermsAtFullWeight() {
    SparkSession spark = SparkTestSession.get();
    // 19 Russian articles and one Ukrainian: ru-only, uk-only and shared terms
    List<Row> rows = new java.util.ArrayList<>();
    for (int a = 0; a < 20; a++) {
      List<String> terms = a == 0 ? List.of("uk-only", "shared") : List.of("ru-only", "shared");
      rows.add(org.apache.spark.sql.RowFactory.create(a == 0 ? "uk" : "ru",
          scala.jdk.javaapi.CollectionConverters.asScala(terms).toList()));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("lang", "string").add("terms", "array<string>");
    Dataset<Row> vocabulary = spark.sql(
        "SELECT * FROM VALUES (0, 'ru-only'), (1, 'uk-only'), (2, 'shared') AS v(term_index, stem)");
    assertEquals("[1.0,0.25,1.0]",
        TopicModel.languageWeights(spark.createDataFrame(rows, schema), vocabulary, 3, 0.25).toString());
    // 18 of 20 (0.9) is still dominant; 17 of 20 is not, and both languages' own terms weigh less
    rows.set(1, org.apache.spark.sql.RowFactory.create("uk", scala.jdk.javaapi.CollectionConverters
        .asScala(List.of("uk-only", "shared")).toList()));
    assertEquals("[1.0,0.25,1.0]",
        TopicModel.languageWeights(spark.createDataFrame(rows, schema), vocabulary, 3, 0.25).toString());
    rows.set(2, rows.get(1));
    assertEquals("[0.25,0.25,1.0]",
        TopicModel.languageWeights(spark.createDataFrame(rows, schema), vocabulary, 3, 0.25).toString());
  }
}
