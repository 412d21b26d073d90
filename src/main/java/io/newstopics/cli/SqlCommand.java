package io.newstopics.cli;

import io.newstopics.tables.Warehouse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code news-topics sql}: one query over a warehouse, printed as a table, CSV or JSON lines; with no query, the
 * interactive prompt ({@link SqlShell}).
 */
@Command(name = "sql", sortOptions = false,
    description = {"Runs SQL over the tables and views of a warehouse, or opens an SQL prompt.",
        "With a query: runs it over the tables and views (news.articles, news.topic_summary, news.theme_trends "
        + "...) and prints the result as a table, csv, or json (one object per line).",
        "Without a query: an interactive SQL prompt (statements end with ;, history, `help` lists the tables)."})
public final class SqlCommand implements Callable<Integer> {
  enum Output { table, csv, json }

  @Mixin
  WarehouseOption warehouse;

  @Option(names = "--output", paramLabel = "table|csv|json", defaultValue = "table",
      description = "How the result is printed. Default: ${DEFAULT-VALUE}")
  Output output;

  @Option(names = "--limit", paramLabel = "N",
      description = "Rows printed: tables show " + TABLE_ROWS + " unless given (and a last line says how many were "
          + "not shown); csv and json print every row unless given.")
  Integer limit;

  @Parameters(paramLabel = "[\"SQL\"]", hideParamSyntax = true, arity = "0..*",
      description = "One query, in quotes; none: the interactive prompt.")
  List<String> query = new ArrayList<>();

  @Mixin
  HelpOption help;

  @Spec
  CommandSpec spec;

  SqlCommand() {}

  @Override
  public Integer call() throws java.io.IOException {
    if (limit != null && limit <= 0) {
      throw new ParameterException(spec.commandLine(), "--limit takes a positive whole number of rows, not " + limit);
    }
    if (query.size() > 1) {
      throw new ParameterException(spec.commandLine(), "sql takes one query in quotes, e.g. sql \"SELECT * FROM "
          + "news.runs\" (or none, for the interactive prompt); got " + query.size() + " arguments");
    }
    int rows = limit == null ? -1 : limit; // none given: the table printer's default, every row of csv and json
    SparkSession spark = SparkSessions.getOrCreate("news-topics-sql");
    if (query.isEmpty()) {
      SqlShell.run(spark, warehouse.warehouse, rows);
    } else {
      run(spark, warehouse.warehouse, query.get(0), output.name(), rows, System.out);
    }
    return 0;
  }

  public static void run(SparkSession spark, String warehouse, String sql, String output, int limit, PrintStream out) {
    Warehouse.open(spark, warehouse);
    print(spark.sql(sql), output, limit, out);
  }

  /** Rows the table printer shows when no --limit is given. */
  public static final int TABLE_ROWS = 1000;

  /**
   * Prints a statement's result: OK for a statement without columns; else a table of at most {@code limit} rows
   * ({@link #TABLE_ROWS} when {@code limit} is negative: none given), followed by how many it did not show; or every
   * row as CSV or JSON lines (at most {@code limit} when one is given), streamed a partition at a time.
   */
  static void print(Dataset<Row> df, String output, int limit, PrintStream out) {
    if (df.columns().length == 0) {
      out.println("OK");
      return;
    }
    Dataset<Row> rows = output.equals("table") || limit < 0 ? df : df.limit(limit);
    switch (output) {
      case "json" -> rows.toJSON().toLocalIterator().forEachRemaining(out::println);
      case "csv" -> printCsv(rows, out);
      default -> printTable(df, limit < 0 ? TABLE_ROWS : limit, out);
    }
  }

  /** {@code df}'s values as Spark's own string cast renders them, so arrays, maps and dates look as in spark-sql. */
  private static Dataset<Row> asText(Dataset<Row> df) {
    return df.selectExpr(java.util.Arrays.stream(df.columns())
        .map(c -> "CAST(`" + c.replace("`", "``") + "` AS STRING)").toArray(String[]::new));
  }

  private static String[] cells(Row r) {
    String[] v = new String[r.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.isNullAt(i) ? "NULL" : r.getString(i);
    }
    return v;
  }

  /** Every row of {@code df} as CSV, streamed: the driver holds one partition at a time, never the whole result. */
  static void printCsv(Dataset<Row> df, PrintStream out) {
    out.println(String.join(",", java.util.Arrays.stream(df.columns()).map(SqlCommand::csv).toList()));
    asText(df).toLocalIterator().forEachRemaining(row -> out.println(String.join(",",
        java.util.Arrays.stream(cells(row)).map(v -> v.equals("NULL") ? "" : csv(v)).toList())));
  }

  private static String csv(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  public static void printTable(Dataset<Row> df, PrintStream out) {
    printTable(df, TABLE_ROWS, out);
  }

  /**
   * At most {@code limit} rows of {@code df} as a table; when it has more, a last line says how many were not shown
   * (counted by Spark, only then: the rows themselves are never all fetched).
   */
  public static void printTable(Dataset<Row> df, int limit, PrintStream out) {
    String[] names = df.columns();
    List<String[]> rows = new ArrayList<>();
    for (Row r : asText(df).limit(limit + 1).collectAsList()) { // one more than shown: are there others?
      rows.add(cells(r));
    }
    long hidden = 0;
    if (rows.size() > limit) {
      rows.remove(rows.size() - 1);
      hidden = df.count() - limit;
    }
    int max = 80;
    int[] w = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      w[i] = Math.min(max, names[i].length());
      for (String[] r : rows) {
        w[i] = Math.min(max, Math.max(w[i], oneLine(r[i]).length()));
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int x : w) {
      sep.append("-".repeat(x + 2)).append('+');
    }
    out.println(sep);
    out.println(line(names, w));
    out.println(sep);
    for (String[] r : rows) {
      out.println(line(r, w));
    }
    out.println(sep);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    if (hidden > 0) {
      out.println(String.format(java.util.Locale.ROOT, "... %,d more row%s not shown (--limit N, or --output csv|json "
          + "for all rows)", hidden, hidden == 1 ? "" : "s"));
    }
  }

  private static String oneLine(String v) {
    return v.replace('\n', ' ').replace('\r', ' ');
  }

  private static String line(String[] v, int[] w) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < v.length; i++) {
      String s = oneLine(v[i]);
      if (s.length() > w[i]) {
        s = s.substring(0, w[i] - 1) + "…";
      }
      b.append(' ').append(s).append(" ".repeat(w[i] - s.length())).append(" |");
    }
    return b.toString();
  }
}
