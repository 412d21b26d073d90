package io.newstopics.cli;

import org.apache.spark.sql.SparkSession;

/**
 * The session the CLI runs in. The master is never set here: spark-submit or bin/news-topics decides it
 * ({@code -Dspark.master=local[*]} locally). Delta's extension and catalog are set unless already given; on a local
 * master, Delta's snapshot partitions are 4 unless given.
 */
public final class SparkSessions {
  static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.sql.extensions") == null) {
      b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    }
    if (System.getProperty("spark.sql.catalog.spark_catalog") == null) {
      b.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
    // Delta rebuilds a table's state from its log with 50 tasks (spark.databricks.delta.snapshotPartitions); our
    // logs are small, and on a local master those 50 tasks cost 1-2.5 s per snapshot, a dozen times a run.
    String master = System.getProperty("spark.master", "");
    if (master.startsWith("local") && System.getProperty(SNAPSHOT_PARTITIONS) == null) {
      b.config(SNAPSHOT_PARTITIONS, "4");
    }
    return b.getOrCreate();
  }
}
