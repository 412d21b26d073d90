package io.newstopics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code news-topics}: the subcommands; with none, the usage help (exit 0). */
@Command(name = "news-topics",
    description = "News articles to Delta tables of topics and themes (ru/uk).",
    subcommands = {RunCommand.class, ScoreCommand.class, SqlCommand.class, ReportCommand.class, EvaluateCommand.class,
        CompletionCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "news-topics COMMAND --help shows a command's options. Exit status: 0 success, 1 failure, "
        + "2 bad usage or configuration."})
public final class NewsTopicsCommand implements Callable<Integer> {
  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  /**
   * The parser for {@code news-topics}'s arguments. Arguments are taken literally ({@code @file} is not expanded, so
   * a query may start with @); an option given twice keeps its last value, as the scripts of earlier versions expect.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new NewsTopicsCommand())
        .setExpandAtFiles(false)
        .setOverwrittenOptionsAllowed(true)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true);
  }
}
