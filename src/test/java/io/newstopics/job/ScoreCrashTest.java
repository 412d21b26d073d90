package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code score} in a child JVM, killed (SIGKILL) right after its first write to the per-article tables: the
 * current_ views still show exactly what they showed before; a score run that finishes shows its articles in all of
 * them at once, without duplicates, and scoring again changes nothing.
 */
class ScoreCrashTest {
  private static final List<TableSpec> PER_ARTICLE =
      List.of(Tables.ARTICLE_TOPICS, Tables.ARTICLE_THEMES, Tables.ARTICLE_TERMS, Tables.ARTICLE_ENTITIES);

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  /** Every row of the four current_ views, sorted, without score_run_id (which writer: not what a reader sees). */
  private Map<String, List<String>> views(Path wh) {
    Warehouse.open(spark, wh.toString());
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (TableSpec t : PER_ARTICLE) {
      String cols = String.join(", ", t.columnNames().stream().filter(c -> !c.equals("score_run_id")).toList());
      out.put(t.name(), SparkTestSession.sortedRows(spark.sql("SELECT " + cols + " FROM news.current_" + t.name())));
    }
    return out;
  }

  private static long commits(Path table) throws Exception {
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      return files.filter(f -> f.getFileName().toString().matches("\\d+\\.json")).count();
    }
  }

  private long newArticleRows(String table) {
    return spark.sql("SELECT * FROM news." + table + " x JOIN news.articles a USING (article_id) "
        + "WHERE a.source_ref LIKE '%/new%.txt'").count();
  }

  @Test
  void scoreKilledBetweenItsTableWritesShowsNothingThenAllAtOnce() throws Exception {
    // a warehouse with one training run over seeds/: a copy of the shared one
    Path wh = SparkTestSession.seedsWarehouseCopy(dir.resolve("wh"));
    RunResult trained = SparkTestSession.seedsRun();
    Path input = Files.createDirectories(dir.resolve("score"));
    Files.writeString(input.resolve("new1.txt"), "Новые санкции против Венесуэлы\nМинфин США ввел санкции против "
        + "PDVSA и банков Венесуэлы, сообщает агентство. Эмбарго на нефть продлено, Мадуро обратился к Путину.");
    Files.writeString(input.resolve("new2.txt"), "Оппозиция вышла на протест\nСторонники оппозиции провели митинг "
        + "в Каракасе против фальсификации выборов, Гуайдо призвал парламент к новым протестам.");
    Map<String, List<String>> before = views(wh);
    long topicRows = spark.sql("SELECT * FROM news.article_topics").count();

    Path topics = wh.resolve("news/article_topics");
    long topicCommits = commits(topics);
    try (JobProcess p = JobProcess.start("score", "--model", "latest", "--input", input.toString(),
        "--warehouse", wh.toString())) {
      assertTrue(p.awaitLog("stage write_results ...", 900), "never reached write_results: " + p.tail());
      long end = System.nanoTime() + 120_000_000_000L;
      while (commits(topics) == topicCommits && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      p.kill(); // right after the first commit of the score's results, before the other tables' ones
      assertTrue(commits(topics) > topicCommits, "the score never wrote news.article_topics: " + p.tail());
    }

    Map<String, List<String>> afterKill = views(wh);
    assertTrue(spark.sql("SELECT * FROM news.article_topics").count() > topicRows,
        "the killed score run had written news.article_topics");
    assertEquals(0, spark.sql("SELECT * FROM news.runs WHERE parameters['kind'] = 'score' AND status = 'succeeded'")
        .count());
    for (TableSpec t : PER_ARTICLE) {
      assertEquals(before.get(t.name()), afterKill.get(t.name()), "news.current_" + t.name() + " after the kill");
    }

    // a score run that succeeds: the new articles in all four views, each article once per key
    ScoreJob.ScoreResult scored = ScoreJob.score(spark, SparkTestSession.config(input.toString(), wh.toString(),
        Map.of()), "latest");
    assertEquals(trained.runId(), scored.modelRunId());
    Map<String, List<String>> afterScore = views(wh);
    for (TableSpec t : PER_ARTICLE) {
      assertTrue(newArticleRows("current_" + t.name()) > 0, t.name() + " shows the scored articles");
      String keys = String.join(", ", t.keys().stream().filter(k -> !k.equals("score_run_id")).toList());
      assertEquals(0, spark.sql("SELECT " + keys + " FROM news.current_" + t.name() + " GROUP BY " + keys
          + " HAVING count(*) > 1").count(), t.name() + ": one row per key");
      assertTrue(afterScore.get(t.name()).containsAll(before.get(t.name())), t.name() + " keeps the run's rows");
      assertNotEquals(before.get(t.name()), afterScore.get(t.name()));
    }

    // scoring again: the same views, and nothing written to the tables
    Map<String, Long> rows = new LinkedHashMap<>();
    PER_ARTICLE.forEach(t -> rows.put(t.name(), spark.sql("SELECT * FROM " + t.qualifiedName()).count()));
    ScoreJob.score(spark, SparkTestSession.config(input.toString(), wh.toString(), Map.of()), "latest");
    assertEquals(afterScore, views(wh));
    PER_ARTICLE.forEach(t -> assertEquals(rows.get(t.name()),
        spark.sql("SELECT * FROM " + t.qualifiedName()).count(), t.name()));
  }
}
