package io.newstopics.themes;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.newstopics.config.ConfigException;
import io.newstopics.job.SavedModel;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * {@code news-topics evaluate}: a run's article themes against analysts' labels ({@link ThemeLabels}). Per theme:
 * ROC AUC and average precision of the probability (ties count half, as in scikit-learn), precision, recall and F1
 * of {@code present}, expected calibration error over 10 equal-width bins, and the labelled positives and
 * negatives. An article labelled but without a row for the theme counts with probability 0. The results are MERGEd
 * into news.theme_evaluations, so evaluating again replaces them.
 */
public final class ThemeEvaluation {
  /** The metrics, in the order they are printed. */
  public static final List<String> METRICS = List.of("roc_auc", "average_precision", "precision", "recall", "f1",
      "ece", "positives", "negatives");

  private ThemeEvaluation() {}

  /** One theme's metrics, by the names of {@link #METRICS}. */
  public record ThemeMetrics(String theme, Map<String, Double> values) {}

  /**
   * @param labelled the labels file's lines; matched: the labelled articles of the run; unknownIds: ids that are
   *     not articles of the run (examples: a few of them)
   */
  public record Result(String runId, String labelFile, List<ThemeMetrics> themes, long labelled, long matched,
                       long unknownIds, List<String> unknownExamples, String problems) {}

  /** Evaluates the run ({@code latest}: the latest successful run) and records the metrics. */
  public static Result run(SparkSession spark, String warehouseLocation, String run, String labelFile) {
    Warehouse warehouse = Warehouse.open(spark, warehouseLocation);
    String runId = SavedModel.LATEST.equals(run) ? SavedModel.latest(spark, warehouse) : run;
    // the run's rows as its views count them: one writer per article (the run, or a score run with its model)
    Dataset<Row> themes = warehouse.written(Tables.ARTICLE_THEMES, runId)
        .select("article_id", "theme", "probability", "present");
    List<String> runThemes = new ArrayList<>();
    for (Row r : themes.select("theme").distinct().collectAsList()) { // the run's themes: a few rows
      runThemes.add(r.getString(0));
    }
    if (runThemes.isEmpty()) {
      throw new ConfigException("run " + runId + " has no rows in news.article_themes (pick a run_id of a "
          + "succeeded run from news.runs with --run, or leave --run out for the latest)");
    }
    ThemeLabels labels = ThemeLabels.read(spark, labelFile, runThemes);
    if (labels.themes().isEmpty()) {
      throw new ConfigException("the labels file " + labelFile + " names none of the run's themes " + runThemes
          + (labels.problems().isEmpty() ? "" : "; " + labels.problems()));
    }
    Dataset<Row> runArticles = warehouse.read(Tables.ARTICLES).select("article_id", "source_ref")
        .join(themes.select("article_id").distinct(), "article_id");
    Dataset<Row> matched = labels.matched(runArticles).cache();
    try {
      long matchedArticles = matched.select("article_id").distinct().count();
      Dataset<Row> known = matched.select("id").distinct();
      Dataset<Row> unknown = labels.labels().select("id").join(known, new String[] {"id"}, "left_anti");
      long unknownIds = unknown.count();
      List<String> examples = new ArrayList<>();
      for (Row r : unknown.orderBy("id").limit(5).collectAsList()) {
        examples.add(r.getString(0));
      }
      Dataset<Row> scored = matched.join(themes, new String[] {"article_id", "theme"}, "left")
          .na().fill(0.0, new String[] {"probability"}).na().fill(false, new String[] {"present"});
      List<ThemeMetrics> metrics = metrics(scored);
      record(spark, warehouse, runId, labelFile, metrics);
      return new Result(runId, labelFile, metrics, labels.lines(), matchedArticles, unknownIds, examples,
          labels.problems());
    } finally {
      matched.unpersist();
    }
  }

  /** The metrics of rows theme, label (1.0/0.0), probability, present; one per theme, in theme order. */
  public static List<ThemeMetrics> metrics(Dataset<Row> scored) {
    scored.createOrReplaceTempView("news_topics_evaluated");
    SparkSession spark = scored.sparkSession();
    Dataset<Row> ranking = spark.sql("""
        WITH g AS (SELECT theme, probability AS s, sum(label) AS pos, sum(1 - label) AS neg
                   FROM news_topics_evaluated GROUP BY theme, probability),
        c AS (SELECT theme, pos, neg,
                coalesce(sum(neg) OVER (PARTITION BY theme ORDER BY s
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS neg_below,
                sum(pos) OVER (PARTITION BY theme ORDER BY s DESC ROWS UNBOUNDED PRECEDING) AS tp_at,
                sum(pos + neg) OVER (PARTITION BY theme ORDER BY s DESC ROWS UNBOUNDED PRECEDING) AS n_at
              FROM g)
        SELECT theme,
          sum(pos * (neg_below + 0.5 * neg)) / (sum(pos) * sum(neg)) AS roc_auc,
          sum(pos * tp_at / n_at) / sum(pos) AS average_precision
        FROM c GROUP BY theme""");
    Dataset<Row> decisions = spark.sql("""
        WITH b AS (SELECT theme, least(floor(probability * 10), 9) AS bin, count(*) AS n,
                     avg(label) AS rate, avg(probability) AS confidence
                   FROM news_topics_evaluated GROUP BY theme, least(floor(probability * 10), 9)),
        e AS (SELECT theme, sum(n * abs(rate - confidence)) / sum(n) AS ece FROM b GROUP BY theme),
        d AS (SELECT theme,
                sum(CASE WHEN present AND label = 1 THEN 1 ELSE 0 END) AS tp,
                sum(CASE WHEN present AND label = 0 THEN 1 ELSE 0 END) AS fp,
                sum(CASE WHEN NOT present AND label = 1 THEN 1 ELSE 0 END) AS fn,
                sum(label) AS positives, sum(1 - label) AS negatives
              FROM news_topics_evaluated GROUP BY theme)
        SELECT d.theme, tp / nullif(tp + fp, 0) AS precision, tp / nullif(tp + fn, 0) AS recall,
          2 * tp / nullif(2 * tp + fp + fn, 0) AS f1, e.ece, d.positives, d.negatives
        FROM d JOIN e USING (theme)""");
    List<ThemeMetrics> out = new ArrayList<>();
    for (Row r : decisions.join(ranking, "theme").orderBy("theme").collectAsList()) { // one row per theme
      Map<String, Double> v = new LinkedHashMap<>();
      for (String m : METRICS) {
        Object x = r.getAs(m);
        v.put(m, x == null ? Double.NaN : ((Number) x).doubleValue());
      }
      out.add(new ThemeMetrics(r.getString(r.fieldIndex("theme")), v));
    }
    return out;
  }

  private static void record(SparkSession spark, Warehouse warehouse, String runId, String labelFile,
                             List<ThemeMetrics> metrics) {
    List<Row> rows = new ArrayList<>();
    for (ThemeMetrics t : metrics) {
      t.values().forEach((m, v) -> rows.add(RowFactory.create(runId, labelFile, t.theme(), m, v)));
    }
    StructType schema = new StructType().add("run_id", "string").add("label_file", "string").add("theme", "string")
        .add("metric", "string").add("value", "double");
    warehouse.merge(Tables.THEME_EVALUATIONS,
        spark.createDataFrame(rows, schema).withColumn("evaluated_at", current_timestamp()), null, List.of());
  }

  /** The result as text: a table, then what was left out. */
  public static String table(Result r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("news-topics evaluate: run %s against %s%n", r.runId(), r.labelFile()));
    b.append(String.format("  labelled lines: %d, articles of the run matched: %d, ids not in the run: %d%s%n",
        r.labelled(), r.matched(), r.unknownIds(),
        r.unknownExamples().isEmpty() ? "" : " (e.g. " + String.join(", ", r.unknownExamples()) + ")"));
    if (!r.problems().isEmpty()) {
      b.append("  left out: ").append(r.problems()).append(System.lineSeparator());
    }
    b.append(String.format("  %-22s %8s %8s %9s %7s %6s %6s %9s %9s%n", "theme", "roc_auc", "avg_prec",
        "precision", "recall", "f1", "ece", "positives", "negatives"));
    for (ThemeMetrics t : r.themes()) {
      Map<String, Double> v = t.values();
      b.append(String.format("  %-22s %8.4f %8.4f %9.4f %7.4f %6.4f %6.4f %9.0f %9.0f%n", t.theme(), v.get("roc_auc"),
          v.get("average_precision"), v.get("precision"), v.get("recall"), v.get("f1"), v.get("ece"),
          v.get("positives"), v.get("negatives")));
    }
    return b.toString();
  }

  /** The result as JSON Lines: one object per theme with run_id, theme and every metric (NaN as null). */
  public static String json(Result r) {
    StringBuilder b = new StringBuilder();
    for (ThemeMetrics t : r.themes()) {
      b.append("{\"run_id\": \"").append(r.runId()).append("\", \"theme\": \"")
          .append(t.theme().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      t.values().forEach((m, v) -> b.append(", \"").append(m).append("\": ")
          .append(v.isNaN() ? "null" : m.equals("positives") || m.equals("negatives")
              ? String.valueOf(v.longValue()) : String.valueOf(v)));
      b.append('}').append(System.lineSeparator());
    }
    return b.toString();
  }
}
