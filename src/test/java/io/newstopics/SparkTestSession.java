package io.newstopics;

import io.newstopics.cli.SparkSessions;
import io.newstopics.config.ConfigLoader;
import io.newstopics.config.JobConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM: local[2], UI off, 2 shuffle partitions, UTC, Delta enabled, Spark's code
 * generation off as on bin/news-topics' local master (the cluster test runs with it on).
 * Also small helpers to compare DataFrames without assuming row order.
 */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("news-topics-tests");
      // what bin/news-topics runs with on a local master (SparkSessions: Delta, Spark's code generation off), then
      // the tests' own settings
      SparkSessions.defaults("local[2]").forEach(b::config);
      spark = b
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .getOrCreate();
    }
    return spark;
  }

  /**
   * Stops the session, if one was started (then true), and forgets the seeds warehouse registered in it. Called once
   * after the last test of the JVM ({@link StopSparkAfterTests}); a later {@link #get} would start a new session.
   */
  public static synchronized boolean stop() {
    if (spark == null) {
      return false;
    }
    spark.stop();
    spark = null;
    seedsWarehouse = null;
    seedsRun = null;
    return true;
  }

  /** A run of the job in this session, with few LDA iterations: for tests of what a run stores, not of its topics. */
  public static io.newstopics.job.RunResult quickRun(String input, String warehouse) {
    return io.newstopics.job.NewsTopicsJob.run(get(), config(input, warehouse, Map.of("topics.max-iterations", "5")));
  }

  /** A copy of the seed articles in {@code dir}/in, for tests that edit or add input files. */
  public static java.nio.file.Path seedsCopy(java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path in = java.nio.file.Files.createDirectories(dir.resolve("in"));
    try (var seeds = java.nio.file.Files.list(java.nio.file.Path.of("seeds"))) {
      for (java.nio.file.Path seed : seeds.sorted().toList()) {
        java.nio.file.Files.copy(seed, in.resolve(seed.getFileName()));
      }
    }
    return in;
  }

  private static String seedsWarehouse;
  private static io.newstopics.job.RunResult seedsRun;

  /**
   * A warehouse with one default run over {@code seeds/}, built once per test JVM and shared (read-only) by the
   * tests that query finished tables. Re-registers its tables in the session catalog on every call, because other
   * tests point {@code news.*} at their own warehouses.
   */
  public static synchronized String seedsWarehouse() {
    SparkSession s = get();
    if (seedsWarehouse == null) {
      try {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("news-topics-seeds-wh");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        String wh = dir.resolve("warehouse").toString();
        seedsRun = io.newstopics.job.NewsTopicsJob.run(s, config("seeds", wh, Map.of()));
        seedsWarehouse = wh;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    io.newstopics.tables.Warehouse.open(s, seedsWarehouse);
    return seedsWarehouse;
  }

  /**
   * The result of the one default run over {@code seeds/} that {@link #seedsWarehouse} holds (its only run: the
   * warehouse is never run into again). Registers the warehouse's tables as {@code news.*}, as that method does.
   */
  public static synchronized io.newstopics.job.RunResult seedsRun() {
    seedsWarehouse();
    return seedsRun;
  }

  /**
   * A copy of {@link #seedsWarehouse} in {@code dst}, for tests that write to a warehouse with one finished default
   * run; the shared one stays as it was. Does not register the copy.
   */
  public static java.nio.file.Path seedsWarehouseCopy(java.nio.file.Path dst) throws java.io.IOException {
    copyTree(java.nio.file.Path.of(seedsWarehouse()), dst);
    return dst;
  }

  /** Copies a folder with everything in it (Delta tables with their logs and checksums, saved models). */
  public static void copyTree(java.nio.file.Path src, java.nio.file.Path dst) throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(src)) {
      for (java.nio.file.Path p : files.toList()) {
        java.nio.file.Path t = dst.resolve(src.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(t);
        } else {
          java.nio.file.Files.copy(p, t);
        }
      }
    }
  }

  private static void deleteQuietly(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | RuntimeException e) {
      // best effort: a temp folder left behind is harmless
    }
  }

  /** The project's default configuration with overrides, as the CLI would build it. */
  public static JobConfig config(String input, String warehouse, Map<String, String> sets) {
    return ConfigLoader.load(ConfigLoader.DEFAULT_CONF, sets, input, "auto", warehouse);
  }

  /** Rows as sorted strings, so comparisons never depend on row order. */
  public static List<String> sortedRows(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.toString());
    }
    Collections.sort(out);
    return out;
  }

  public static List<String> sorted(String... rows) {
    List<String> out = new ArrayList<>(Arrays.asList(rows));
    Collections.sort(out);
    return out;
  }
}
