package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs in child JVMs, killed with SIGKILL at several stages: the tables stay readable, the current_ views show
 * only complete runs, and a re-run leaves no duplicates. Two runs at once: {@link ConcurrentRunsTest}.
 */
class CrashTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void killedAtAnyStageThenRerunLeavesCompleteTables() throws Exception {
    // a warehouse with one succeeded run over seeds/: a copy of the shared one
    Path wh = SparkTestSession.seedsWarehouseCopy(dir.resolve("wh"));
    RunResult first = SparkTestSession.seedsRun();
    int killed = 0;
    // before any write of the run's data, inside the articles MERGE, between the writes, inside the result writes
    for (String stage : List.of("stage read", "stage write_articles", "stage lda", "stage write_results")) {
      try (JobProcess p = JobProcess.start(CrashChecks.quickRunArgs(wh))) {
        assertTrue(p.awaitLog(stage + " ...", 600), "never reached " + stage + ": " + p.tail());
        Thread.sleep(stage.contains("write") ? 700 : 200); // inside the stage's Delta commits
        p.kill();
        killed++;
      }
      // after each kill: the last successful run is still what the views show
      CrashChecks.assertConsistent(spark, wh);
      assertEquals(first.runId(), spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first().getString(0));
    }
    assertEquals(4, killed);

    RunResult rerun = SparkTestSession.quickRun("seeds", wh.toString());
    CrashChecks.assertConsistent(spark, wh);
    assertEquals(rerun.runId(), spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first().getString(0));
    assertEquals(4, spark.sql("SELECT * FROM news.runs WHERE status = 'abandoned'").count(),
        "the killed runs are marked abandoned by the next run");
    assertEquals(2, spark.sql("SELECT * FROM news.runs WHERE status = 'succeeded'").count());
  }
}
