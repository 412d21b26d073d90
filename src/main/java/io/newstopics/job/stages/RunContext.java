package io.newstopics.job.stages;

import io.newstopics.config.JobConfig;
import io.newstopics.job.RunRecorder;
import io.newstopics.tables.Warehouse;
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
}
