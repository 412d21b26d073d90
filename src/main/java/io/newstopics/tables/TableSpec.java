package io.newstopics.tables;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One Delta table, declared once: name, comment, columns with comments, key, partitioning and how it is written.
 * {@link Tables} lists them all; {@link Warehouse} creates, registers and writes them from these declarations.
 */
public record TableSpec(String name, String comment, List<Column> columns, List<String> keys,
                        List<String> partitionBy, WriteMode writeMode) {

  /** How a run writes the table; all three are idempotent for a re-run of the same run_id. */
  public enum WriteMode {
    /** Delta MERGE on the keys: insert new, update changed rows. */
    MERGE,
    /** Overwrite the run's own slice with replaceWhere run_id = '...'. */
    REPLACE_RUN
  }

  /**
   * A column; {@code stats}: Delta collects min/max/null-count statistics of it in every file it writes (besides the
   * table's keys, see {@link #statsColumns}).
   */
  public record Column(String name, String type, boolean nullable, String comment, boolean stats) {
    String ddl() {
      return "`" + name + "` " + type + (nullable ? "" : " NOT NULL") + " COMMENT '" + Tables.sqlString(comment) + "'";
    }
  }

  public static Column col(String name, String type, String comment) {
    return new Column(name, type, true, comment, false);
  }

  /** A nullable column people filter on: Delta keeps its statistics for data skipping. */
  public static Column filterCol(String name, String type, String comment) {
    return new Column(name, type, true, comment, true);
  }

  public static Column key(String name, String type, String comment) {
    return new Column(name, type, false, comment, false);
  }

  public String qualifiedName() {
    return Tables.DATABASE + "." + name;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * Delta's optimized writes: each write shuffles its rows into bins of up to 512 MB before writing, so a write
   * adds about one file per bin instead of one per task (80 per table at 400k articles, one per 5,000 articles).
   */
  static final String OPTIMIZE_WRITE = "delta.autoOptimize.optimizeWrite";

  /**
   * Delta's auto compaction: after a write, Delta bin-packs the small files of what the write touched (a post-commit
   * OPTIMIZE). On the MERGE tables only, where every run adds files to the same table. A run-scoped table gets one
   * optimized write per run into its own run_id partition, so there is nothing for compaction to merge, and its
   * check after each write cost about a second a table (7 s of a 22k-article run, with the compactions it ran).
   */
  static final String AUTO_COMPACT = "delta.autoOptimize.autoCompact";

  /**
   * Delta's statistics columns: Delta computes min, max and null count of these in every file it writes, for data
   * skipping. Without the property it does so for the first 32 columns, every row of every write: in a telegram run
   * (22k articles) a sixth of the write stages' task time went to those statistics (texts, terms, surface forms,
   * scores) on a local master, where code generation is off and Spark interprets them. What a query filters on
   * keeps them.
   */
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  /** The columns Delta keeps statistics of: the keys (but the partition column) and the {@link #filterCol}s. */
  public List<String> statsColumns() {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(keys);
    columns.stream().filter(Column::stats).forEach(c -> out.add(c.name()));
    out.removeAll(partitionBy);
    return List.copyOf(out);
  }

  /**
   * The Delta properties news-topics sets on the table: {@link #OPTIMIZE_WRITE}, {@link #AUTO_COMPACT},
   * {@link #STATS_COLUMNS}.
   */
  public java.util.Map<String, String> deltaProperties() {
    return java.util.Map.of(OPTIMIZE_WRITE, "true", AUTO_COMPACT, writeMode == WriteMode.MERGE ? "true" : "false",
        STATS_COLUMNS, String.join(",", statsColumns()));
  }

  /** CREATE TABLE IF NOT EXISTS for the Delta table at {@code location}. */
  String createDdl(String location) {
    String cols = columns.stream().map(Column::ddl).collect(Collectors.joining(",\n  "));
    String parts = partitionBy.isEmpty() ? "" : "\nPARTITIONED BY (" + String.join(", ", partitionBy) + ")";
    String props = new java.util.TreeMap<>(deltaProperties()).entrySet().stream()
        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "', ").collect(Collectors.joining());
    return "CREATE TABLE IF NOT EXISTS delta.`" + location + "` (\n  " + cols + ")\nUSING DELTA" + parts
        + "\nCOMMENT '" + Tables.sqlString(comment) + "'"
        + "\nTBLPROPERTIES ('delta.appendOnly' = 'false', " + props + "'news_topics.keys' = '"
        + String.join(",", keys) + "')";
  }
}
