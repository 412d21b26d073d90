package io.newstopics.job;

import static org.apache.spark.sql.functions.col;

import io.newstopics.config.ConfigException;
import io.newstopics.config.JobConfig;
import io.newstopics.config.SettingsFile;
import io.newstopics.features.TermFeatures;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import io.newstopics.text.LemmaMerges;
import io.newstopics.themes.ThemeClassifier;
import io.newstopics.topics.TopicModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.clustering.DistributedLDAModel;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.ElementwiseProduct;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fitted model of a training run, saved under {@code <warehouse>/models/<run_id>/} with Spark ML persistence so
 * that {@link ScoreJob} transforms new articles exactly as the run transformed its own:
 * <ul>
 *   <li>{@code count_vectorizer/}, {@code idf/}: the vocabulary (CountVectorizerModel) and its IDF (IDFModel);</li>
 *   <li>{@code language_weights/}: the LDA input weights ({@link TopicModel#languageWeights}) as an
 *       ElementwiseProduct; absent when the run used none;</li>
 *   <li>{@code lda/}: the LDA model (a LocalLDAModel, also for the em optimizer);</li>
 *   <li>{@code vocabulary/}, {@code topic_themes/}: Parquet, the run's news.vocabulary rows (display forms) and its
 *       topic themes (topic_id, theme, theme_confidence);</li>
 *   <li>{@code theme_classifier/}: Parquet, the theme classifiers' weights (theme, source, feature, weight:
 *       {@link ThemeClassifier.Fitted#asTable});</li>
 *   <li>{@code boilerplate/}: Parquet, the keys of the lines the run removed as boilerplate
 *       ({@link io.newstopics.text.BoilerplateRemover}): a few articles scored together are too few to find them;</li>
 *   <li>{@code lemma_merges/}: Parquet, the run's lemma merges ({@link io.newstopics.text.LemmaMerges}: term, lemma),
 *       so that scored articles get the vocabulary's terms; absent in models saved before them (none applied);</li>
 *   <li>{@code job_config.conf}: the run's effective configuration (text preparation with its stopword lists,
 *       concepts, theme lexicons, model options) as readable HOCON ({@link SettingsFile}), read back through the
 *       checks of a --conf file; never Java serialization, which would run code from a shared folder;</li>
 *   <li>{@code model.json}: written last; a model folder without it is incomplete and is never used.</li>
 * </ul>
 */
public record SavedModel(String runId, JobConfig cfg, Dataset<Row> boilerplate, Dataset<Row> lemmaMerges,
                         CountVectorizerModel counts, IDFModel idf, Vector languageWeights, LDAModel lda,
                         Dataset<Row> vocabulary, Dataset<Row> topicThemes, ThemeClassifier.Fitted themes) {
  private static final Logger LOG = LoggerFactory.getLogger(SavedModel.class);

  /** parameters['model_path'] of a training run in news.runs: where its model is. */
  public static final String MODEL_PATH = "model_path";
  public static final String LATEST = "latest";
  private static final String DONE = "model.json";

  /** {@code <warehouse>/models}. */
  public static String modelsRoot(Warehouse warehouse) {
    return warehouse.root() + "/models";
  }

  public static String path(Warehouse warehouse, String runId) {
    return modelsRoot(warehouse) + "/" + runId;
  }

  /** The LDA input: {@code tf} term counts, weighted by the language weights when there are some. */
  public Dataset<Row> ldaInput(Dataset<Row> vectors) {
    return languageWeights == null ? vectors : TopicModel.reweight(vectors, languageWeights);
  }

  public TermFeatures.Fitted features() {
    return new TermFeatures.Fitted(counts, idf, vocabulary);
  }

  /** Saves (overwrites) the model of the run; returns its path. */
  public String save(SparkSession spark, Warehouse warehouse) {
    String dir = path(warehouse, runId);
    try {
      FileSystem fs = new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(new Path(dir, DONE), false);
      counts.write().overwrite().save(dir + "/count_vectorizer");
      idf.write().overwrite().save(dir + "/idf");
      fs.delete(new Path(dir, "language_weights"), true);
      if (languageWeights != null) {
        new ElementwiseProduct().setScalingVec(languageWeights).setInputCol("tf_counts").setOutputCol("tf")
            .write().overwrite().save(dir + "/language_weights");
      }
      LDAModel local = lda.isDistributed() ? ((DistributedLDAModel) lda).toLocal() : lda;
      local.write().overwrite().save(dir + "/lda");
      vocabulary.select("term_index", "stem", "term", "doc_freq", "idf").write().mode("overwrite")
          .parquet(dir + "/vocabulary");
      boilerplate.select("key").write().mode("overwrite").parquet(dir + "/boilerplate");
      lemmaMerges.select("term", "lemma").write().mode("overwrite").parquet(dir + "/lemma_merges");
      topicThemes.select("topic_id", "theme", "theme_confidence").write().mode("overwrite")
          .parquet(dir + "/topic_themes");
      themes.asTable(spark).write().mode("overwrite").parquet(dir + "/theme_classifier");
      try (var out = fs.create(new Path(dir, SettingsFile.NAME), true)) {
        out.write(SettingsFile.render(cfg, runId).getBytes(StandardCharsets.UTF_8));
      }
      try (var out = fs.create(new Path(dir, DONE), true)) {
        out.write(("{\"run_id\": \"" + runId + "\", \"k\": " + lda.getK() + ", \"vocabulary_size\": "
            + counts.vocabulary().length + "}\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the model of run " + runId + " to " + dir
          + " (check that the warehouse is writable)", e);
    }
    LOG.info("[{}] model saved to {}", runId, dir);
    return dir;
  }

  /**
   * The model of {@code model}: a run_id, or {@code latest}, the latest succeeded training run with a saved model.
   * A missing model is a {@link ConfigException} that says what to do.
   */
  public static SavedModel load(SparkSession spark, Warehouse warehouse, String model) {
    String runId = LATEST.equals(model) ? latest(spark, warehouse) : model;
    if (!runId.matches("[A-Za-z0-9_.-]+")) {
      throw new ConfigException("--model takes a run_id of news.runs or 'latest', not '" + model + "'");
    }
    String dir = path(warehouse, runId);
    if (!exists(spark, dir + "/" + DONE)) {
      throw new ConfigException("no saved model for run " + runId + " under " + modelsRoot(warehouse)
          + " (run `bin/news-topics run` first, or pick a run_id from news.runs with --model)");
    }
    JobConfig cfg = settings(spark, runId, dir);
    Vector weights = exists(spark, dir + "/language_weights")
        ? ElementwiseProduct.load(dir + "/language_weights").getScalingVec() : null;
    LOG.info("Scoring with the model of run {} ({})", runId, dir);
    Dataset<Row> boilerplate = exists(spark, dir + "/boilerplate") ? spark.read().parquet(dir + "/boilerplate") : null;
    Dataset<Row> merges = exists(spark, dir + "/lemma_merges") ? spark.read().parquet(dir + "/lemma_merges")
        : spark.createDataFrame(List.of(), LemmaMerges.SCHEMA);
    if (!exists(spark, dir + "/theme_classifier")) {
      throw new ConfigException("the model of run " + runId + " was saved by an older version of news-topics (it has "
          + "no theme_classifier/); train a new one with `bin/news-topics run`");
    }
    return new SavedModel(runId, cfg, boilerplate, merges, CountVectorizerModel.load(dir + "/count_vectorizer"),
        IDFModel.load(dir + "/idf"), weights, LocalLDAModel.load(dir + "/lda"),
        spark.read().parquet(dir + "/vocabulary"), spark.read().parquet(dir + "/topic_themes"),
        ThemeClassifier.Fitted.fromTable(spark.read().parquet(dir + "/theme_classifier")));
  }

  /**
   * The run's settings ({@code job_config.conf}). A folder saved by an older version (Java-serialised
   * {@code job_config.ser} only), or whose settings file is missing or damaged, is a {@link ConfigException} that
   * names the folder and what to do.
   */
  private static JobConfig settings(SparkSession spark, String runId, String dir) {
    String what = "; train a model again with `bin/news-topics run`, or pick another one with `score --model RUN_ID` "
        + "(the runs: bin/news-topics sql \"SELECT run_id FROM news.runs WHERE status = 'succeeded'\")";
    Path p = new Path(dir, SettingsFile.NAME);
    String text;
    try (var in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      boolean old = exists(spark, dir + "/job_config.ser");
      throw new ConfigException("the model folder " + dir + (old
          ? " was saved by an older version of news-topics (its settings are in job_config.ser, Java serialization, "
            + "which this version does not read)"
          : " has no " + SettingsFile.NAME + " (the model is incomplete or damaged)") + what);
    } catch (IOException e) { // a checksum error included: the file was changed or cut
      throw new ConfigException("the model folder " + dir + " has a damaged " + SettingsFile.NAME + " ("
          + e.getMessage() + ")" + what, e);
    }
    try {
      return SettingsFile.parse(text, dir + "/" + SettingsFile.NAME);
    } catch (ConfigException e) {
      throw new ConfigException("the model folder " + dir + " has settings this version cannot use: "
          + e.getMessage() + what, e);
    }
  }

  /** The latest succeeded training run whose model folder is complete. Reads news.runs: one row per run. */
  public static String latest(SparkSession spark, Warehouse warehouse) {
    List<Row> runs = warehouse.read(Tables.RUNS)
        .where(col("status").equalTo("succeeded")
            .and(col("parameters").getItem(MODEL_PATH).isNotNull())
            .and(org.apache.spark.sql.functions.coalesce(col("parameters").getItem(RunRecorder.KIND),
                org.apache.spark.sql.functions.lit(RunRecorder.KIND_RUN)).equalTo(RunRecorder.KIND_RUN)))
        .orderBy(col("finished_at").desc(), col("run_id").desc())
        .select("run_id").limit(100).collectAsList();
    for (Row r : runs) {
      if (exists(spark, path(warehouse, r.getString(0)) + "/" + DONE)) {
        return r.getString(0);
      }
      LOG.warn("Run {} recorded a model, but {} is missing or incomplete: skipped", r.getString(0),
          path(warehouse, r.getString(0)));
    }
    throw new ConfigException("the warehouse " + warehouse.root() + " has no saved model under "
        + modelsRoot(warehouse) + " (run `bin/news-topics run` first, or pick a run_id from news.runs)");
  }

  private static boolean exists(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("could not look for " + path, e);
    }
  }
}
