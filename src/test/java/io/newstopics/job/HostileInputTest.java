package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that stalled or stopped a whole run (issue 22, case 1): one pathological file, an article past its time
 * budget, an article past text.max-chars, a SIGTERM. Each record ends in news.articles or news.quarantine, once.
 */
class HostileInputTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private Path in(String name, String text) throws Exception {
    Path p = dir.resolve("in").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** Where each input file of a run ended: its file name -> "stored[:flags]" or "quarantine:reason" (once each). */
  private Map<String, String> outcomes(String runId) {
    Map<String, String> out = new HashMap<>();
    for (Row r : spark.sql("SELECT regexp_extract(source_ref, '([^/#]+)$', 1), 'stored:' "
        + "|| concat_ws('+', quality_flags) FROM news.articles WHERE last_run_id = '" + runId + "' UNION ALL "
        + "SELECT regexp_extract(source_ref, '([^/#]+)$', 1), 'quarantine:' || reason FROM news.quarantine "
        + "WHERE run_id = '" + runId + "'").collectAsList()) {
      String before = out.put(r.getString(0), r.getString(1));
      assertEquals(null, before, r.getString(0) + " is in two places: " + before + " and " + r.getString(1));
    }
    return out;
  }

  private void seeds() throws Exception {
    try (var files = Files.list(Path.of("seeds"))) {
      for (Path p : files.toList()) {
        in(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
  }

  /** Also: an article over text.max-chars is stored whole, flagged, and only its first characters are analysed. */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aPageCutOffInsideACommentNoLongerStallsTheRun() throws Exception {
    seeds();
    in("cut-off.html", "<!--".repeat(200_000)); // 800 KB: the text stage ran for over 10 minutes on it
    String text = "Очень длинная статья\n" + "Москва обещала Каракасу ракеты и радары. ".repeat(300);
    in("long.txt", text);
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(dir.resolve("in").toString(),
        dir.resolve("wh").toString(), Map.of("topics.max-iterations", "5", "text.max-chars", "6000")));
    Map<String, String> out = outcomes(r.runId());
    assertEquals(7, out.size(), out.toString());
    assertTrue(out.get("cut-off.html").startsWith("stored:"), out.toString());
    Row row = spark.sql("SELECT length(text), quality_flags, term_count FROM news.articles "
        + "WHERE source_ref LIKE '%long.txt'").first();
    assertEquals(text.strip().length(), row.getInt(0), "the text is stored whole");
    assertTrue(row.getList(1).contains("text_truncated"), row.toString());
    assertTrue(row.getInt(2) < 300 * 4, "only the first 6000 characters were analysed: " + row);
  }

  /** Short texts (each read well under the budget's first check) and one long text that runs past it. */
  @Test
  void anArticlePastItsTimeBudgetIsQuarantinedAndTheRunGoesOn() throws Exception {
    String[] words = {"Мадуро", "Россия", "ракеты", "санкции", "оппозиция", "Венесуэла", "поставки", "Вашингтон",
        "нефть", "выборы", "армия", "переговоры"};
    for (int i = 0; i < 12; i++) {
      StringBuilder b = new StringBuilder("Новость номер ").append(i).append('\n');
      for (int w = 0; w < 20; w++) {
        b.append(words[(i * 7 + w * (i % 5 + 1)) % words.length]).append(' ');
      }
      in("short-" + i + ".txt", b.toString());
    }
    in("long.txt", "Длинная статья\n" + "Мадуро попросил Россию о поставках ракет и радаров. ".repeat(4_000));
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(dir.resolve("in").toString(),
        dir.resolve("wh").toString(), Map.of("topics.max-iterations", "5", "topics.k", "2",
            "text.max-seconds-per-article", "0.000001", "text.boilerplate.min-articles", "100")));
    Map<String, String> out = outcomes(r.runId());
    assertEquals(13, out.size(), out.toString());
    assertEquals("quarantine:text_timeout", out.get("long.txt"));
    assertEquals(12, out.values().stream().filter(v -> v.startsWith("stored:")).count(), out.toString());
    String message = spark.sql("SELECT message FROM news.quarantine WHERE run_id = '" + r.runId() + "'").first()
        .getString(0);
    assertTrue(message.contains("text.max-seconds-per-article"), message);
    assertEquals(13.0, r.metrics().get("input_records"));
    assertEquals(12.0, r.metrics().get("articles"));
    assertEquals(1.0, r.metrics().get("quarantined_text_timeout"));
  }

  @Test
  void aRunStoppedBySigtermIsRecordedFailedWithTheReason() throws Exception {
    Path wh = dir.resolve("wh");
    try (JobProcess p = JobProcess.start("run", "--input", "seeds", "--warehouse", wh.toString(),
        "--set", "topics.max-iterations=200")) {
      assertTrue(p.awaitLog("stage text ...", 180), "never reached the text stage: " + p.tail());
      p.terminate();
    }
    io.newstopics.tables.Warehouse.open(spark, wh.toString());
    List<Row> runs = spark.sql("SELECT status, error FROM news.runs").collectAsList();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("failed", runs.get(0).getString(0), runs.toString());
    assertTrue(runs.get(0).getString(1).contains("SIGTERM") && runs.get(0).getString(1).contains("during stage "),
        runs.toString());
  }
}
