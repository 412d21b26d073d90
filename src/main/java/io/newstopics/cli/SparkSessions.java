package io.newstopics.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The session the CLI runs in. The master is never set here: spark-submit or bin/news-topics decides it
 * ({@code -Dspark.master=local[*]} locally). Delta's extension and catalog are set unless already given, and so
 * is a larger cache of generated code ({@link #DEFAULTS}); on a local master, so are {@link #LOCAL_DEFAULTS}. A
 * value given by {@code --conf} or {@code -D} always wins.
 */
public final class SparkSessions {
  static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  /**
   * Every master. Spark keeps the last 100 generated classes by default ({@code spark.sql.codegen.cache.maxEntries});
   * a run generates several hundred distinct ones (one set per query, Delta's included), which a cache of 2000
   * holds, so a query that runs again is not compiled again.
   */
  public static final Map<String, String> DEFAULTS = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      "spark.sql.codegen.cache.maxEntries", "2000");

  /**
   * Local masters (one JVM, a few cores). Delta rebuilds a table's state from its log with 50 tasks by default; our
   * logs are small, and 4 tasks do it without the per-task cost on a few cores. Whole-stage code generation is off:
   * each query's generated class is compiled for code that runs once, on the same cores as the tasks
   * (docs/benchmarks.md). On a cluster, with more cores per JVM and more rows per query, Spark's defaults stay. The
   * local file system is {@link io.newstopics.spark.LocalFiles}: Hadoop's, without a child process per file.
   */
  public static final Map<String, String> LOCAL_DEFAULTS = Map.of(
      SNAPSHOT_PARTITIONS, "4",
      "spark.sql.codegen.wholeStage", "false",
      "spark.hadoop.fs.file.impl", io.newstopics.spark.LocalFiles.FileSystem.class.getName(),
      "spark.hadoop.fs.AbstractFileSystem.file.impl", io.newstopics.spark.LocalFiles.Fs.class.getName());

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    defaults(System.getProperty("spark.master", "")).forEach((key, value) -> {
      if (System.getProperty(key) == null) {
        b.config(key, value);
      }
    });
    return b.getOrCreate();
  }

  /** The settings the app gives a session on {@code master}: {@link #DEFAULTS}, and {@link #LOCAL_DEFAULTS} locally. */
  public static Map<String, String> defaults(String master) {
    Map<String, String> defaults = new LinkedHashMap<>(DEFAULTS);
    if (master.startsWith("local")) {
      defaults.putAll(LOCAL_DEFAULTS);
    }
    return defaults;
  }
}
