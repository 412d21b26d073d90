package io.newstopics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive prompt, driven through a real JLine terminal on in-memory streams, over the seeds warehouse. */
class SqlShellTest {
  @TempDir
  Path dir;

  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    SqlShell.Split s = SqlShell.split("SELECT ';' AS a, \"x;\" AS `b;c`; -- c;omment\nSELECT 2;\n/* ; */ SELECT\n3");
    assertEquals(List.of("SELECT ';' AS a, \"x;\" AS `b;c`", "-- c;omment\nSELECT 2"), s.statements());
    assertEquals("\n/* ; */ SELECT\n3", s.rest());
    assertEquals(List.of("SELECT 'it\\'s;'"), SqlShell.split("SELECT 'it\\'s;';").statements());
    assertEquals(List.of(), SqlShell.split(";;  ;").statements());
  }

  @Test
  void runsMultiLineStatementsSurvivesErrorsAndKeepsHistory() throws Exception {
    SparkTestSession.seedsWarehouse();
    String script = String.join("\n",
        "help",
        "SELECT theme, count(*) AS n",
        "  FROM news.article_summary",
        "  GROUP BY theme;",
        "SELECT top_theme, count(*) AS n FROM news.article_summary GROUP BY top_theme ORDER BY top_theme;",
        "SELECT * FROM news.no_such_table;",
        "SELECT 'a;b' AS x; SELECT 2 AS y;",
        "exit",
        "SELECT 'never run' AS z;") + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path history = dir.resolve("history");
    // a real JLine terminal; the input stays open, as a person's keyboard does, so `exit` is what ends the session
    java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
    java.io.PipedInputStream in = new java.io.PipedInputStream(keys, 1 << 16);
    keys.write(script.getBytes(StandardCharsets.UTF_8));
    keys.flush();
    try (Terminal t = TerminalBuilder.builder().system(false).provider("exec").type("dumb").streams(in, out)
        .encoding(StandardCharsets.UTF_8).build()) {
      t.echo(false);
      PrintStream ps = new PrintStream(t.output(), true, StandardCharsets.UTF_8);
      new SqlShell(SparkTestSession.get(), SqlShell.terminalLines(t, history), ps, 100).loop();
    }
    String o = out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    assertTrue(o.contains("news.topic_summary - One row per topic"), o);
    // the three-line statement fails (article_summary has no column `theme`) with a one-line error, not a crash
    assertTrue(o.contains("Error: [UNRESOLVED_COLUMN"), o);
    // the same query through Spark, printed by the same table printer, appears verbatim in the session
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    SqlCommand.printTable(SparkTestSession.get().sql(
        "SELECT top_theme, count(*) AS n FROM news.article_summary GROUP BY top_theme ORDER BY top_theme"),
        new PrintStream(expected, true, StandardCharsets.UTF_8));
    String table = expected.toString(StandardCharsets.UTF_8);
    assertTrue(table.contains("| top_theme ") && table.contains("military-aid"), table);
    assertTrue(o.contains(table.substring(0, table.lastIndexOf('+') + 1)), "expected\n" + table + "\nin\n" + o);
    assertTrue(o.contains("Error: [TABLE_OR_VIEW_NOT_FOUND]"), o);
    assertTrue(o.contains("| a;b |"), o);
    assertTrue(o.contains("| 2 |"), o);
    assertTrue(o.contains(SqlShell.CONTINUATION), "multi-line statements get the continuation prompt: " + o);
    assertTrue(o.strip().endsWith("Bye."), o);
    // a terminal without a tty may echo the typed lines, so look for the result table, not the text
    assertTrue(!o.contains("| never run |") && !o.contains("| z "), "nothing runs after exit: " + o);
    assertTrue(Files.readString(history).contains("GROUP BY top_theme"), "history is saved to the file");
  }

  @Test
  void pipedScriptRunsWithoutPrompts() {
    SparkTestSession.seedsWarehouse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.StringReader(
        "SELECT count(*) AS topics\n FROM news.topic_summary;\nSELECT 1 AS unfinished"));
    new SqlShell(SparkTestSession.get(), SqlShell.plainLines(in), new PrintStream(out, true, StandardCharsets.UTF_8),
        10).loop();
    String o = out.toString(StandardCharsets.UTF_8);
    assertTrue(o.contains("| topics |"), o);
    assertTrue(!o.contains(SqlShell.PROMPT), o);
    assertTrue(o.contains("| unfinished |"), "the last statement of a script may lack its ;: " + o);
  }
}
