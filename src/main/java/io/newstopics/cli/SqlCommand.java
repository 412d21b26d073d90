package io.newstopics.cli;

import io.newstopics.tables.Warehouse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code news-topics sql}: one query over a warehouse, printed as a table, CSV or JSON lines. */
public final class SqlCommand {
  private SqlCommand() {}

  public static void run(SparkSession spark, String warehouse, String sql, String output, int limit, PrintStream out) {
    Warehouse.open(spark, warehouse);
    print(spark.sql(sql), output, limit, out);
  }

  /** Prints a statement's result: OK for a statement without columns, else at most {@code limit} rows. */
  static void print(Dataset<Row> df, String output, int limit, PrintStream out) {
    if (df.columns().length == 0) {
      out.println("OK");
      return;
    }
    Dataset<Row> limited = df.limit(limit);
    switch (output) {
      case "json" -> limited.toJSON().collectAsList().forEach(out::println);
      case "csv" -> printCsv(limited, out);
      default -> printTable(limited, out);
    }
  }

  private static List<String[]> cells(Dataset<Row> df) {
    List<String[]> rows = new ArrayList<>();
    // Render values with Spark's own string cast so arrays, maps and dates look as in spark-sql.
    Dataset<Row> asText = df.selectExpr(java.util.Arrays.stream(df.columns())
        .map(c -> "CAST(`" + c.replace("`", "``") + "` AS STRING)").toArray(String[]::new));
    for (Row r : asText.collectAsList()) {
      String[] v = new String[r.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.isNullAt(i) ? "NULL" : r.getString(i);
      }
      rows.add(v);
    }
    return rows;
  }

  static void printCsv(Dataset<Row> df, PrintStream out) {
    out.println(String.join(",", java.util.Arrays.stream(df.columns()).map(SqlCommand::csv).toList()));
    for (String[] r : cells(df)) {
      out.println(String.join(",", java.util.Arrays.stream(r).map(v -> v.equals("NULL") ? "" : csv(v)).toList()));
    }
  }

  private static String csv(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  public static void printTable(Dataset<Row> df, PrintStream out) {
    String[] names = df.columns();
    List<String[]> rows = cells(df);
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
