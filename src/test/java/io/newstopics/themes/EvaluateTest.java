package io.newstopics.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.CliRun;
import io.newstopics.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code news-topics evaluate} on the seeds' warehouse, against an independent computation from the tables. */
class EvaluateTest {
  @TempDir
  Path dir;

  /** The seeds' labels (docs/themes.md), an id that is no article, a malformed line and a theme nobody has. */
  private Path labels() throws Exception {
    Path f = dir.resolve("labels.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"id\": \"000_c0863a5619ddd9ef.txt\", \"themes\": []}",
        "{\"id\": \"001_0043cdf7d8d0b7ad.txt\", \"themes\": [\"military-aid\"]}",
        "{\"id\": \"002_ad6755aa223600f6.txt\", \"themes\": [\"military-aid\"]}",
        "{\"id\": \"003_e05233e226880e41.txt\", \"themes\": [\"military-aid\", \"opposition\"]}",
        "{\"id\": \"004_92ca2dcb50815d7c.txt\", \"themes\": [\"military-aid\", \"opposition\", \"sanctions\", "
            + "\"weather\"]}",
        "{\"id\": \"no-such-article\", \"themes\": [\"sanctions\"]}",
        "{\"id\": \"broken\", \"themes\": ",
        ""), StandardCharsets.UTF_8);
    return f;
  }

  /** ROC AUC by counting every positive/negative pair (ties half): the definition, not the command's SQL. */
  private static Map<String, Double> independentAuc(SparkSession spark, Map<String, List<String>> truth) {
    Map<String, List<double[]>> byTheme = new HashMap<>();
    for (Row r : spark.sql("SELECT a.source_ref, t.theme, t.probability FROM news.current_article_themes t "
        + "JOIN news.articles a USING (article_id)").collectAsList()) {
      String file = r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1);
      List<String> themes = truth.get(file);
      byTheme.computeIfAbsent(r.getString(1), x -> new ArrayList<>())
          .add(new double[] {r.getDouble(2), themes.contains(r.getString(1)) ? 1 : 0});
    }
    Map<String, Double> out = new HashMap<>();
    byTheme.forEach((theme, rows) -> {
      double wins = 0;
      long pairs = 0;
      for (double[] p : rows) {
        for (double[] n : rows) {
          if (p[1] == 1 && n[1] == 0) {
            wins += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
            pairs++;
          }
        }
      }
      if (pairs > 0) {
        out.put(theme, wins / pairs);
      }
    });
    return out;
  }

  @Test
  void evaluateMatchesAnIndependentAucAndRecordsItOnce() throws Exception {
    SparkSession spark = SparkTestSession.get();
    String wh = SparkTestSession.seedsWarehouse();
    Path labels = labels();
    CliRun jsonRun = CliRun.of("evaluate", "--labels", labels.toString(), "--warehouse", wh, "--output", "json");
    CliRun table = CliRun.of("evaluate", "--labels", labels.toString(), "--warehouse", wh);
    assertEquals(0, jsonRun.code(), jsonRun.err());
    assertEquals(0, table.code(), table.err());
    String printed = jsonRun.out() + table.out();
    Map<String, Double> printedAuc = new HashMap<>();
    for (String line : printed.lines().filter(l -> l.startsWith("{")).toList()) {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      for (String key : List.of("theme", "roc_auc", "average_precision", "precision", "recall", "f1", "positives",
          "negatives")) {
        assertTrue(json.has(key), key + " in " + line);
      }
      printedAuc.put(json.get("theme").asText(), json.get("roc_auc").asDouble());
    }
    Map<String, List<String>> truth = Map.of(
        "000_c0863a5619ddd9ef.txt", List.of(),
        "001_0043cdf7d8d0b7ad.txt", List.of("military-aid"),
        "002_ad6755aa223600f6.txt", List.of("military-aid"),
        "003_e05233e226880e41.txt", List.of("military-aid", "opposition"),
        "004_92ca2dcb50815d7c.txt", List.of("military-aid", "opposition", "sanctions"));
    Map<String, Double> expected = independentAuc(spark, truth);
    expected.keySet().retainAll(List.of("military-aid", "opposition", "sanctions"));
    assertEquals(expected.keySet(), printedAuc.keySet(), printed);
    expected.forEach((theme, auc) -> assertEquals(auc, printedAuc.get(theme), 1e-12, theme));
    // the table print says what it left out
    assertTrue(printed.contains("ids not in the run: 1"), printed);
    assertTrue(printed.contains("1 malformed line"), printed);
    assertTrue(printed.contains("[weather]"), printed);
    // recorded once per run, labels file, theme and metric, though evaluated twice
    String mine = "label_file = '" + labels.toString().replace("'", "\\'") + "'";
    assertEquals(3 * ThemeEvaluation.METRICS.size(),
        spark.sql("SELECT * FROM news.theme_evaluations WHERE " + mine).count());
    assertEquals(4.0, spark.sql("SELECT value FROM news.theme_evaluations WHERE theme = 'military-aid' "
        + "AND metric = 'positives' AND " + mine).first().getDouble(0));
  }

  @Test
  void aLabelsFileThatIsMissingIsAUsageError() {
    String wh = SparkTestSession.seedsWarehouse();
    CliRun run = CliRun.of("evaluate", "--labels", dir.resolve("nope.jsonl").toString(), "--warehouse", wh);
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("labels file"), run.err());
  }
}
