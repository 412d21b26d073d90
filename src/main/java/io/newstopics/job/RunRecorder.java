package io.newstopics.job;

import io.newstopics.config.JobConfig;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records a run in news.runs (running → succeeded/failed) with its parameters, metrics and stage timings. Besides the
 * configuration, parameters has {@code kind} (run: a training run; score: a scoring run, with
 * {@code model_run_id}) and, for a training run that saved its model, {@code model_path}.
 */
public final class RunRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final JobConfig cfg;
  private final String runId;
  private final Instant startedAt = Instant.now();
  /** Written by the run's thread, copied by a signal's shutdown hook: every access under its lock. */
  private final Map<String, Double> metrics = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private String format = null;

  /** parameters['kind'] of a training run (news-topics run); absent on runs of older versions. */
  public static final String KIND_RUN = "run";
  /** parameters['kind'] of a scoring run (news-topics score); parameters['model_run_id'] names its model. */
  public static final String KIND_SCORE = "score";
  public static final String KIND = "kind";
  public static final String MODEL_RUN_ID = "model_run_id";

  /** Records a training run (kind=run). */
  public RunRecorder(SparkSession spark, Warehouse warehouse, JobConfig cfg) {
    this(spark, warehouse, cfg, KIND_RUN);
  }

  /** Records a run of the given kind ({@link #KIND_RUN} or {@link #KIND_SCORE}). */
  public RunRecorder(SparkSession spark, Warehouse warehouse, JobConfig cfg, String kind) {
    parameters.put(KIND, kind);
    this.spark = spark;
    this.warehouse = warehouse;
    this.cfg = cfg;
    this.runId = ID.format(startedAt) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  public String runId() {
    return runId;
  }

  public Map<String, Double> metrics() {
    return metrics;
  }

  public void metric(String name, double value) {
    metrics.put(name, value);
  }

  /** A parameter of the run besides the configuration (kind, model_path, model_run_id), written with its status. */
  public void parameter(String name, String value) {
    parameters.put(name, value);
  }

  public void format(String f) {
    this.format = f;
  }

  /**
   * Runs one stage, logging and recording its wall time as {@code seconds_<name>}, the CPU time of this JVM during it
   * as {@code cpu_seconds_<name>} (in local mode the executors are this JVM, so that is the stage's whole CPU; on a
   * cluster it is the driver's) and the driver's peak heap during it as {@code driver_heap_peak_mb_<name>} (the sum of
   * the heap pools' peaks: an upper bound of the true peak). {@code driver_heap_peak_mb} keeps the run's maximum.
   */
  public <T> T stage(String name, java.util.function.Supplier<T> body) {
    long t0 = System.nanoTime();
    long cpu0 = DriverResources.processCpuNanos();
    DriverResources.resetHeapPeak();
    LOG.info("[{}] stage {} ...", runId, name);
    currentStage = name;
    T out = body.get();
    double s = (System.nanoTime() - t0) / 1e9;
    long cpu1 = DriverResources.processCpuNanos();
    double heapMb = DriverResources.heapPeakBytes() / (1024.0 * 1024.0);
    long oldGen = DriverResources.oldGenPeakBytes();
    metrics.merge("seconds_" + name, s, Double::sum);
    if (cpu0 >= 0 && cpu1 >= 0) {
      metrics.merge("cpu_seconds_" + name, (cpu1 - cpu0) / 1e9, Double::sum);
    }
    metrics.merge("driver_heap_peak_mb_" + name, heapMb, Math::max);
    metrics.merge("driver_heap_peak_mb", heapMb, Math::max);
    if (oldGen >= 0) {
      metrics.merge("driver_old_gen_peak_mb", oldGen / (1024.0 * 1024.0), Math::max);
    }
    LOG.info("[{}] stage {} done in {}s (CPU {}s, driver heap peak {} MB)", runId, name, String.format("%.1f", s),
        cpu0 >= 0 && cpu1 >= 0 ? String.format("%.1f", (cpu1 - cpu0) / 1e9) : "?", String.format("%.0f", heapMb));
    return out;
  }

  /**
   * Records the run as running: an append, as its run_id is new (a re-run is a new run with a new id); the
   * outcome then replaces that row ({@link #succeeded}, {@link #failed}).
   */
  public void started() {
    markAbandoned();
    warehouse.appendNew(Tables.RUNS, row("running", null, null));
    org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(onSignal, SIGNAL_HOOK_PRIORITY, 60,
        java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Before Spark's own shutdown hooks stop the session (Hadoop priority 40, FileSystem's 10): a run stopped by
   * SIGTERM or Ctrl-C is recorded failed with that reason while the session can still write news.runs.
   */
  private static final int SIGNAL_HOOK_PRIORITY = 100;
  private volatile String currentStage = "start";
  private boolean finished;
  private final Runnable onSignal = () -> failed(new InterruptedException("the driver was stopped by a signal "
      + "(SIGTERM or Ctrl-C) during stage " + currentStage + "; run it again to complete it"));

  private void forgetSignalHook() {
    try {
      org.apache.hadoop.util.ShutdownHookManager.get().removeShutdownHook(onSignal);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it records the run itself
    }
  }

  private static final String HOST = hostName();
  private static final String PID = String.valueOf(ProcessHandle.current().pid());

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /**
   * Runs still marked running whose driver was a process of this host that no longer exists (killed, crashed)
   * become {@code abandoned}. Runs of other hosts are left alone: they may still be running.
   */
  private void markAbandoned() {
    List<Row> running = warehouse.read(Tables.RUNS)
        .where("status = 'running' AND parameters['driver_host'] = '" + HOST.replace("'", "") + "'")
        .select("run_id", "parameters").collectAsList(); // runs is one row per run: small
    for (Row r : running) {
      String pid = r.<String, String>getJavaMap(1).get("driver_pid");
      boolean alive = pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
      if (!alive) {
        LOG.warn("Run {} was left running by process {} that no longer exists: marking it abandoned",
            r.getString(0), pid);
        warehouse.sql("UPDATE delta.`" + warehouse.path(Tables.RUNS) + "` SET status = 'abandoned', "
            + "error = 'the driver process ended before the run finished (killed or crashed); its partial "
            + "results were never visible in the current_ views' WHERE run_id = '" + r.getString(0) + "'");
      }
    }
  }

  /** Records the run succeeded, unless its outcome was already recorded (a signal stopped it). */
  public synchronized void succeeded() {
    if (finished) {
      return;
    }
    metric("seconds_total", (System.currentTimeMillis() - startedAt.toEpochMilli()) / 1000.0);
    write("succeeded", Instant.now(), null);
    finished = true;
    forgetSignalHook();
  }

  /** Records the run failed with {@code error}, unless its outcome was already recorded; never throws. */
  public synchronized void failed(Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    forgetSignalHook();
    try {
      metric("seconds_total", (System.currentTimeMillis() - startedAt.toEpochMilli()) / 1000.0);
      String msg = error.getClass().getSimpleName() + ": " + error.getMessage();
      write("failed", Instant.now(), msg.length() > 4000 ? msg.substring(0, 4000) : msg);
    } catch (Throwable again) { // e.g. Spark's checked exceptions once an OutOfMemoryError has stopped the context
      LOG.error("Could not record the failure of run {} in news.runs", runId, again);
      if (again != error) {
        error.addSuppressed(again); // the caller rethrows the run's own error
      }
    }
  }

  private void write(String status, Instant finishedAt, String error) {
    warehouse.merge(Tables.RUNS, row(status, finishedAt, error), null, List.of());
  }

  private Map<String, Double> metricsCopy() {
    synchronized (metrics) {
      return new LinkedHashMap<>(metrics);
    }
  }

  private org.apache.spark.sql.Dataset<Row> row(String status, Instant finishedAt, String error) {
    StructType schema = new StructType()
        .add("run_id", DataTypes.StringType).add("started_at", DataTypes.TimestampType)
        .add("finished_at", DataTypes.TimestampType).add("status", DataTypes.StringType)
        .add("input", DataTypes.StringType).add("format", DataTypes.StringType)
        .add("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
        .add("error", DataTypes.StringType);
    Map<String, String> params = new LinkedHashMap<>(cfg.flat());
    params.put("input", cfg.input());
    params.put("format", cfg.format());
    params.put("warehouse", warehouse.root());
    params.put("driver_host", HOST);
    params.put("driver_pid", PID);
    params.putAll(parameters);
    Row row = RowFactory.create(runId, Timestamp.from(startedAt),
        finishedAt == null ? null : Timestamp.from(finishedAt), status, cfg.input(), format,
        CollectionConverters.asScala(params), CollectionConverters.asScala(metricsCopy()), error);
    return spark.createDataFrame(List.of(row), schema);
  }
}
