package io.newstopics.tables;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One Delta table, declared once: name, comment, columns with comments, key, partitioning and how it is written.
 * {@link Tables} lists them all; {@link Warehouse} creates, registers and writes them from these declarations.
 */
public record TableSpec(String name, String comment, List<Column> columns, List<String> keys,
                        List<String> partitionBy, WriteMode writeMode) {

  /** How a run writes the table; a re-run never duplicates rows. */
  public enum WriteMode {
    /** Delta MERGE on the keys: insert new, update changed rows. */
    MERGE,
    /**
     * Each run appends its own slice (run_id, the partition column) once, under its new run_id; the current views
     * read the last succeeded run's. {@code score} MERGEs its articles into the slice of the run whose model it uses.
     */
    RUN_SLICE
  }

  /**
   * A column; {@code stats}: on a MERGE table, Delta collects min/max/null-count statistics of it in every file it
   * writes (besides the table's keys, see {@link #statsColumns}).
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
   * adds about one file per bin instead of one per task, however many tasks the write has.
   */
  static final String OPTIMIZE_WRITE = "delta.autoOptimize.optimizeWrite";

  /**
   * Delta's auto compaction: after a write, Delta bin-packs the small files of what the write touched (a post-commit
   * OPTIMIZE). On the MERGE tables only, where every run adds files to the same table. A run-scoped table gets one
   * optimized write per run into its own run_id partition, so there is nothing for compaction to merge, and its
   * post-commit check would be a fixed cost on every write.
   */
  static final String AUTO_COMPACT = "delta.autoOptimize.autoCompact";

  /**
   * Delta's statistics columns: Delta computes min, max and null count of these in every file it writes, for data
   * skipping. Without the property it does so for the first 32 columns, every row of every write (long texts and
   * term arrays included, interpreted where code generation is off). Set on the MERGE tables: only the keys and
   * what a query filters on keep statistics, the columns where skipping can help.
   */
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  /**
   * How many leading columns Delta keeps statistics of: 0 on the run-scoped tables. A run's slice is one run_id
   * partition of a file or a few (optimized writes), in no order by article or term, so the file statistics could
   * not skip anything a partition filter does not; computing them would be pure write cost. Delta still records
   * each file's row count.
   */
  static final String INDEXED_COLUMNS = "delta.dataSkippingNumIndexedCols";

  /**
   * The columns Delta keeps statistics of: on a MERGE table its keys and {@link #filterCol}s, on a run-scoped one
   * none ({@link #INDEXED_COLUMNS}).
   */
  public List<String> statsColumns() {
    if (writeMode == WriteMode.RUN_SLICE) {
      return List.of();
    }
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(keys);
    columns.stream().filter(Column::stats).forEach(c -> out.add(c.name()));
    out.removeAll(partitionBy);
    return List.copyOf(out);
  }

  /**
   * The Delta properties news-topics sets on the table: {@link #OPTIMIZE_WRITE}, {@link #AUTO_COMPACT}, and
   * {@link #STATS_COLUMNS} (MERGE tables) or {@link #INDEXED_COLUMNS} (run-scoped ones).
   */
  public java.util.Map<String, String> deltaProperties() {
    return java.util.Map.of(OPTIMIZE_WRITE, "true", AUTO_COMPACT, writeMode == WriteMode.MERGE ? "true" : "false",
        writeMode == WriteMode.MERGE ? STATS_COLUMNS : INDEXED_COLUMNS,
        writeMode == WriteMode.MERGE ? String.join(",", statsColumns()) : "0");
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
