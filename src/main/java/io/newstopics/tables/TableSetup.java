package io.newstopics.tables;

import io.delta.tables.DeltaTable;
import io.newstopics.config.ConfigException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warehouse's tables as {@link Tables} declares them: the folder checked writable, missing tables created, older
 * tables given the columns and Delta properties declared since, and everything registered in the session catalog as
 * {@code news.<table>} with the {@code news.current_*} views. Writing the tables is {@link Warehouse}'s.
 */
final class TableSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TableSetup.class);

  private final SparkSession spark;
  private final Warehouse warehouse;

  TableSetup(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /**
   * The warehouse folder qualified (scheme and authority), without a trailing slash; if it must be writable, created
   * and probed with a file, failing with what to check.
   */
  static String qualify(SparkSession spark, String location, boolean mustBeWritable) {
    try {
      Path p = new Path(location);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path q = fs.makeQualified(p);
      if (mustBeWritable) {
        if (fs.exists(q) && !fs.getFileStatus(q).isDirectory()) {
          throw new ConfigException("warehouse " + location + " is a file, not a folder (choose another --warehouse)");
        }
        if (!fs.mkdirs(q)) {
          throw new ConfigException("cannot create warehouse folder " + location + " (check --warehouse and permissions)");
        }
        Path probe = new Path(q, "_write_probe_" + System.nanoTime());
        fs.create(probe, true).close();
        fs.delete(probe, false);
      }
      return q.toString().replaceAll("/+$", "");
    } catch (IOException ex) {
      throw new ConfigException("cannot write to warehouse " + location + ": " + ex.getMessage()
          + " (check --warehouse, its permissions and the file system credentials)", ex);
    }
  }

  /**
   * Creates the tables this version declares that the warehouse misses, adds missing columns to older tables, and
   * keeps the Delta properties of {@link TableSpec#deltaProperties}.
   */
  void createOrUpgrade() {
    // a few tables at a time: each is a Delta commit, mostly driver work that overlaps with the others'
    warehouse.inParallel("creating the tables", Tables.ALL.stream().<Runnable>map(t -> () ->
        // creating is idempotent: whatever a concurrent creator left half-done, the next attempt sees it finished
        Warehouse.withRetry("creating " + t.qualifiedName(), e -> DamagedTables.explain(e).isEmpty(), () -> {
          try {
            boolean existed = exists(t);
            spark.sql(t.createDdl(warehouse.path(t)));
            if (existed) { // a table just created from its declaration has it all
              addMissingColumns(t);
              upgradeProperties(t);
            }
          } catch (Exception e) { // a damaged log: what to do, rather than Delta's error
            throw DamagedTables.explain(e).map(RuntimeException.class::cast)
                .orElseGet(() -> Warehouse.<RuntimeException>sneaky(e));
          }
          return null;
        })).toList());
  }

  private boolean exists(TableSpec t) {
    return DeltaTable.isDeltaTable(spark, warehouse.path(t));
  }

  /** Schema evolution by declaration: columns declared later are added to older tables. */
  private void addMissingColumns(TableSpec t) {
    String path = warehouse.path(t);
    Set<String> have = new HashSet<>(Arrays.asList(spark.read().format("delta").load(path).columns()));
    for (TableSpec.Column c : t.columns()) {
      if (!have.contains(c.name())) {
        LOG.info("Adding column {} to {}", c.name(), t.qualifiedName());
        spark.sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (`" + c.name() + "` " + c.type()
            + " COMMENT '" + Tables.sqlString(c.comment()) + "')");
      }
    }
  }

  /**
   * Tables of older warehouses get the declared Delta properties ({@link TableSpec#deltaProperties}) they miss; one
   * set otherwise (to false) is kept, except auto compaction on a run-scoped table: versions before optimized writes
   * set it there, where it only cost time (see {@link TableSpec#AUTO_COMPACT}), so it is turned off.
   */
  private void upgradeProperties(TableSpec t) {
    // SHOW TBLPROPERTIES reads the metadata only; DESCRIBE DETAIL would rebuild the table's whole state (file list)
    String path = warehouse.path(t);
    Map<String, String> have = new java.util.HashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`").collectAsList()) {
      have.put(r.getString(0), r.getString(1));
    }
    Map<String, String> set = new java.util.TreeMap<>();
    t.deltaProperties().forEach((key, value) -> {
      boolean runScopedCompaction = key.equals(TableSpec.AUTO_COMPACT) && value.equals("false");
      if (!have.containsKey(key) || (runScopedCompaction && "true".equals(have.get(key)))) {
        set.put(key, value);
      }
    });
    if (!set.isEmpty()) {
      LOG.info("Setting {} on {}", set, t.qualifiedName());
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + String.join(", ", set.entrySet().stream()
          .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").toList()) + ")");
    }
  }

  /**
   * Registers every table, and the views when no table is missing. A table whose Delta log cannot be read gets a
   * stand-in that fails with what to do ({@link DamagedTables}); the other tables stay queryable.
   */
  void register() {
    if (registerTables(Tables.ALL)) {
      createViews();
    } else {
      LOG.warn("Warehouse {} misses tables; views not created (a run creates them)", warehouse.root());
    }
  }

  /** Registers {@code tables} as {@link #register()} does, without the views; false when one of them is missing. */
  boolean registerTables(List<TableSpec> tables) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + Tables.DATABASE + " COMMENT 'news-topics tables' LOCATION '"
        + Tables.sqlString(warehouse.root() + "/" + Tables.DATABASE) + "'");
    boolean allThere = true;
    for (TableSpec t : tables) {
      String path = warehouse.path(t);
      dropRegistered(t);
      try {
        if (exists(t)) {
          spark.sql("CREATE TABLE " + t.qualifiedName() + " USING DELTA LOCATION '" + Tables.sqlString(path) + "'");
          DamagedTables.registered(path);
        } else {
          allThere = false;
        }
      } catch (Exception e) { // Spark's AnalysisException is checked to Java
        dropRegistered(t);
        DamagedTables.standIn(spark, t, path, e);
      }
    }
    return allThere;
  }

  private void createViews() {
    for (Views.ViewSpec v : Views.all()) {
      try {
        spark.sql(v.createDdl());
      } catch (Exception e) { // Spark's AnalysisException is checked to Java
        // a warehouse written by an older version can miss a column a view needs; its tables stay queryable
        String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        LOG.warn("View {} not created ({}); run `bin/news-topics run --warehouse {}` once with this version to "
            + "upgrade the tables", v.qualifiedName(), why.substring(0, Math.min(200, why.length())),
            warehouse.root());
      }
    }
  }


  /** Drops {@code news.<table>} from the session catalog, whether it is the table or a damaged table's stand-in. */
  private void dropRegistered(TableSpec t) {
    try {
      spark.sql("DROP TABLE IF EXISTS " + t.qualifiedName());
    } catch (Exception e) { // it is a stand-in view
      spark.sql("DROP VIEW IF EXISTS " + t.qualifiedName());
    }
  }
}
