package io.newstopics.job.stages;

import io.newstopics.config.JobConfig;
import io.newstopics.job.RunRecorder;
import io.newstopics.tables.Warehouse;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every stage of a run reads from and records to: the session, the run's configuration, its warehouse, its row
 * of news.runs (stage timings and metrics) and the caches unpersisted when the run ends.
 */
public record RunContext(SparkSession spark, JobConfig cfg, Warehouse warehouse, RunRecorder run, Caches caches) {
  /** {@code d}, persisted until the run ends ({@link Caches#keep}). */
  public Dataset<Row> keep(Dataset<Row> d) {
    return caches.keep(d);
  }

  /**
   * Runs {@code pipeline} as the run {@code run} (already recorded as started): marks it succeeded when the pipeline
   * returns, failed with the error when it throws, and unpersists the run's caches after either.
   */
  public static <T> T execute(SparkSession spark, JobConfig cfg, Warehouse warehouse, RunRecorder run,
                              Function<RunContext, T> pipeline) {
    Caches caches = new Caches();
    try {
      T result = pipeline.apply(new RunContext(spark, cfg, warehouse, run, caches));
      run.succeeded();
      return result;
    } catch (Throwable e) { // Spark's AnalysisException is checked to Java: catch everything, record, rethrow
      run.failed(e);
      throw e;
    } finally {
      caches.close(); // after the run is recorded, whatever happened
    }
  }
}
