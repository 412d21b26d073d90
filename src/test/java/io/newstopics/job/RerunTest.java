package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-runs and growing corpora: MERGE on a stable key never duplicates; changes are updates with history. */
class RerunTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private RunResult run(Path input) {
    return SparkTestSession.quickRun(input.toString(), dir.resolve("wh").toString());
  }

  @Test
  void sameInputTwiceThenNewAndChangedArticles() throws Exception {
    Path in = SparkTestSession.seedsCopy(dir);
    RunResult first = run(in);
    assertEquals(5.0, first.metrics().get("articles_new"));
    List<String> before = SparkTestSession.sortedRows(spark.sql("SELECT article_id, content_hash, ingested_at, "
        + "updated_at FROM news.articles"));

    RunResult again = run(in);
    assertEquals(0.0, again.metrics().get("articles_new"));
    assertEquals(0.0, again.metrics().get("articles_updated"));
    assertEquals(5.0, again.metrics().get("articles_unchanged"));
    assertEquals(before, SparkTestSession.sortedRows(spark.sql("SELECT article_id, content_hash, ingested_at, "
        + "updated_at FROM news.articles")), "same rows, same ids, untouched");

    // two new articles and one changed
    Files.writeString(in.resolve("new1.txt"), "Новые санкции\nМинфин США ввел санкции против PDVSA и банков "
        + "Венесуэлы, сообщает агентство. Эмбарго на нефть продлено.");
    Files.writeString(in.resolve("new2.txt"), "Оппозиция вышла на протест\nСторонники Мачадо провели митинг "
        + "в Каракасе против фальсификации выборов.");
    Path changed = in.resolve(Files.list(in).filter(p -> p.getFileName().toString().startsWith("003")).findFirst()
        .orElseThrow().getFileName());
    Files.writeString(changed, Files.readString(changed) + "\nОбновлено: Гуайдо призвал к новым протестам.");
    RunResult third = run(in);
    assertEquals(2.0, third.metrics().get("articles_new"));
    assertEquals(1.0, third.metrics().get("articles_updated"));
    assertEquals(4.0, third.metrics().get("articles_unchanged"));
    assertEquals(7, spark.sql("SELECT * FROM news.articles").count());
    assertEquals(7, spark.sql("SELECT DISTINCT article_id FROM news.articles").count());

    Row now = spark.sql("SELECT text, ingested_at < updated_at, last_run_id FROM news.articles "
        + "WHERE source_ref LIKE '%/003_%'").first();
    assertTrue(now.getString(0).contains("Обновлено"));
    assertTrue(now.getBoolean(1), "ingested_at kept, updated_at moved");
    assertEquals(third.runId(), now.getString(2));

    // the change is in the table's history: the version before the last MERGE has the old text
    List<Row> history = spark.sql("DESCRIBE HISTORY news.articles").where("operation = 'MERGE'")
        .orderBy(org.apache.spark.sql.functions.col("version").desc()).collectAsList();
    long lastMerge = history.get(0).getLong(history.get(0).fieldIndex("version"));
    Map<String, String> opMetrics = history.get(0).getJavaMap(history.get(0).fieldIndex("operationMetrics"));
    assertEquals("1", opMetrics.get("numTargetRowsUpdated"));
    String old = spark.sql("SELECT text FROM news.articles VERSION AS OF " + (lastMerge - 1)
        + " WHERE source_ref LIKE '%/003_%'").first().getString(0);
    assertTrue(!old.contains("Обновлено"));

    assertEquals(3, spark.sql("SELECT * FROM news.runs WHERE status = 'succeeded'").count());

    // theme_changes compares the second and the third run: 5 then 7 top-theme articles
    Row totals = spark.sql("SELECT min(previous_run_id), min(current_run_id), sum(previous_articles), "
        + "sum(current_articles), sum(change_articles), round(sum(current_share), 3) FROM news.theme_changes").first();
    assertEquals(again.runId(), totals.getString(0));
    assertEquals(third.runId(), totals.getString(1));
    assertEquals(5L, totals.getLong(2));
    assertEquals(7L, totals.getLong(3));
    assertEquals(2L, totals.getLong(4));
    assertEquals(1.0, totals.getDouble(5), 0.002);
  }
}
