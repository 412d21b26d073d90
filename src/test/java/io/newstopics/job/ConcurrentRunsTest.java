package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs at once on one warehouse (one in a child JVM, one in this JVM): both finish or one says it met the
 * other, the tables stay readable, and the current_ views show only a complete run.
 */
class ConcurrentRunsTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  /**
   * A run in a child JVM and one in this JVM on the same empty warehouse: the second starts as soon as the child
   * begins creating the tables, so both create the tables and write the same tables at the same time.
   */
  @Test
  void twoRunsAtOnceOnOneWarehouseBothFinishOrOneSaysWhy() throws Exception {
    Path wh = dir.resolve("wh");
    try (JobProcess child = JobProcess.start(CrashChecks.quickRunArgs(wh))) {
      long end = System.nanoTime() + 600_000_000_000L;
      while (!Files.exists(wh.resolve("news")) && child.isAlive() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertTrue(Files.exists(wh.resolve("news")), "the child run never created the warehouse: " + child.tail());
      RuntimeException inProcess = null;
      try {
        SparkTestSession.quickRun("seeds", wh.toString());
      } catch (RuntimeException e) {
        inProcess = e;
      }
      int code = child.waitFor(600);
      assertTrue(code == 0 || child.lastLine().contains("concurrent"), "exit " + code + ": " + child.tail());
      String failure = inProcess == null ? null : messages(inProcess);
      assertTrue(failure == null || failure.contains("concurrent"), "the run in this JVM failed without saying it "
          + "met a concurrent run: " + failure);
      assertTrue(code == 0 || failure == null, "at least one run succeeds");
    }
    CrashChecks.assertConsistent(spark, wh);
    assertEquals(2, spark.sql("SELECT * FROM news.runs").count());
  }

  private static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append('\n');
    }
    return b.toString();
  }
}
