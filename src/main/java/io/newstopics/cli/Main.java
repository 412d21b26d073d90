package io.newstopics.cli;

import io.newstopics.config.ConfigException;
import io.newstopics.tables.DamagedTables;
import org.apache.spark.sql.AnalysisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point for spark-submit and bin/news-topics: the commands are {@link NewsTopicsCommand}'s. Exit 0 on success,
 * 1 on failure, 2 on bad usage (options, config, a query that does not analyse), each failure with one line on stderr.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    int code = execute(args);
    System.out.flush();
    System.exit(code);
  }

  /** Runs a command; never exits the JVM (tests call this). */
  public static int execute(String[] args) {
    CommandLine cli = NewsTopicsCommand.commandLine()
        .setParameterExceptionHandler((e, given) -> usageError(e))
        .setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
    int code = cli.execute(args);
    System.out.flush();
    return code;
  }

  /** A bad command line: what is wrong, and which help to read. */
  private static int usageError(ParameterException e) {
    CommandLine command = e.getCommandLine();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException u) {
      if (command.getParent() == null && !u.isUnknownOption() && !u.getUnmatched().isEmpty()) {
        message = "unknown command '" + u.getUnmatched().get(0) + "'; use one of "
            + String.join(", ", command.getSubcommands().keySet());
      } else if (!u.getSuggestions().isEmpty()) {
        message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
      }
    }
    System.err.println("news-topics: " + Character.toLowerCase(message.charAt(0)) + message.substring(1)
        + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
    return 2;
  }

  /** A command that failed: a bad config or query is a usage error (2), anything else a failure (1). */
  private static int failure(Exception e, CommandLine command) {
    if (e instanceof ConfigException) {
      System.err.println("news-topics: " + e.getMessage());
      return 2;
    }
    var damaged = DamagedTables.explain(e); // one table's Delta log: what to do
    if (damaged.isEmpty() && command.getCommand() instanceof SqlCommand && e instanceof AnalysisException a) {
      System.err.println("news-topics: " + queryError(a)); // the query's own error, as a usage error
      return 2;
    }
    LOG.error("news-topics failed", e);
    System.err.println("news-topics: " + (damaged.isPresent() ? damaged.get().getMessage() : oneLine(e)));
    return 1;
  }

  /**
   * A query's error without the analysed plan Spark appends to it (kilobytes on one line): what is wrong and where,
   * and where to look for the names.
   */
  static String queryError(AnalysisException e) {
    String simple = e.getSimpleMessage().replaceAll("\\s+", " ").strip();
    return "the query failed: " + simple + " (the tables and their columns: bin/news-topics sql, then help; "
        + "or DESCRIBE news.<table>)";
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
      msg += " (cause: " + root.getMessage() + ")";
    }
    return msg.replaceAll("\\s+", " ");
  }
}
