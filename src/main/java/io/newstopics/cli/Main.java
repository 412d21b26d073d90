package io.newstopics.cli;

import io.newstopics.config.ConfigException;
import io.newstopics.config.ConfigLoader;
import io.newstopics.config.JobConfig;
import io.newstopics.job.NewsTopicsJob;
import io.newstopics.job.RunResult;
import io.newstopics.job.ScoreJob;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point for spark-submit and bin/news-topics. Exit 0 on success, else 1 (bad usage 2) with one line on stderr. */
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
    CliArgs cli;
    try {
      cli = CliArgs.parse(args);
    } catch (ConfigException e) {
      System.err.println("news-topics: " + e.getMessage());
      return 2;
    }
    if (cli.help()) {
      System.out.print(CliArgs.USAGE);
      return 0;
    }
    try {
      if (cli.command().equals("run")) {
        JobConfig cfg = ConfigLoader.load(cli.conf(), cli.sets(), cli.input(), cli.format(), cli.warehouse());
        SparkSession spark = SparkSessions.getOrCreate("news-topics");
        RunResult result = NewsTopicsJob.run(spark, cfg);
        System.out.print(result.summary());
      } else if (cli.command().equals("score")) {
        JobConfig cfg = ConfigLoader.load(cli.conf(), cli.sets(), cli.input(), cli.format(), cli.warehouse());
        SparkSession spark = SparkSessions.getOrCreate("news-topics-score");
        System.out.print(ScoreJob.score(spark, cfg, cli.model()).summary());
      } else if (cli.command().equals("evaluate")) {
        SparkSession spark = SparkSessions.getOrCreate("news-topics-evaluate");
        var result = io.newstopics.themes.ThemeEvaluation.run(spark, cli.warehouse(), cli.run(), cli.labels());
        if (cli.output().equals("json")) {
          System.out.print(io.newstopics.themes.ThemeEvaluation.json(result));
          System.err.print(io.newstopics.themes.ThemeEvaluation.table(result).lines().limit(3)
              .filter(l -> l.startsWith("  labelled") || l.startsWith("  left out"))
              .map(l -> "news-topics evaluate:" + l.substring(1) + System.lineSeparator())
              .reduce("", String::concat));
        } else {
          System.out.print(io.newstopics.themes.ThemeEvaluation.table(result));
        }
      } else {
        if (cli.positional().size() > 1) {
          throw new ConfigException("sql takes one query in quotes, e.g. sql \"SELECT * FROM news.runs\" "
              + "(or none, for the interactive prompt); got " + cli.positional().size() + " arguments");
        }
        SparkSession spark = SparkSessions.getOrCreate("news-topics-sql");
        if (cli.positional().isEmpty()) {
          SqlShell.run(spark, cli.warehouse(), cli.limit());
        } else {
          SqlCommand.run(spark, cli.warehouse(), cli.positional().get(0), cli.output(), cli.limit(), System.out);
        }
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println("news-topics: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      var damaged = io.newstopics.tables.DamagedTables.explain(e); // one table's Delta log: what to do
      if (damaged.isEmpty() && cli.command().equals("sql") && e instanceof org.apache.spark.sql.AnalysisException a) {
        System.err.println("news-topics: " + queryError(a)); // the query's own error, as a usage error
        return 2;
      }
      LOG.error("news-topics failed", e);
      System.err.println("news-topics: " + (damaged.isPresent() ? damaged.get().getMessage() : oneLine(e)));
      return 1;
    }
  }

  /**
   * A query's error without the analysed plan Spark appends to it (kilobytes on one line): what is wrong and where,
   * and where to look for the names.
   */
  static String queryError(org.apache.spark.sql.AnalysisException e) {
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
