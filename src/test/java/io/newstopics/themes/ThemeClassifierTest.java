package io.newstopics.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ThemeClassifierTest {
  private final JobConfig cfg = SparkTestSession.config("seeds", "unused", Map.of());

  private static final StructType ROWS = new StructType().add("article_id", "string").add("theme", "string")
      .add("hits", "int").add("entries", "int").add("density", "double").add("topic_score", "double")
      .add("related", "int")
      .add("top_terms", "array<struct<term_index:int,tfidf:double>>");

  /**
   * Articles of one theme whose truth shows in a context term (index 7) more than in the lexicon: a third of the
   * positives have no lexicon hit. Returns (rows, labels).
   */
  private static Dataset<Row>[] corpus(SparkSession spark, int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    List<Row> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextInt(5) == 0;
      int hits = positive ? (random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4)) : (random.nextInt(10) == 0 ? 1 : 0);
      List<Row> top = new ArrayList<>();
      if (positive || random.nextInt(20) == 0) {
        top.add(RowFactory.create(7, 0.8));
      }
      top.add(RowFactory.create(random.nextInt(5), 0.6));
      rows.add(RowFactory.create("a" + i, "sanctions", hits, Math.min(hits, 2), hits / 100.0,
          positive ? 0.3 * random.nextDouble() : 0.1 * random.nextDouble(), random.nextInt(2), top.toArray()));
      labels.add(RowFactory.create("a" + i, "sanctions", positive ? 1.0 : 0.0));
    }
    Dataset<Row> r = spark.createDataFrame(rows, ROWS);
    @SuppressWarnings("unchecked") Dataset<Row>[] out = new Dataset[] {
        r.withColumn("x", ThemeClassifier.evidence(new JobConfig.ThemeOptions(0.04, 30, 0.05, 10, 0.5, "", 10, 5000,
            0.001, 100, 0.5, List.of(-4.0, 0.8, 1.5, 1.0, 2.0, 0.3), List.of()))),
        spark.createDataFrame(labels, new StructType().add("article_id", "string").add("theme", "string")
            .add("label", "double"))};
    return out;
  }

  /** The default theme options with one key set. */
  private static JobConfig.ThemeOptions options(String key, String value) {
    return SparkTestSession.config("seeds", "unused", Map.of(key, value)).themes();
  }

  private static double auc(Dataset<Row> scored, Dataset<Row> labels) {
    List<double[]> pos = new ArrayList<>();
    List<double[]> neg = new ArrayList<>();
    for (Row r : scored.join(labels, new String[] {"article_id", "theme"}).select("probability", "label")
        .collectAsList()) {
      (r.getDouble(1) == 1.0 ? pos : neg).add(new double[] {r.getDouble(0)});
    }
    double wins = 0;
    for (double[] p : pos) {
      for (double[] q : neg) {
        wins += p[0] > q[0] ? 1 : p[0] == q[0] ? 0.5 : 0;
      }
    }
    return wins / pos.size() / neg.size();
  }

  @Test
  void labelsTeachTheContextTheLexiconMisses() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row>[] train = corpus(spark, 600, 1);
    Dataset<Row>[] test = corpus(spark, 600, 2);
    List<String> themes = List.of("sanctions");
    // light regularisation: 600 articles and 10 terms, where the context term is the signal
    JobConfig.ThemeOptions o = options("themes.regularization", "0.001");
    ThemeClassifier.Fitted fromLabels = ThemeClassifier.fit(train[0], train[1], themes, 10, Set.of(), o);
    assertEquals(ThemeClassifier.FROM_LABELS, fromLabels.of("sanctions").source());
    assertTrue(fromLabels.of("sanctions").terms().getOrDefault(7, 0.0) > 1.0,
        "the context term learns a weight: " + fromLabels.of("sanctions").terms());
    ThemeClassifier.Fitted prior = ThemeClassifier.prior(themes, cfg.themes(), Map.of());
    double learned = auc(ThemeClassifier.probabilities(test[0], fromLabels), test[1]);
    double lexiconOnly = auc(ThemeClassifier.probabilities(test[0], prior), test[1]);
    assertTrue(learned > lexiconOnly + 0.05, "labels beat the prior: " + learned + " vs " + lexiconOnly);
    // calibrated: the mean probability is near the share of positives
    double mean = ThemeClassifier.probabilities(test[0], fromLabels).agg(
        org.apache.spark.sql.functions.avg("probability")).first().getDouble(0);
    assertEquals(0.2, mean, 0.05);
  }

  @Test
  void withoutLabelsTheLexiconTeachesTheContext() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row>[] train = corpus(spark, 1000, 3);
    Dataset<Row>[] test = corpus(spark, 600, 4);
    List<String> themes = List.of("sanctions");
    JobConfig.ThemeOptions o = options("themes.context-weight", "0.5");
    ThemeClassifier.Fitted weak = ThemeClassifier.fit(train[0], null, themes, 10, Set.of(), o);
    assertEquals(ThemeClassifier.FROM_LEXICON, weak.of("sanctions").source());
    // two articles without a lexicon hit: the one with the term that comes with the lexicon's words is likelier
    Dataset<Row> pair = spark.createDataFrame(List.of(
            RowFactory.create("with", "sanctions", 0, 0, 0.0, 0.0, 0,
                new Object[] {RowFactory.create(7, 0.8), RowFactory.create(1, 0.6)}),
            RowFactory.create("without", "sanctions", 0, 0, 0.0, 0.0, 0,
                new Object[] {RowFactory.create(2, 0.8), RowFactory.create(1, 0.6)})), ROWS)
        .withColumn("x", ThemeClassifier.evidence(cfg.themes()));
    Map<String, Double> p = new java.util.HashMap<>();
    ThemeClassifier.probabilities(pair, weak).collectAsList()
        .forEach(r -> p.put(r.getString(0), r.<Double>getAs("probability")));
    assertTrue(p.get("with") > p.get("without"), "the context term raises the probability: " + p);
    double learned = auc(ThemeClassifier.probabilities(test[0], weak), test[1]);
    double lexiconOnly = auc(ThemeClassifier.probabilities(test[0],
        ThemeClassifier.prior(themes, cfg.themes(), Map.of())), test[1]);
    assertTrue(learned > lexiconOnly, "weak supervision adds to the prior: " + learned + " vs " + lexiconOnly);
  }

  @Test
  void tooFewExamplesKeepThePriorAndTheModelRoundTrips() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row>[] tiny = corpus(spark, 8, 5);
    ThemeClassifier.Fitted fitted = ThemeClassifier.fit(tiny[0], null, List.of("sanctions"), 10, Set.of(),
        cfg.themes());
    assertEquals(ThemeClassifier.FROM_PRIOR, fitted.of("sanctions").source());
    Dataset<Row>[] train = corpus(spark, 600, 6);
    ThemeClassifier.Fitted learned = ThemeClassifier.fit(train[0], train[1], List.of("sanctions"), 10, Set.of(),
        cfg.themes());
    ThemeClassifier.Fitted back = ThemeClassifier.Fitted.fromTable(learned.asTable(spark));
    assertEquals(SparkTestSession.sortedRows(ThemeClassifier.probabilities(train[0], learned)
            .select("article_id", "probability")),
        SparkTestSession.sortedRows(ThemeClassifier.probabilities(train[0], back).select("article_id", "probability")));
  }
}
