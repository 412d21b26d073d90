package io.newstopics.topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ends of an online LDA fit run by {@link OnlineLda}, through Spark ML's public API: the start is Spark ML's
 * own random start (a fit of 0 iterations with the same parameters), and the fitted topics become a Spark ML
 * {@link LocalLDAModel} through Spark ML persistence (the start model saved, its topics and alpha replaced in its
 * data file, loaded back). Spark ML has no initial-model parameter and no public model constructor for LDA.
 */
final class SeededLda {
  private static final Logger LOG = LoggerFactory.getLogger(SeededLda.class);

  private SeededLda() {}

  /** Spark ML's start for {@code lda} on {@code tf} (column {@code tf}), and that start as a model. */
  record Start(OnlineLda.Start state, LDAModel model) {}

  /**
   * {@code lda}'s random start: the topics, alpha and eta its online optimizer begins with (they depend on the seed,
   * k, the parameters and the vocabulary size only, so one article is enough to make them).
   */
  static Start start(LDA lda, Dataset<Row> tf) {
    LDAModel zero = lda.copy(new ParamMap().put(lda.maxIter(), 0)).fit(tf.limit(1));
    int k = zero.getK();
    int vocab = zero.vocabSize();
    double[] lambda = LdaMath.byTerm(zero.topicsMatrix().toArray(), vocab, k);
    return new Start(new OnlineLda.Start(lambda, k, vocab, zero.getEffectiveDocConcentration(),
        zero.getEffectiveTopicConcentration()), zero);
  }

  /**
   * The model of {@code fit}, with the parameters of {@code lda} (as {@code lda.fit} would give it): {@code start}'s
   * model saved in a scratch folder, the topics matrix and document concentration of its one data row replaced, read
   * back with {@link LocalLDAModel#load}. The scratch folder is deleted.
   */
  static LocalLDAModel model(LDA lda, Start start, OnlineLda.Fit fit) {
    SparkSession spark = SparkSession.active();
    Path dir = scratch(spark);
    try {
      String path = dir.toString();
      start.model().write().save(path);
      Dataset<Row> data = spark.read().parquet(path + "/data");
      Row row = data.first(); // Spark ML persistence of an LDA model: one row
      Object[] values = new Object[row.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i);
      }
      values[row.fieldIndex("topicsMatrix")] = Matrices.dense(fit.vocab(), fit.k(), fit.topicsMatrix());
      values[row.fieldIndex("docConcentration")] = Vectors.dense(fit.alpha());
      spark.createDataFrame(List.of(RowFactory.create(values)), data.schema()).write().parquet(path + "/fitted");
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.delete(new Path(dir, "data"), true) || !fs.rename(new Path(dir, "fitted"), new Path(dir, "data"))) {
        throw new IOException("could not replace " + dir + "/data");
      }
      LocalLDAModel loaded = LocalLDAModel.load(path);
      return loaded.copy(new ParamMap().put(loaded.maxIter(), lda.getMaxIter()));
    } catch (IOException e) {
      throw new UncheckedIOException("LDA: could not write the fitted model to the scratch folder " + dir, e);
    } finally {
      deleteQuietly(spark, dir);
    }
  }

  /**
   * A new folder for the model's files: in the JVM's temporary folder on a local master, else in the user's home
   * folder of the default file system (shared by the executors that write the files).
   */
  private static Path scratch(SparkSession spark) {
    String name = "news-topics-lda-" + UUID.randomUUID();
    try {
      if (spark.sparkContext().isLocal()) {
        return new Path(new java.io.File(System.getProperty("java.io.tmpdir"), name).toURI());
      }
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      FileSystem fs = FileSystem.get(conf);
      return fs.makeQualified(new Path(fs.getHomeDirectory(), ".news-topics-tmp/" + name));
    } catch (IOException e) {
      throw new UncheckedIOException("LDA: no scratch folder for the fitted model on the default file system", e);
    }
  }

  private static void deleteQuietly(SparkSession spark, Path dir) {
    try {
      dir.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(dir, true);
    } catch (IOException | RuntimeException e) {
      LOG.warn("LDA: could not delete the scratch folder {} (one model's files; safe to delete): {}", dir, e.toString());
    }
  }
}
