package io.newstopics.cli;

import io.newstopics.themes.ThemeEvaluation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-topics evaluate}: a run's article themes against analysts' labels ({@link ThemeEvaluation}). */
@Command(name = "evaluate", sortOptions = false,
    description = {"Scores a run's article themes against analysts' labels.",
        "The labels are JSON Lines of {\"id\": \"<source_ref or file name>\", \"themes\": [...]} "
        + "(docs/themes.md). Prints per theme ROC AUC, average precision, precision, "
        + "recall and F1 of `present`, calibration error, positives and negatives. Also MERGEd into "
        + "news.theme_evaluations."})
final class EvaluateCommand implements Callable<Integer> {
  enum Output { table, json }

  @Option(names = "--labels", paramLabel = "FILE", required = true,
      description = "The analysts' labels, JSON Lines (a path or any Hadoop URI).")
  String labels;

  @Mixin
  WarehouseOption warehouse;

  @Option(names = "--run", paramLabel = "RUN_ID|latest", defaultValue = "latest",
      description = "The run to evaluate; latest: the latest successful run. Default: ${DEFAULT-VALUE}")
  String run;

  @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
      description = "table, or json (one object per theme; the counts go to stderr). Default: ${DEFAULT-VALUE}")
  Output output;

  @Mixin
  HelpOption help;

  @Override
  public Integer call() {
    var result = ThemeEvaluation.run(SparkSessions.getOrCreate("news-topics-evaluate"), warehouse.warehouse, run,
        labels);
    if (output == Output.json) {
      System.out.print(ThemeEvaluation.json(result));
      System.err.print(ThemeEvaluation.table(result).lines().limit(3)
          .filter(l -> l.startsWith("  labelled") || l.startsWith("  left out"))
          .map(l -> "news-topics evaluate:" + l.substring(1) + System.lineSeparator())
          .reduce("", String::concat));
    } else {
      System.out.print(ThemeEvaluation.table(result));
    }
    return 0;
  }
}
