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

  public record Column(String name, String type, boolean nullable, String comment) {
    String ddl() {
      return "`" + name + "` " + type + (nullable ? "" : " NOT NULL") + " COMMENT '" + Tables.sqlString(comment) + "'";
    }
  }

  public static Column col(String name, String type, String comment) {
    return new Column(name, type, true, comment);
  }

  public static Column key(String name, String type, String comment) {
    return new Column(name, type, false, comment);
  }

  public String qualifiedName() {
    return Tables.DATABASE + "." + name;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * Delta's auto compaction: after a write, when the table has spark.databricks.delta.autoCompact.minNumFiles (50)
   * small files, Delta bin-packs them (OPTIMIZE, but only where it pays). Every run adds a few files of a few MB to
   * each table (one per task); without it a warehouse of daily runs reads thousands of them.
   */
  static final String AUTO_COMPACT = "delta.autoOptimize.autoCompact";

  /** CREATE TABLE IF NOT EXISTS for the Delta table at {@code location}. */
  String createDdl(String location) {
    String cols = columns.stream().map(Column::ddl).collect(Collectors.joining(",\n  "));
    String parts = partitionBy.isEmpty() ? "" : "\nPARTITIONED BY (" + String.join(", ", partitionBy) + ")";
    return "CREATE TABLE IF NOT EXISTS delta.`" + location + "` (\n  " + cols + ")\nUSING DELTA" + parts
        + "\nCOMMENT '" + Tables.sqlString(comment) + "'"
        + "\nTBLPROPERTIES ('delta.appendOnly' = 'false', '" + AUTO_COMPACT + "' = 'true', 'news_topics.keys' = '"
        + String.join(",", keys) + "')";
  }
}
