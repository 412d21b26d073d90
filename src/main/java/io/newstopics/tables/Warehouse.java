package io.newstopics.tables;

import static org.apache.spark.sql.functions.col;

import io.newstopics.config.ConfigException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warehouse: a folder (local or any Hadoop URI) holding the Delta tables of {@link Tables} under
 * {@code <warehouse>/news/<table>}. Creates them from their declarations and registers them in the session
 * catalog as {@code news.<table>} with the {@code news.current_*} views ({@link TableSetup}); writes them: MERGE on
 * the keys, or a run's own slice appended once, retried after a conflict with a concurrent run.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  private final SparkSession spark;
  private final String root;

  private Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  /** Creates missing tables (and missing columns of older tables), then registers everything. */
  public static Warehouse create(SparkSession spark, String location) {
    Warehouse w = new Warehouse(spark, TableSetup.qualify(spark, location, true));
    w.upgrade();
    return w;
  }

  /**
   * Creates the tables this version declares that the warehouse misses, adds missing columns to older tables, and
   * registers everything again ({@link TableSetup}).
   */
  public void upgrade() {
    TableSetup setup = new TableSetup(spark, this);
    setup.createOrUpgrade();
    setup.register();
  }

  /** Registers the tables of an existing warehouse (for queries); fails clearly when there is none. */
  public static Warehouse open(SparkSession spark, String location) {
    Warehouse w = existing(spark, location);
    new TableSetup(spark, w).register();
    return w;
  }

  /**
   * Registers only {@code tables} of an existing warehouse, without the views: for a reader that needs a few tables
   * (each registration reads the table's Delta log); fails clearly when there is no warehouse.
   */
  public static Warehouse open(SparkSession spark, String location, List<TableSpec> tables) {
    Warehouse w = existing(spark, location);
    new TableSetup(spark, w).registerTables(tables);
    return w;
  }

  private static Warehouse existing(SparkSession spark, String location) {
    Warehouse w = new Warehouse(spark, TableSetup.qualify(spark, location, false));
    if (!w.hasLog(Tables.RUNS)) { // not exists(): a damaged news.runs is still a warehouse
      throw new ConfigException("no news-topics warehouse at " + location
          + " (run `bin/news-topics run --warehouse " + location + "` first, or pass the right --warehouse)");
    }
    return w;
  }

  public String root() {
    return root;
  }

  public String path(TableSpec t) {
    return root + "/" + Tables.DATABASE + "/" + t.name();
  }

  private boolean hasLog(TableSpec t) {
    try {
      Path log = new Path(path(t), "_delta_log");
      return log.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(log);
    } catch (IOException e) {
      return false;
    }
  }

  /** Conforms {@code df} to the declared columns (order and types). */
  static Dataset<Row> conform(TableSpec t, Dataset<Row> df) {
    Set<String> given = new HashSet<>(Arrays.asList(df.columns()));
    Column[] cols = t.columns().stream().map(c -> given.contains(c.name())
        ? col(c.name()).cast(c.type()).as(c.name())
        : org.apache.spark.sql.functions.lit(null).cast(c.type()).as(c.name())).toArray(Column[]::new);
    return df.select(cols);
  }

  /**
   * Writes the slice of run {@code runId}: {@code df}'s rows, with that run_id, in one plain Delta append. A run
   * writes each table's slice once, under a run_id drawn for it ({@code RunRecorder}: a re-run is a new run with a
   * new id, and the news.current_* views show the last succeeded one), so the slice was empty and nothing needs
   * replacing (an overwrite with {@code replaceWhere run_id = ...} would make Delta rebuild the table's whole state
   * to look for the slice's files first). A write is retried only after a conflict, when it did not commit, so it
   * still lands once.
   */
  public void appendRun(TableSpec t, String runId, Dataset<Row> df) {
    requireMode(t, TableSpec.WriteMode.RUN_SLICE);
    long start = System.nanoTime();
    append(t, df.withColumn("run_id", org.apache.spark.sql.functions.lit(runId)));
    LOG.info("{}: slice of run {} written in {} s", t.qualifiedName(), runId,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
  }

  /** Threads writing the slices of one run at once ({@link #appendRuns}), or creating the tables. */
  static final int WRITE_THREADS = 3;

  /**
   * {@link #appendRun} for several tables, a few at a time: each write is one Delta commit, and most of a small
   * commit is driver work (reading the log, writing the commit and the checkpoint) that can overlap with the next
   * table's Spark job. Different tables never conflict. Waits for every write; the first failure is rethrown after
   * the others ended, and the tables already written keep their slice (the run is then marked failed, so the
   * current views never show it).
   */
  public void appendRuns(String runId, Map<TableSpec, Dataset<Row>> slices) {
    inParallel("writing the tables of run " + runId, slices.entrySet().stream()
        .<Runnable>map(e -> () -> appendRun(e.getKey(), runId, e.getValue())).toList());
  }

  /**
   * Runs {@code tasks} {@link #WRITE_THREADS} at a time, each with this session active, and waits for all of them;
   * the first failure is rethrown after the others ended.
   */
  void inParallel(String what, List<Runnable> tasks) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.max(1, Math.min(WRITE_THREADS, tasks.size())), r -> {
          Thread th = new Thread(r, "news-topics-write");
          th.setDaemon(true);
          return th;
        });
    try {
      List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
      for (Runnable task : tasks) {
        running.add(pool.submit(() -> {
          SparkSession.setActiveSession(spark);
          task.run();
        }));
      }
      Throwable first = null;
      for (java.util.concurrent.Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          first = first == null ? e.getCause() : first;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.forEach(x -> x.cancel(true));
          throw new IllegalStateException("interrupted while " + what, e);
        }
      }
      if (first instanceof Error err) {
        throw err;
      }
      if (first != null) {
        throw Warehouse.<RuntimeException>sneaky((Exception) first);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The rows of run {@code runId}'s slice of a per-article table ({@link Tables#SCORED}) that count: per article,
   * those of its latest succeeded writer, the run or a score run with its model ({@link Views#writtenRows}).
   */
  public Dataset<Row> written(TableSpec t, String runId) {
    if (!Tables.SCORED.contains(t)) {
      throw new IllegalStateException(t.qualifiedName() + " is not written by score runs");
    }
    return spark.sql(Views.writtenRows(delta(t), delta(Tables.SCORED_ARTICLES), delta(Tables.RUNS),
        "'" + runId.replace("'", "") + "'"));
  }

  private String delta(TableSpec t) {
    return "delta.`" + path(t) + "`";
  }

  /**
   * MERGE on the table's keys. Matched rows are updated only where {@code changedCondition} holds (null: always),
   * except the columns in {@code keepOnUpdate}; unmatched rows are inserted. Returns Delta's merge metrics
   * (num_affected_rows, num_updated_rows, num_deleted_rows, num_inserted_rows).
   */
  public Map<String, Long> merge(TableSpec t, Dataset<Row> df, String changedCondition, List<String> keepOnUpdate) {
    requireMode(t, TableSpec.WriteMode.MERGE);
    String on = String.join(" AND ", t.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").toList());
    String set = String.join(", ", t.columnNames().stream().filter(c -> !keepOnUpdate.contains(c))
        .map(c -> "`" + c + "` = s.`" + c + "`").toList());
    // SQL MERGE rather than DeltaTable.merge: its result row of metrics is the same in Delta 3.3 and 4.x, while
    // DeltaMergeBuilder.execute() returns them only from Delta 4.0 (void before).
    String view = "news_topics_merge_source_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    String statement = "MERGE INTO delta.`" + path(t) + "` AS t USING " + view + " AS s ON " + on
        + " WHEN MATCHED" + (changedCondition == null ? "" : " AND (" + changedCondition + ")")
        + " THEN UPDATE SET " + set + " WHEN NOT MATCHED THEN INSERT *";
    return runMerge(t, conform(t, df), view, statement);
  }

  /**
   * Appends rows whose keys the table cannot have yet, for a MERGE table: a run's first row in news.runs, keyed by
   * the run_id it has just drawn (a timestamp and 24 random bits). One plain Delta append, where a MERGE would
   * first look for the key in every file.
   */
  public void appendNew(TableSpec t, Dataset<Row> df) {
    requireMode(t, TableSpec.WriteMode.MERGE);
    append(t, df);
  }

  /** {@code df} conformed to the table, in one Delta append; retried after a conflict, which did not commit. */
  private void append(TableSpec t, Dataset<Row> df) {
    Dataset<Row> rows = conform(t, df);
    withRetry("append to " + t.qualifiedName(), () -> {
      rows.write().format("delta").mode("append").save(path(t));
      return null;
    });
  }

  private Map<String, Long> runMerge(TableSpec t, Dataset<Row> source, String view, String statement) {
    source.createOrReplaceTempView(view);
    try {
      return withRetry("MERGE into " + t.qualifiedName(), () -> {
        Row m = spark.sql(statement).first();
        Map<String, Long> metrics = new LinkedHashMap<>();
        for (String f : m.schema().fieldNames()) {
          metrics.put(f, m.isNullAt(m.fieldIndex(f)) ? 0L : ((Number) m.getAs(f)).longValue());
        }
        return metrics;
      });
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /**
   * Runs a Delta write, retrying it when a concurrent writer committed first (optimistic concurrency): the
   * operations here are MERGEs, idempotent, or appends that the conflict kept from committing, so a retry gives the
   * same result as if the two runs had been serial.
   */
  static <T> T withRetry(String what, Supplier<T> write) {
    return withRetry(what, Warehouse::isConflict, write);
  }

  static <T> T withRetry(String what, java.util.function.Predicate<Throwable> retryable, Supplier<T> write) {
    int attempts = 6;
    for (int i = 1; ; i++) {
      try {
        return write.get();
      } catch (Exception e) { // AnalysisException is a checked exception to Java
        if (!retryable.test(e) || i >= attempts) {
          if (retryable.test(e) && isConflict(e)) {
            throw new IllegalStateException(what + " kept conflicting with a concurrent run of news-topics on the "
                + "same warehouse (" + i + " attempts); run again when the other run has finished", e);
          }
          throw Warehouse.<RuntimeException>sneaky(e);
        }
        long sleep = 250L * i + ThreadLocalRandom.current().nextLong(300);
        LOG.warn("{} failed ({}), probably because of a concurrent run; retrying in {} ms", what,
            e.getClass().getSimpleName(), sleep);
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw Warehouse.<RuntimeException>sneaky(e);
        }
      }
    }
  }

  /** Rethrows any exception unchanged (Spark's checked ones included) without declaring it. */
  @SuppressWarnings("unchecked")
  static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }

  static boolean isConflict(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.util.ConcurrentModificationException
          || c instanceof org.apache.hadoop.fs.FileAlreadyExistsException
          || c instanceof java.nio.file.FileAlreadyExistsException
          || c.getClass().getSimpleName().contains("TableAlreadyExists")
          || String.valueOf(c.getMessage()).contains("DELTA_CONCURRENT")
          // another run is creating the same table right now: its first commit is on the way
          || String.valueOf(c.getMessage()).contains("DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** A Delta SQL statement on one of the tables, retried on write conflicts. */
  public void sql(String statement) {
    withRetry(statement.split(" ")[0], () -> spark.sql(statement));
  }

  public Dataset<Row> read(TableSpec t) {
    return spark.read().format("delta").load(path(t));
  }

  private static void requireMode(TableSpec t, TableSpec.WriteMode mode) {
    if (t.writeMode() != mode) {
      throw new IllegalStateException(t.qualifiedName() + " is declared " + t.writeMode() + ", not " + mode);
    }
  }
}
