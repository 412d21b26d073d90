package io.newstopics.topics;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Logs the progress of an online LDA fit: "LDA iteration i/max (elapsed, ETA)" on the first and every
 * {@code every}-th iteration. Spark's online optimizer runs one mini-batch aggregation job per iteration (named
 * {@code treeAggregate at LDAOptimizer.scala}); the listener counts those jobs, and {@link OnlineLda} reports its
 * own iterations ({@link #iterationDone}). Register it for one fit only
 * ({@link #register}) and {@link #close} it afterwards. The EM optimizer runs other jobs and is not counted.
 */
public final class LdaProgress extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LdaProgress.class);
  static final String ITERATION_JOB = "treeAggregate at LDAOptimizer.scala";

  private final SparkContext sc;
  private final String label;
  private final int maxIterations;
  private final int every;
  private final long startNanos = System.nanoTime();
  private final AtomicInteger iterations = new AtomicInteger();

  private LdaProgress(SparkContext sc, String label, int maxIterations, int every) {
    this.sc = sc;
    this.label = label;
    this.maxIterations = maxIterations;
    this.every = Math.max(1, every);
  }

  /** Starts counting the iterations of the next fit; {@code label} names the fit in the log ("k=20"). */
  public static LdaProgress register(SparkContext sc, String label, int maxIterations, int every) {
    LdaProgress p = new LdaProgress(sc, label, maxIterations, every);
    sc.addSparkListener(p);
    return p;
  }

  /** Iterations seen so far. */
  public int iterations() {
    return iterations.get();
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    boolean iteration = false;
    for (StageInfo s : CollectionConverters.asJava(jobStart.stageInfos())) {
      iteration |= s.name() != null && s.name().startsWith(ITERATION_JOB);
    }
    if (iteration) {
      iterationDone();
    }
  }

  /** Counts one iteration of a fit that does not run MLlib's iteration jobs ({@link OnlineLda}). */
  public void iterationDone() {
    int i = iterations.incrementAndGet();
    if (i == 1 || i % every == 0 || i == maxIterations) {
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      double eta = elapsed / i * Math.max(0, maxIterations - i);
      LOG.info("LDA {} iteration {}/{} ({}s elapsed, ETA {}s)", label, i, maxIterations,
          String.format("%.1f", elapsed), String.format("%.0f", eta));
    }
  }

  /** Stops listening, after the events of the fit have been delivered (at most 10 s), so the count is final. */
  @Override
  public void close() {
    try {
      sc.listenerBus().waitUntilEmpty(10_000);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.debug("Spark listener bus still busy after 10 s; the LDA iteration count may be short", e);
    }
    sc.removeSparkListener(this);
  }
}
