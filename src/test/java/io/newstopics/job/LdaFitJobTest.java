package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the job fits LDA: a training sample, k = auto and guided themes, on the five seed articles. */
class LdaFitJobTest {
  @TempDir
  static Path dir;

  @Test
  void kAutoGuidedOnASampleRecordsTheSweepAndScoresEveryArticle() {
    SparkSession spark = SparkTestSession.get();
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config("seeds", dir.resolve("wh").toString(), Map.of(
        "topics.k", "auto", "topics.k-auto.candidates", "[2, 3]", "topics.k-auto.iterations", "5",
        "topics.guided", "true", "topics.train-sample", "0.9", "topics.metric-docs", "2")));
    Map<String, Double> m = r.metrics();
    // five articles cap every candidate at 2 topics: one candidate, scored and chosen
    assertEquals(1.0, m.get("k_auto_candidates"), m.toString());
    assertTrue(m.containsKey("k_auto_candidate_2_npmi") && m.containsKey("k_auto_candidate_2_perplexity"),
        m.toString());
    assertEquals(2.0, m.get("k_auto_chosen"));
    assertEquals(2.0, m.get("topics_k"));
    assertTrue(r.summary().contains("k=auto: chose 2 of k=2 NPMI"), r.summary());
    assertEquals(1.0, m.get("topics_guided"), "one theme seeds topic 0, one topic stays free");
    double train = m.get("lda_train_docs");
    assertTrue(train >= 2 && train <= 5, "lda_train_docs " + train);
    assertTrue(m.get("lda_metric_docs") <= train, m.toString());
    // progress listener: the mini-batch updates of the final fit (max-iterations 100; on 4 articles drawn with
    // replacement a batch is now and then empty, and Spark skips it)
    assertTrue(m.get("lda_iterations") > 80 && m.get("lda_iterations") <= 100, m.toString());
    // the model is fitted on the sample, every modelled article is scored
    assertEquals(m.get("modelled").longValue(), spark.sql("SELECT DISTINCT article_id FROM news.article_topics "
        + "WHERE run_id = '" + r.runId() + "'").count());
    String status = spark.sql("SELECT status, parameters['topics.k'] FROM news.runs WHERE run_id = '"
        + r.runId() + "'").first().mkString("/");
    assertEquals("succeeded/auto", status);
  }

  @Test
  void badFitOptionsNameTheOption() {
    String wh = dir.resolve("wh2").toString();
    assertTrue(assertThrows(ConfigException.class, () -> SparkTestSession.config("seeds", wh,
        Map.of("topics.train-sample", "1.5"))).getMessage().contains("topics.train-sample"));
    assertTrue(assertThrows(ConfigException.class, () -> SparkTestSession.config("seeds", wh,
        Map.of("topics.guided", "true", "topics.optimizer", "em"))).getMessage().contains("topics.guided"));
    assertTrue(assertThrows(ConfigException.class, () -> SparkTestSession.config("seeds", wh,
        Map.of("topics.k", "auto", "topics.k-auto.candidates", "[1, 5]"))).getMessage()
        .contains("topics.k-auto.candidates"));
  }
}
