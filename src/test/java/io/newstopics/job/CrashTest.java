package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs in child JVMs, killed with SIGKILL at several stages, and two runs at once on one warehouse (one in a
 * child JVM, one in this JVM): the tables stay readable, the current_ views show only complete runs, and a re-run leaves no duplicates.
 */
class CrashTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private String[] args(Path wh) {
    return new String[] {"run", "--input", "seeds", "--warehouse", wh.toString(),
        "--set", "topics.max-iterations=5"};
  }

  private void assertConsistent(Path wh) {
    io.newstopics.tables.Warehouse.open(spark, wh.toString());
    for (TableSpec t : Tables.ALL) {
      spark.sql("SELECT count(*) FROM " + t.qualifiedName()).first(); // every table readable
    }
    assertEquals(5, spark.sql("SELECT * FROM news.articles").count());
    assertEquals(5, spark.sql("SELECT DISTINCT article_id FROM news.articles").count());
    // each table's rows are unique on its keys, in every run
    for (TableSpec t : List.of(Tables.TOPICS, Tables.ARTICLE_TOPICS, Tables.ARTICLE_THEMES, Tables.ARTICLE_TERMS,
        Tables.VOCABULARY, Tables.RUNS)) {
      String keys = String.join(", ", t.keys());
      assertEquals(0, spark.sql("SELECT " + keys + " FROM " + t.qualifiedName() + " GROUP BY " + keys
          + " HAVING count(*) > 1").count(), t.name());
    }
    // the current views show one complete, successful run
    Row current = spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first();
    Row run = spark.sql("SELECT status, metrics['topics_k'] FROM news.runs WHERE run_id = '" + current.getString(0)
        + "'").first();
    assertEquals("succeeded", run.getString(0));
    assertEquals((long) (run.getDouble(1) * 15), spark.sql("SELECT * FROM news.current_topics").count());
    assertEquals(5, spark.sql("SELECT * FROM news.current_article_topics WHERE is_dominant").count());
  }

  @Test
  void killedAtAnyStageThenRerunLeavesCompleteTables() throws Exception {
    Path wh = dir.resolve("wh");
    RunResult first = SparkTestSession.quickRun("seeds", wh.toString());
    int killed = 0;
    // before any write of the run's data, inside the articles MERGE, between the writes, inside the result writes
    for (String stage : List.of("stage read", "stage write_articles", "stage lda", "stage write_results")) {
      try (JobProcess p = JobProcess.start(args(wh))) {
        assertTrue(p.awaitLog(stage + " ...", 600), "never reached " + stage + ": " + p.tail());
        Thread.sleep(stage.contains("write") ? 700 : 200); // inside the stage's Delta commits
        p.kill();
        killed++;
      }
      // after each kill: the last successful run is still what the views show
      assertConsistent(wh);
      assertEquals(first.runId(), spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first().getString(0));
    }
    assertEquals(4, killed);

    RunResult rerun = SparkTestSession.quickRun("seeds", wh.toString());
    assertConsistent(wh);
    assertEquals(rerun.runId(), spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first().getString(0));
    assertEquals(4, spark.sql("SELECT * FROM news.runs WHERE status = 'abandoned'").count(),
        "the killed runs are marked abandoned by the next run");
    assertEquals(2, spark.sql("SELECT * FROM news.runs WHERE status = 'succeeded'").count());
  }

  /**
   * A run in a child JVM and one in this JVM on the same empty warehouse: the second starts as soon as the child
   * begins creating the tables, so both create the tables and write the same tables at the same time.
   */
  @Test
  void twoRunsAtOnceOnOneWarehouseBothFinishOrOneSaysWhy() throws Exception {
    Path wh = dir.resolve("wh");
    try (JobProcess child = JobProcess.start(args(wh))) {
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
    assertConsistent(wh);
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
