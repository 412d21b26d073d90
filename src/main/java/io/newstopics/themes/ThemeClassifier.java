package io.newstopics.themes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.newstopics.config.JobConfig.ThemeOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P(theme | article): per theme, a logistic regression over the article's evidence for the theme (lexicon hits,
 * distinct lexicon entries, lexicon density, topic score: {@link #EVIDENCE}) and its top TF-IDF terms, fitted with
 * Spark MLlib in each run:
 * <ul>
 *   <li>from analysts' labels ({@code themes.training-labels}) for each theme they cover with at least
 *       {@code themes.min-training-examples} positives and negatives in the run's corpus;</li>
 *   <li>else by weak supervision from the lexicons: the prior ({@code themes.prior}, fitted once on labelled news)
 *       scores each article's evidence, and a regression over the article's other terms learns to predict it (each
 *       article a positive weighted by its prior probability and a negative weighted by the rest); the terms'
 *       log-odds, centred on the corpus' mean, are added to the prior's with the weight
 *       {@code themes.context-weight}, so that an article about the theme in words the lexicon lacks rises too;</li>
 *   <li>else (a corpus too small to learn from, or {@code themes.context-weight} 0) the prior itself.</li>
 * </ul>
 * A theme is present when its probability reaches {@code themes.threshold}.
 */
public final class ThemeClassifier {
  private static final Logger LOG = LoggerFactory.getLogger(ThemeClassifier.class);

  /** The evidence features, in this order in {@link Weights#evidence}. */
  public static final List<String> EVIDENCE = List.of("log_hits", "log_entries", "density", "topic_score",
      "log_related");
  public static final String FROM_LABELS = "labels";
  public static final String FROM_LEXICON = "lexicon";
  public static final String FROM_PRIOR = "prior";
  /**
   * The intercept and evidence features enter the regression multiplied by this, so that the L2 penalty shrinks
   * their weights 25 times less than the terms': a few strong features, many weak ones.
   */
  static final double EVIDENCE_SCALE = 5.0;

  private ThemeClassifier() {}

  /**
   * One theme's model: intercept, evidence weights, and term weights by term_index (the run's vocabulary);
   * {@code source}: what it was fitted from (labels, lexicon or prior).
   */
  public record Weights(String theme, String source, double intercept, double[] evidence, Map<Integer, Double> terms)
      implements Serializable {
    double margin(double[] x, Row[] topTerms) {
      double m = intercept;
      for (int i = 0; i < x.length; i++) {
        m += evidence[i] * x[i];
      }
      if (topTerms != null) {
        for (Row t : topTerms) {
          Double w = terms.get(t.getInt(0));
          if (w != null) {
            m += w * t.getDouble(1);
          }
        }
      }
      return m;
    }
  }

  /** The fitted themes, in name order. */
  public record Fitted(List<Weights> themes) implements Serializable {
    public Weights of(String theme) {
      return themes.stream().filter(w -> w.theme().equals(theme)).findFirst().orElse(null);
    }

    /** One row per theme and feature: theme, source, feature (intercept, an evidence name, or term:<index>), weight. */
    public Dataset<Row> asTable(SparkSession spark) {
      List<Row> rows = new ArrayList<>();
      for (Weights w : themes) {
        rows.add(RowFactory.create(w.theme(), w.source(), "intercept", w.intercept()));
        for (int i = 0; i < EVIDENCE.size(); i++) {
          rows.add(RowFactory.create(w.theme(), w.source(), EVIDENCE.get(i), w.evidence()[i]));
        }
        w.terms().forEach((k, v) -> rows.add(RowFactory.create(w.theme(), w.source(), "term:" + k, v)));
      }
      return spark.createDataFrame(rows, TABLE);
    }

    /** The inverse of {@link #asTable}. */
    public static Fitted fromTable(Dataset<Row> table) {
      Map<String, Object[]> byTheme = new java.util.TreeMap<>();
      for (Row r : table.collectAsList()) { // one row per theme and learned term: the model, not the corpus
        Object[] w = byTheme.computeIfAbsent(r.getString(0),
            x -> new Object[] {r.getString(1), new double[1], new double[EVIDENCE.size()],
                new HashMap<Integer, Double>()});
        String feature = r.getString(2);
        double v = r.getDouble(3);
        if (feature.equals("intercept")) {
          ((double[]) w[1])[0] = v;
        } else if (feature.startsWith("term:")) {
          @SuppressWarnings("unchecked") Map<Integer, Double> terms = (Map<Integer, Double>) w[3];
          terms.put(Integer.parseInt(feature.substring(5)), v);
        } else {
          ((double[]) w[2])[EVIDENCE.indexOf(feature)] = v;
        }
      }
      List<Weights> out = new ArrayList<>();
      byTheme.forEach((theme, w) -> {
        @SuppressWarnings("unchecked") Map<Integer, Double> terms = (Map<Integer, Double>) w[3];
        out.add(new Weights(theme, (String) w[0], ((double[]) w[1])[0], (double[]) w[2], terms));
      });
      return new Fitted(out);
    }
  }

  static final StructType TABLE = new StructType().add("theme", "string").add("source", "string")
      .add("feature", "string").add("weight", "double");

  /**
   * The evidence features of each (article, theme) row, as an array in {@link #EVIDENCE} order, from columns hits,
   * entries, lexical density (hits / terms) and topic_score.
   */
  static Column evidence(ThemeOptions o) {
    return org.apache.spark.sql.functions.array(
        org.apache.spark.sql.functions.log1p(col("hits")),
        org.apache.spark.sql.functions.log1p(col("entries")),
        org.apache.spark.sql.functions.least(lit(1.0), col("density").divide(lit(o.saturationDensity()))),
        col("topic_score"),
        org.apache.spark.sql.functions.log1p(col("related")));
  }

  /**
   * Fits every theme.
   *
   * @param rows article_id, theme, hits, entries, x (evidence, {@link #evidence}), top_terms (may be null): every
   *     article and theme
   * @param labels article_id, theme, label (1.0 or 0.0) of the labelled articles, for the themes the labels cover;
   *     null when none are configured
   * @param vocabularySize the run's vocabulary size (term indices of top_terms)
   * @param lexiconTerms term indices of the lexicons' own words: weak supervision learns no weight for them (their
   *     evidence is counted already)
   */
  public static Fitted fit(Dataset<Row> rows, Dataset<Row> labels, List<String> themes, int vocabularySize,
                           java.util.Set<Integer> lexiconTerms, ThemeOptions o) {
    if (labels == null && o.contextWeight() == 0) { // nothing to learn from: no pass over the articles
      return prior(themes, o, Map.of());
    }
    Map<String, String> source = new java.util.TreeMap<>();
    Map<String, long[]> labelCounts = labels == null ? Map.of() : classCounts(labels);
    // articles with and without a lexicon hit: needed only where weak supervision may learn
    Map<String, long[]> evidenceCounts = o.contextWeight() == 0 ? Map.of() : classCounts(rows.select(col("theme"),
        when(col("hits").gt(0), lit(1.0)).otherwise(lit(0.0)).as("label")));
    int min = o.minTrainingExamples();
    for (String theme : themes) {
      long[] l = labelCounts.get(theme);
      long[] w = evidenceCounts.get(theme);
      source.put(theme, l != null && l[0] >= min && l[1] >= min ? FROM_LABELS
          : o.contextWeight() > 0 && w != null && w[0] >= min && w[1] >= min ? FROM_LEXICON : FROM_PRIOR);
    }
    List<String> learned = themes.stream().filter(t -> !source.get(t).equals(FROM_PRIOR)).toList();
    Fitted prior = prior(themes, o, Map.of());
    if (learned.isEmpty()) {
      LOG.info("Themes: too few articles to learn from (themes.min-training-examples = {}): the prior for {}",
          o.minTrainingExamples(), themes);
      return prior;
    }
    List<String> weak = learned.stream().filter(t -> source.get(t).equals(FROM_LEXICON)).toList();
    Dataset<Row> training = trainingRows(rows, labels, source, learned, prior, o);
    int blocks = learned.size();
    int width = 1 + EVIDENCE.size() + vocabularySize;
    // one block of features per theme: its intercept, its evidence (labelled themes only: a weakly supervised
    // theme keeps the prior's evidence weights and learns its terms), its terms
    UDF3<String, scala.collection.Seq<Double>, scala.collection.Seq<Row>, Vector> encode = (theme, x, top) -> {
      int base = learned.indexOf(theme) * width;
      boolean isWeak = weak.contains(theme);
      java.util.TreeMap<Integer, Double> v = new java.util.TreeMap<>();
      v.put(base, EVIDENCE_SCALE);
      for (int i = 0; i < x.length() && !isWeak; i++) {
        v.put(base + 1 + i, EVIDENCE_SCALE * x.apply(i));
      }
      if (top != null) {
        for (int i = 0; i < top.length(); i++) {
          Row t = top.apply(i);
          if (!isWeak || !lexiconTerms.contains(t.getInt(0))) {
            v.merge(base + 1 + EVIDENCE.size() + t.getInt(0), t.getDouble(1), Double::sum);
          }
        }
      }
      return Vectors.sparse(blocks * width, v.keySet().stream().mapToInt(Integer::intValue).toArray(),
          v.values().stream().mapToDouble(Double::doubleValue).toArray());
    };
    // every theme's rows weigh the same in all, so that the regularisation means the same to each theme however
    // many rows it has (MLlib divides the loss by the sum of all weights)
    Map<String, Double> themeWeight = new HashMap<>();
    for (Row r : training.groupBy("theme").agg(org.apache.spark.sql.functions.sum("weight")).collectAsList()) {
      themeWeight.put(r.getString(0), r.getDouble(1)); // one row per theme
    }
    Column perTheme = lit(1.0);
    for (var e : themeWeight.entrySet()) {
      perTheme = when(col("theme").equalTo(e.getKey()), lit(1.0 / e.getValue())).otherwise(perTheme);
    }
    Dataset<Row> encoded = training.withColumn("weight", col("weight").multiply(perTheme).multiply(lit(1000.0)))
        .select(
        udf(encode, SQLDataTypes.VectorType()).apply(col("theme"), col("x"), col("top_terms")).as("features"),
        col("label"), col("weight"))
        // few rows, many iterations: each iteration is a Spark job, one task per core costs least
        .coalesce(rows.sparkSession().sparkContext().defaultParallelism())
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      double[] beta = new LogisticRegression()
          .setFitIntercept(false) // one intercept feature per theme
          .setStandardization(false)
          .setRegParam(o.regularization() / blocks) // per theme: o.regularization()
          .setElasticNetParam(0.0)
          .setMaxIter(o.maxIterations())
          .setWeightCol("weight")
          .fit(encoded).coefficients().toArray();
      Map<String, Double> meanPrior = weak.isEmpty() ? Map.of() : meanPrior(training);
      List<Weights> out = new ArrayList<>();
      for (String theme : themes) {
        int b = learned.indexOf(theme);
        if (b < 0) {
          out.add(prior.of(theme));
          continue;
        }
        int base = b * width;
        boolean isWeak = weak.contains(theme);
        // weak: the context's log-odds, centred on the corpus' mean prior, added to the prior's with a weight
        double scale = isWeak ? o.contextWeight() : 1.0;
        Map<Integer, Double> terms = new HashMap<>();
        for (int i = 0; i < vocabularySize; i++) {
          double w = scale * beta[base + 1 + EVIDENCE.size() + i];
          if (Math.abs(w) >= 1e-4) {
            terms.put(i, w);
          }
        }
        Weights p = prior.of(theme);
        out.add(isWeak
            ? new Weights(theme, FROM_LEXICON,
                p.intercept() + scale * (EVIDENCE_SCALE * beta[base] - logit(meanPrior.get(theme))), p.evidence(),
                terms)
            : new Weights(theme, FROM_LABELS, EVIDENCE_SCALE * beta[base], java.util.Arrays.stream(
                java.util.Arrays.copyOfRange(beta, base + 1, base + 1 + EVIDENCE.size()))
                .map(w -> EVIDENCE_SCALE * w).toArray(), terms));
      }
      LOG.info("Themes fitted: {}", source);
      return new Fitted(out);
    } finally {
      encoded.unpersist();
    }
  }

  /** The weighted mean of the prior probability per weakly supervised theme, over its training rows. */
  private static Map<String, Double> meanPrior(Dataset<Row> training) {
    Map<String, Double> out = new HashMap<>();
    for (Row r : training.where(col("weak")).groupBy("theme").agg(
        org.apache.spark.sql.functions.sum(col("weight").multiply(col("label"))),
        org.apache.spark.sql.functions.sum(col("weight"))).collectAsList()) { // one row per theme
      out.put(r.getString(0), r.getDouble(1) / r.getDouble(2));
    }
    return out;
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    return Math.log(q / (1 - q));
  }

  /** Positives ([1]) and negatives ([0]) per theme, from columns theme and label. */
  private static Map<String, long[]> classCounts(Dataset<Row> labelled) {
    Map<String, long[]> out = new HashMap<>();
    for (Row r : labelled.groupBy("theme").agg(
        org.apache.spark.sql.functions.sum(when(col("label").equalTo(0.0), 1).otherwise(0)),
        org.apache.spark.sql.functions.sum(when(col("label").equalTo(1.0), 1).otherwise(0))).collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}); // one row per theme
    }
    return out;
  }

  /** The prior of every theme (its own, else {@code themes.prior}): no term weights. */
  static Fitted prior(List<String> themes, ThemeOptions o, Map<String, String> source) {
    Map<String, List<Double>> own = new HashMap<>();
    o.lexicons().forEach(t -> own.put(t.name(), t.prior()));
    List<Weights> out = new ArrayList<>();
    for (String theme : themes) {
      List<Double> p = own.getOrDefault(theme, List.of()).isEmpty() ? o.prior() : own.get(theme);
      out.add(new Weights(theme, source.getOrDefault(theme, FROM_PRIOR), p.get(0),
          p.subList(1, p.size()).stream().mapToDouble(Double::doubleValue).toArray(), Map.of()));
    }
    return new Fitted(out);
  }

  /**
   * The training rows (theme, x, top_terms, label, weight, weak): the labelled articles of themes learned from
   * labels; for themes learned from the lexicon, every article with a lexicon hit and a sample of the others (at most
   * themes.train-articles per theme, weighted back to all of them), each twice: a positive weighted by its prior
   * probability and a negative weighted by the rest.
   */
  private static Dataset<Row> trainingRows(Dataset<Row> rows, Dataset<Row> labels, Map<String, String> source,
                                           List<String> learned, Fitted prior, ThemeOptions o) {
    List<String> fromLabels = learned.stream().filter(t -> source.get(t).equals(FROM_LABELS)).toList();
    List<String> fromLexicon = learned.stream().filter(t -> source.get(t).equals(FROM_LEXICON)).toList();
    Dataset<Row> out = null;
    if (!fromLabels.isEmpty()) {
      out = rows.join(labels.where(col("theme").isin(fromLabels.toArray())), new String[] {"article_id", "theme"})
          .select(col("theme"), col("x"), col("top_terms"), col("label"), lit(1.0).as("weight"),
              lit(false).as("weak"));
    }
    if (!fromLexicon.isEmpty()) {
      Dataset<Row> candidates = rows.where(col("theme").isin(fromLexicon.toArray()));
      Map<String, Double> rate = new HashMap<>();
      for (Row r : candidates.groupBy("theme").agg(
          org.apache.spark.sql.functions.sum(when(col("hits").equalTo(0), 1).otherwise(0))).collectAsList()) {
        rate.put(r.getString(0), Math.min(1.0, o.trainArticles() / Math.max(1.0, r.getLong(1)))); // one row a theme
      }
      Column sampleRate = lit(1.0);
      for (var e : rate.entrySet()) {
        sampleRate = when(col("theme").equalTo(e.getKey()), lit(e.getValue())).otherwise(sampleRate);
      }
      // a hash of the article, so that the same corpus trains on the same sample
      Column u = org.apache.spark.sql.functions.abs(org.apache.spark.sql.functions.xxhash64(col("article_id")))
          .mod(lit(1_000_000)).divide(lit(1_000_000.0));
      Column withHit = col("hits").gt(0);
      Map<String, Weights> byTheme = new HashMap<>();
      prior.themes().forEach(w -> byTheme.put(w.theme(), w));
      org.apache.spark.sql.api.java.UDF2<String, scala.collection.Seq<Double>, Double> p0 = (theme, x) ->
          sigmoid(byTheme.get(theme).margin(toArray(x), null));
      Dataset<Row> kept = candidates.where(withHit.or(u.lt(sampleRate)))
          .withColumn("p0", udf(p0, DataTypes.DoubleType).apply(col("theme"), col("x")))
          .withColumn("w", when(withHit, lit(1.0)).otherwise(lit(1.0).divide(sampleRate)));
      Dataset<Row> soft = kept.select(col("theme"), col("x"), col("top_terms"), lit(1.0).as("label"),
              col("w").multiply(col("p0")).as("weight"), lit(true).as("weak"))
          .union(kept.select(col("theme"), col("x"), col("top_terms"), lit(0.0).as("label"),
              col("w").multiply(lit(1.0).minus(col("p0"))).as("weight"), lit(true).as("weak")));
      out = out == null ? soft : out.union(soft);
    }
    return out;
  }

  private static double[] toArray(scala.collection.Seq<Double> x) {
    double[] v = new double[x.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = x.apply(i);
    }
    return v;
  }

  static double sigmoid(double m) {
    return 1.0 / (1.0 + Math.exp(-m));
  }

  /** Adds probability to rows of theme, x, top_terms. */
  public static Dataset<Row> probabilities(Dataset<Row> rows, Fitted fitted) {
    Map<String, Weights> byTheme = new HashMap<>();
    fitted.themes().forEach(w -> byTheme.put(w.theme(), w));
    UDF3<String, scala.collection.Seq<Double>, scala.collection.Seq<Row>, Double> p = (theme, x, top) -> {
      Row[] t = top == null ? null : scala.jdk.javaapi.CollectionConverters.asJava(top).toArray(new Row[0]);
      return sigmoid(byTheme.get(theme).margin(toArray(x), t));
    };
    return rows.withColumn("probability", udf(p, DataTypes.DoubleType)
        .apply(col("theme"), col("x"), col("top_terms")));
  }

  /** L2-normalised top terms (term_index, tfidf) of each article, from column top_terms; null stays null. */
  static Column normalisedTopTerms(Column top) {
    Column norm = org.apache.spark.sql.functions.sqrt(org.apache.spark.sql.functions.aggregate(top, lit(0.0),
        (acc, t) -> acc.plus(t.getField("tfidf").multiply(t.getField("tfidf")))));
    return org.apache.spark.sql.functions.transform(top, t -> org.apache.spark.sql.functions.struct(
        t.getField("term_index").as("term_index"),
        when(norm.gt(0), t.getField("tfidf").divide(norm)).otherwise(lit(0.0)).as("tfidf")));
  }
}
