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
   * Every master. A run of the job generates and compiles about 700 classes (one set per query, Delta's included),
   * but Spark keeps only the last 100 ({@code spark.sql.codegen.cache.maxEntries}), so the same code was compiled
   * again and again. With a cache of 5000, a first run on the seeds compiled 492 classes instead of 707, and the
   * next run, on 22k articles in the same JVM, 103 instead of 732 (64.4 → 53.2 s); 2000 holds what those two runs
   * compiled (about 650 distinct classes).
   */
  public static final Map<String, String> DEFAULTS = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      "spark.sql.codegen.cache.maxEntries", "2000");

  /**
   * Local masters (one JVM, a few cores). Delta rebuilds a table's state from its log with 50 tasks; our logs are
   * small, and on a local master those tasks cost 1-2.5 s per snapshot, a dozen times a run. And Spark's code
   * generation is turned off (whole-stage and per expression): each query's generated classes are compiled by the
   * JIT once more, which took a third of the job's CPU on 2 cores, for code that runs once. Interpreted, the job on
   * 22k articles took 46.1 s instead of 64.4 s, and on 100k 151 s instead of 161 s (docs/benchmarks.md). On a
   * cluster, with more cores per JVM and more rows per query, Spark's defaults stay. The local file system is
   * {@link io.newstopics.tables.LocalFiles}: Hadoop's, without a {@code chmod} or {@code readlink} process per file.
   */
  public static final Map<String, String> LOCAL_DEFAULTS = localDefaults();

  private static Map<String, String> localDefaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SNAPSHOT_PARTITIONS, "4");
    m.put("spark.sql.codegen.wholeStage", "false");
    m.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    m.put("spark.hadoop.fs.file.impl", io.newstopics.tables.LocalFiles.FileSystem.class.getName());
    m.put("spark.hadoop.fs.AbstractFileSystem.file.impl", io.newstopics.tables.LocalFiles.Fs.class.getName());
    return java.util.Collections.unmodifiableMap(m);
  }

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
