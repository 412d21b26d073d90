package io.newstopics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newstopics.config.ConfigLoader;
import io.newstopics.config.JobConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** The values each command's options parse into, and the config {@code run} builds from them (no Spark). */
class CommandOptionsTest {
  private static Object parse(String... args) {
    ParseResult parsed = NewsTopicsCommand.commandLine().parseArgs(args);
    return parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void runOptionsAndRepeatedSets() {
    RunCommand run = (RunCommand) parse("run", "--input", "in.jsonl", "--format", "jsonl", "--warehouse=wh",
        "--set", "topics.k=7", "--set", "input.fields.id=[channel, message_id]", "--set= topics.k = 9 ");
    assertEquals("in.jsonl", run.input);
    assertEquals("jsonl", run.job.format);
    assertEquals("wh", run.job.warehouse.warehouse);
    assertEquals(Path.of(ConfigLoader.DEFAULT_CONF), run.job.conf);
    // in the order given; a key given again keeps its last value
    assertEquals(List.of(Map.entry("topics.k", "9"), Map.entry("input.fields.id", "[channel, message_id]")),
        List.copyOf(run.job.overrides().entrySet()));
    JobConfig cfg = run.config();
    assertEquals(9, cfg.topics().k());
    assertEquals(List.of("channel", "message_id"), cfg.fields().id());
    assertEquals("in.jsonl", cfg.input());
    assertEquals("wh", cfg.warehouse());
  }

  @Test
  void defaults() {
    RunCommand run = (RunCommand) parse("run");
    assertEquals("seeds", run.input);
    assertEquals("auto", run.job.format);
    assertEquals("warehouse", run.job.warehouse.warehouse);
    assertEquals(Map.of(), run.job.overrides());

    SqlCommand sql = (SqlCommand) parse("sql", "--output", "JSON", "--limit", "5", "SELECT 1");
    assertEquals(SqlCommand.Output.json, sql.output);
    assertEquals(5, sql.limit);
    assertEquals(List.of("SELECT 1"), sql.query);
    assertNull(((SqlCommand) parse("sql")).limit, "no --limit: the printer's own default");

    EvaluateCommand evaluate = (EvaluateCommand) parse("evaluate", "--labels", "l.jsonl");
    assertEquals("latest", evaluate.run);
    assertEquals(EvaluateCommand.Output.table, evaluate.output);

    ScoreCommand score = (ScoreCommand) parse("score", "--model", "latest", "--input", "new", "--conf", "my.conf",
        "--warehouse", "a", "--warehouse", "b");
    assertEquals("latest", score.model);
    assertEquals(Path.of("my.conf"), score.job.conf);
    assertEquals("b", score.job.warehouse.warehouse, "an option given twice keeps its last value");
  }
}
