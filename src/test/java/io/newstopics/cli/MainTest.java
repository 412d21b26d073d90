package io.newstopics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.CliRun;
import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigException;
import io.newstopics.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path dir;

  /** Main never sets a master (spark-submit or the launcher does): the tests' shared local[2] session is reused. */
  @org.junit.jupiter.api.BeforeAll
  static void session() {
    SparkTestSession.get();
  }

  private static CliRun execute(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsTheCommandsAndEachCommandItsOptions() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {}}) {
      CliRun help = execute(args);
      assertEquals(0, help.code(), String.join(" ", args) + ": " + help.err());
      for (String command : java.util.List.of("run", "score", "sql", "evaluate", "completion")) {
        assertTrue(help.out().lines().anyMatch(l -> l.strip().startsWith(command + " ")),
            String.join(" ", args) + " lists " + command + ":\n" + help.out());
      }
    }
    CliRun run = execute("run", "--help");
    assertEquals(0, run.code());
    for (String option : java.util.List.of("--input", "--format", "--warehouse", "--conf", "--set")) {
      assertTrue(run.out().contains(option), option + " in run --help:\n" + run.out());
    }
    assertTrue(execute("help", "score").out().contains("--model"));
    assertTrue(execute("sql", "--help").out().contains("--limit"));
    assertTrue(execute("evaluate", "-h").out().contains("--labels"));
  }

  @Test
  void usageErrorsExitTwoWithOneLineNamingTheProblem() {
    CliRun bad = execute("run", "--bogus");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("news-topics: unknown option: '--bogus'"), bad.err());
    assertTrue(bad.err().contains("news-topics run --help"), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(execute("run", "--inptu", "x").err().contains("did you mean --input?"));

    CliRun command = execute("frobnicate");
    assertEquals(2, command.code());
    assertTrue(command.err().contains("unknown command 'frobnicate'") && command.err().contains("run, score"),
        command.err());

    CliRun noModel = execute("score", "--input", "seeds");
    assertEquals(2, noModel.code());
    assertTrue(noModel.err().contains("missing required option: '--model"), noModel.err());
    CliRun noLabels = execute("evaluate");
    assertEquals(2, noLabels.code());
    assertTrue(noLabels.err().contains("--labels"), noLabels.err());
    assertEquals(1, noLabels.err().strip().lines().count(), noLabels.err());

    CliRun set = execute("run", "--set", "topics.k");
    assertEquals(2, set.code());
    assertTrue(set.err().contains("--set takes key=value") && set.err().contains("'topics.k'"), set.err());
    CliRun limit = execute("sql", "--limit", "many", "SELECT 1");
    assertEquals(2, limit.code());
    assertTrue(limit.err().contains("'--limit'") && limit.err().contains("many"), limit.err());
    CliRun format = execute("run", "--format", "xml");
    assertEquals(2, format.code());
    assertTrue(format.err().contains("'--format'") && format.err().contains("jsonl"), format.err());
    CliRun output = execute("evaluate", "--labels", "l.jsonl", "--output", "csv");
    assertEquals(2, output.code());
    assertTrue(output.err().contains("'--output'") && output.err().contains("table, json"), output.err());
    CliRun twoQueries = execute("sql", "SELECT", "1");
    assertEquals(2, twoQueries.code());
    assertTrue(twoQueries.err().contains("one query in quotes"), twoQueries.err());

    // a key the config does not have: the config's own error, still a usage error
    CliRun key = execute("run", "--set", "topics.kk=3");
    assertEquals(2, key.code());
    assertTrue(key.err().contains("conf/news-topics.conf"), key.err());
  }

  @Test
  void completionScriptCompletesTheCommandsAndTheirOptions() {
    CliRun r = execute("completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().substring(0, 100));
    assertTrue(r.out().contains("complete -F _complete_news-topics"), "registers news-topics");
    assertTrue(r.out().contains("\"run score sql report evaluate completion help\""), "the commands");
    for (String option : java.util.List.of("--input", "--model", "--limit", "--labels", "--set")) {
      assertTrue(r.out().contains(option), option);
    }
    assertTrue(r.out().contains("(\"table\" \"csv\" \"json\")"), "the values sql --output takes");
  }

  @Test
  void missingInputFailsWithOneLineAndWritesNothing() {
    Path wh = dir.resolve("wh");
    CliRun r = execute("run", "--input", dir.resolve("missing").toString(), "--warehouse", wh.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("input not found"), r.err());
    assertFalse(Files.exists(wh));
  }

  @Test
  void unwritableWarehouseFailsWithOneLineAndWritesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    CliRun r = execute("run", "--warehouse", file.resolve("wh").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("warehouse") && r.err().contains("--warehouse"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals("not a folder", Files.readString(file));
  }

  @Test
  void sqlOnAMissingWarehouseSaysWhatToDo() {
    CliRun r = execute("sql", "--warehouse", dir.resolve("none").toString(), "SELECT 1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bin/news-topics run --warehouse"), r.err());
  }

  @Test
  void sqlPrintsTableCsvAndJson() {
    SparkTestSession.get();
    Path wh = dir.resolve("wh");
    io.newstopics.tables.Warehouse.create(SparkTestSession.get(), wh.toString());
    String q = "SELECT 'a' AS x, 1 AS n, array('b', 'c') AS arr";
    CliRun json = execute("sql", "--warehouse", wh.toString(), "--output", "json", q);
    assertEquals(0, json.code(), json.err());
    assertEquals("{\"x\":\"a\",\"n\":1,\"arr\":[\"b\",\"c\"]}", json.out().strip());
    CliRun csv = execute("sql", "--warehouse", wh.toString(), "--output", "csv", q);
    assertEquals("x,n,arr\na,1,\"[b, c]\"", csv.out().strip());
    CliRun table = execute("sql", "--warehouse", wh.toString(), "SELECT count(*) AS runs FROM news.runs");
    assertTrue(table.out().contains("| runs |") && table.out().contains("| 0    |"), table.out());

    // a wrong query: one short line naming the problem (not the analysed plan), exit 2
    CliRun wrong = execute("sql", "--warehouse", wh.toString(), "SELECT no_such_column FROM news.runs");
    assertEquals(2, wrong.code(), wrong.err());
    assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
    assertTrue(wrong.err().contains("no_such_column") && wrong.err().contains("DESCRIBE"), wrong.err());
    assertTrue(wrong.err().length() < 600, wrong.err().length() + " characters: " + wrong.err());
    CliRun syntax = execute("sql", "--warehouse", wh.toString(), "SELEC 1");
    assertEquals(2, syntax.code(), syntax.err());
    assertEquals(1, syntax.err().strip().lines().count(), syntax.err());
  }

  @Test
  void sqlCsvAndJsonWriteEveryRowAndTheTableSaysHowManyItLeftOut() {
    Path wh = dir.resolve("wh");
    io.newstopics.tables.Warehouse.create(SparkTestSession.get(), wh.toString());
    String q = "SELECT id, concat('row ', id) AS label FROM range(0, 2500, 1, 3)";
    CliRun csv = execute("sql", "--warehouse", wh.toString(), "--output", "csv", q);
    assertEquals(0, csv.code(), csv.err());
    java.util.List<String> lines = csv.out().strip().lines().toList();
    assertEquals(2501, lines.size());
    assertEquals("id,label", lines.get(0));
    assertEquals(2500, new java.util.HashSet<>(lines.subList(1, lines.size())).size());
    assertTrue(lines.contains("2499,row 2499"), lines.get(lines.size() - 1));
    CliRun json = execute("sql", "--warehouse", wh.toString(), "--output", "json", q);
    assertEquals(2500, json.out().strip().lines().filter(l -> l.startsWith("{\"id\":")).distinct().count());
    assertTrue(json.out().contains("{\"id\":2499,\"label\":\"row 2499\"}"), json.out().substring(0, 200));
    // an explicit --limit still limits csv and json
    assertEquals(11, execute("sql", "--warehouse", wh.toString(), "--output", "csv", "--limit", "10", q).out()
        .strip().lines().count());

    CliRun table = execute("sql", "--warehouse", wh.toString(), q);
    assertTrue(table.out().contains("\n1000 rows\n... 1,500 more rows not shown (--limit N, or --output csv|json "
        + "for all rows)"), table.out().substring(Math.max(0, table.out().length() - 300)));
    CliRun limited = execute("sql", "--warehouse", wh.toString(), "--limit", "2499", q);
    assertTrue(limited.out().contains("\n2499 rows\n... 1 more row not shown"), limited.out()
        .substring(Math.max(0, limited.out().length() - 300)));
    CliRun all = execute("sql", "--warehouse", wh.toString(), "--limit", "2500", q);
    assertTrue(all.out().strip().endsWith("2500 rows"), all.out().substring(all.out().length() - 100));
    assertEquals(2, execute("sql", "--warehouse", wh.toString(), "--limit", "0", q).code());
  }

  @Test
  void aBadKeyOrValueInAConfFileExitsTwoBeforeAnythingIsWritten() throws Exception {
    Path wh = dir.resolve("wh");
    String include = "include file(\"" + Path.of(ConfigLoader.DEFAULT_CONF).toAbsolutePath() + "\")\n";
    Map<String, String> cases = Map.of(
        "topics.subsampling-rat = 0.5", "'topics.subsampling-rat'",
        "topics.subsampling-rate = 2", "topics.subsampling-rate",
        "topics.doc-concentration = -1", "topics.doc-concentration",
        "text.model-languages = [ru, xx]", "text.model-languages");
    for (var c : cases.entrySet()) {
      Path conf = Files.writeString(dir.resolve("bad.conf"), include + c.getKey() + "\n");
      CliRun r = execute("run", "--input", "seeds", "--conf", conf.toString(), "--warehouse", wh.toString());
      assertEquals(2, r.code(), c.getKey() + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(c.getValue()), r.err());
      assertFalse(Files.exists(wh), c.getKey() + ": nothing written, news.articles included");
    }
    Path conf = Files.writeString(dir.resolve("bad.conf"), include + "topics.subsampling-rat = 0.5\n");
    String err = execute("run", "--conf", conf.toString(), "--warehouse", wh.toString()).err();
    assertTrue(err.contains(conf.toString()) && err.contains("did you mean 'topics.subsampling-rate'?"), err);
  }

  @Test
  void configOverridesAndErrors() {
    var cfg = ConfigLoader.load(ConfigLoader.DEFAULT_CONF, Map.of("topics.k", "7", "input.fields.id",
        "[channel, message_id]"), "in", "auto", "wh");
    assertEquals(7, cfg.topics().k());
    assertEquals(java.util.List.of("channel", "message_id"), cfg.fields().id());
    assertTrue(cfg.text().stopwordsUk().size() > 1200, "Lucene's Ukrainian list plus ours");
    assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfigLoader.DEFAULT_CONF,
        Map.of("topics.k", "0"), "in", "auto", "wh"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfigLoader.DEFAULT_CONF,
        Map.of("topics.optimizer", "gibbs"), "in", "auto", "wh"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load("no/such.conf", Map.of(), "in", "auto", "wh"));
  }
}
