package io.newstopics.cli;

import io.newstopics.config.ConfigException;
import io.newstopics.config.ConfigLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsed command line: {@code run [options]}, {@code score --model ID [options]} or {@code sql [options] "SQL"}. */
public record CliArgs(String command, boolean help, String input, String format, String warehouse, String conf,
                      Map<String, String> sets, String output, int limit, List<String> positional, String model,
                      String labels, String run) {

  public static final String USAGE = """
      Usage:
        news-topics run [--input PATH|URI] [--format auto|text|jsonl|csv|parquet] [--warehouse PATH|URI]
                        [--conf FILE] [--set key=value]...
            Reads articles, models topics and themes, writes Delta tables under <warehouse>/news/.
            Defaults: --input seeds  --format auto  --warehouse warehouse  --conf conf/news-topics.conf
            --set overrides any key of the config file, e.g. --set topics.k=30

        news-topics score --model RUN_ID|latest --input PATH|URI [--format auto|text|jsonl|csv|parquet]
                          [--warehouse PATH|URI] [--conf FILE] [--set key=value]...
            Scores new articles with the model a run saved under <warehouse>/models/<run_id>/, without
            training: their topics, themes, top terms and entities are added to news.article_topics,
            article_themes, article_terms and article_entities under the model's run_id, visible all at
            once when the score run succeeds (scoring again changes nothing), the articles to news.articles.
            latest: the latest successful run.
            Text, topic and theme settings are the model run's; --conf/--set only set how the input is read.

        news-topics sql [--warehouse PATH|URI] [--output table|csv|json] [--limit N] ["SQL"]
            Runs one query over the tables and views of a warehouse (news.articles, news.topic_summary,
            news.theme_trends...) and prints the result: table (default), csv, or json (one object per line).
            Without a query: an interactive SQL prompt (statements end with ;, history, `help` lists the tables).
            --limit: rows printed (tables: default 1000, and a last line says how many were not shown;
            csv and json: every row unless --limit is given).

        news-topics evaluate --labels FILE [--warehouse PATH|URI] [--run RUN_ID|latest] [--output table|json]
            Scores a run's article themes against analysts' labels (JSON Lines {"id": "<source_ref or file
            name>", "themes": [...]}, docs/themes.md): per theme ROC AUC, average precision, precision, recall
            and F1 of `present`, calibration error, positives and negatives. Also MERGEd into
            news.theme_evaluations. --run defaults to latest (the latest successful run).

        news-topics --help | run --help | score --help | sql --help | evaluate --help
      """;

  public static CliArgs parse(String[] args) {
    if (args.length == 0) {
      return new CliArgs("help", true, null, null, null, null, Map.of(), null, 0, List.of(), null, null, null);
    }
    String command = args[0];
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      return new CliArgs("help", true, null, null, null, null, Map.of(), null, 0, List.of(), null, null, null);
    }
    if (!List.of("run", "score", "sql", "evaluate").contains(command)) {
      throw new ConfigException("unknown command '" + command + "'; use run, score, sql or evaluate (see --help)");
    }
    String input = command.equals("score") ? null : "seeds";
    String model = null;
    String labels = null;
    String run = "latest";
    String format = "auto";
    String warehouse = "warehouse";
    String conf = ConfigLoader.DEFAULT_CONF;
    String output = "table";
    int limit = -1; // none given: the table printer's default, every row of csv and json
    boolean help = false;
    Map<String, String> sets = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String value = null;
      String name = a;
      if (a.startsWith("--") && a.contains("=")) {
        name = a.substring(0, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--model" -> model = value != null ? value : next(args, ++i, name);
        case "--labels" -> labels = value != null ? value : next(args, ++i, name);
        case "--run" -> run = value != null ? value : next(args, ++i, name);
        case "--input" -> input = value != null ? value : next(args, ++i, name);
        case "--format" -> format = value != null ? value : next(args, ++i, name);
        case "--warehouse" -> warehouse = value != null ? value : next(args, ++i, name);
        case "--conf" -> conf = value != null ? value : next(args, ++i, name);
        case "--output" -> output = value != null ? value : next(args, ++i, name);
        case "--limit" -> {
          String v = value != null ? value : next(args, ++i, name);
          try {
            limit = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            limit = 0;
          }
          if (limit <= 0) {
            throw new ConfigException("--limit takes a positive whole number of rows, not '" + v + "'");
          }
        }
        case "--set" -> {
          String kv = value != null ? value : next(args, ++i, name);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new ConfigException("--set takes key=value (e.g. --set topics.k=30), not '" + kv + "'");
          }
          sets.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        default -> {
          if (a.startsWith("-")) {
            throw new ConfigException("unknown option '" + a + "' for " + command + " (see " + command + " --help)");
          }
          positional.add(a);
        }
      }
    }
    if (!command.equals("sql") && !positional.isEmpty()) {
      throw new ConfigException(command + " takes no positional arguments, got " + positional + " (use --input PATH)");
    }
    if (model != null && !command.equals("score")) {
      throw new ConfigException("--model is an option of score, not of " + command + " (see score --help)");
    }
    if (command.equals("score") && !help && (model == null || input == null)) {
      throw new ConfigException("score needs --model RUN_ID|latest and --input PATH, e.g. "
          + "score --model latest --input new-articles/ (see score --help)");
    }
    if ((labels != null || args.length > 1 && java.util.Arrays.asList(args).contains("--run"))
        && !command.equals("evaluate")) {
      throw new ConfigException("--labels and --run are options of evaluate, not of " + command
          + " (see evaluate --help)");
    }
    if (command.equals("evaluate") && !help && labels == null) {
      throw new ConfigException("evaluate needs --labels FILE (JSON Lines of {\"id\": ..., \"themes\": [...]}, "
          + "see docs/themes.md), e.g. evaluate --labels labels.jsonl");
    }
    if (command.equals("evaluate") && output.equals("csv")) {
      throw new ConfigException("evaluate prints --output table or json, not csv");
    }
    if (!List.of("table", "csv", "json").contains(output)) {
      throw new ConfigException("--output must be table, csv or json, not '" + output + "'");
    }
    return new CliArgs(command, help, input, format, warehouse, conf, sets, output, limit, positional, model,
        labels, run);
  }

  private static String next(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new ConfigException(option + " needs a value (see --help)");
    }
    return args[i];
  }
}
