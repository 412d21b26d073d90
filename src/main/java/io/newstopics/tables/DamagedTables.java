package io.newstopics.tables;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table whose Delta log cannot be read (a commit file overwritten or deleted): recognised from the error Delta
 * raised, which names a file under {@code <warehouse>/news/<table>/_delta_log}, and explained with the way back.
 * One damaged table never keeps the warehouse from opening: {@link Warehouse} registers a stand-in that fails with
 * this message, and the other tables answer queries as before.
 */
public final class DamagedTables {
  private static final Logger LOG = LoggerFactory.getLogger(DamagedTables.class);
  private static final Pattern LOG_FILE = Pattern.compile(
      "([^\\s'`\"]+)/" + Tables.DATABASE + "/([a-z_]+)/_delta_log(?:/(\\d{20})\\.json)?");

  /** The tables found damaged when a warehouse was opened in this JVM, by folder: their stand-ins name them. */
  private static final java.util.Map<String, DamagedTableException> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

  private DamagedTables() {}

  /** The table's log cannot be read; the message names the table, what is damaged and how to recover. */
  public static final class DamagedTableException extends RuntimeException {
    private final String table;

    DamagedTableException(String table, String message, Throwable cause) {
      super(message, cause);
      this.table = table;
    }

    /** news.&lt;table&gt; */
    public String table() {
      return table;
    }
  }

  /**
   * The clear error for {@code e} when it (or one of its causes) is about the Delta log of one of the tables;
   * empty for any other failure.
   */
  public static Optional<DamagedTableException> explain(Throwable e) {
    if (Warehouse.isConflict(e) || refused(e)) { // a concurrent commit, or no permission: the log is fine
      return Optional.empty();
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof DamagedTableException d) {
        return Optional.of(d);
      }
      Matcher m = LOG_FILE.matcher(String.valueOf(c.getMessage()));
      while (m.find()) {
        String name = m.group(2);
        if (Tables.ALL.stream().anyMatch(t -> t.name().equals(name))) {
          String tablePath = m.group(1) + "/" + Tables.DATABASE + "/" + name;
          DamagedTableException known = FOUND.get(new Path(tablePath).toUri().getPath());
          return Optional.of(known != null ? known
              : of(tablePath, name, m.group(3) == null ? -1 : Long.parseLong(m.group(3)), e));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Registers a stand-in for a table whose log could not be read when the warehouse was opened: a view with the
   * table's declared columns whose every query fails with the clear message (views built on the table fail the same
   * way), so that a query on it says what to do instead of "table not found".
   */
  static DamagedTableException standIn(SparkSession spark, TableSpec t, String tablePath, Exception cause) {
    DamagedTableException d = explain(cause).orElseGet(() -> of(tablePath, t.name(), -1, cause));
    FOUND.put(new Path(tablePath).toUri().getPath(), d);
    // the error in the filter and in every column: no constant a filter over the view could fold away
    String fail = "raise_error('" + Tables.sqlString(d.getMessage()) + "')";
    String cols = String.join(", ", t.columns().stream()
        .map(c -> "CAST(" + fail + " AS " + c.type() + ") AS `" + c.name() + "`").toList());
    spark.sql("CREATE OR REPLACE VIEW " + t.qualifiedName() + " AS SELECT " + cols + " FROM (SELECT 1) "
        + "WHERE " + fail + " IS NULL");
    LOG.error(d.getMessage());
    return d;
  }

  /** The table at {@code tablePath} was registered: it is no longer one of the damaged ones. */
  static void registered(String tablePath) {
    FOUND.remove(new Path(tablePath).toUri().getPath());
  }

  /**
   * The error for the table at {@code tablePath} whose commit {@code version} (-1: unknown) cannot be read. When
   * that commit is the latest and the one before it reads, moving the commit file away takes the table back one
   * version (RESTORE itself must read the damaged commit first, and fails); otherwise the table can only be
   * re-created, by moving its folder away.
   */
  static DamagedTableException of(String tablePath, String name, long version, Throwable cause) {
    String qualified = Tables.DATABASE + "." + name;
    String logDir = tablePath + "/_delta_log";
    String why = String.valueOf(rootCause(cause).getMessage()).replaceAll("\\s+", " ");
    StringBuilder b = new StringBuilder(qualified + " cannot be read: its Delta log " + logDir + " is damaged ("
        + why.substring(0, Math.min(160, why.length())) + "). To recover: ");
    if (version > 0 && version == latestVersion(logDir) && readable(tablePath, version - 1)) {
      String file = String.format("%s/%020d.json", logDir, version);
      b.append("move ").append(file).append(" (and its .crc, if any) out of _delta_log, which takes the table back to "
          + "version ").append(version - 1).append(", the last it can read (RESTORE TABLE ").append(qualified)
          .append(" TO VERSION AS OF ").append(version - 1).append(" would first have to read the damaged commit); or ");
    }
    b.append("move the folder ").append(tablePath).append(" away (e.g. to ").append(name).append(".damaged) so that "
        + "the next `bin/news-topics run` re-creates ").append(qualified).append(" empty (its rows are lost). "
        + "The other tables still answer queries.");
    return new DamagedTableException(qualified, b.toString(), cause);
  }

  /** The latest commit version in the log folder, or -1 when it cannot be listed. */
  private static long latestVersion(String logDir) {
    try {
      Path dir = new Path(logDir);
      FileSystem fs = dir.getFileSystem(SparkSession.active().sparkContext().hadoopConfiguration());
      long latest = -1;
      for (FileStatus f : fs.listStatus(dir)) {
        String n = f.getPath().getName();
        if (n.matches("\\d{20}\\.json")) {
          latest = Math.max(latest, Long.parseLong(n.substring(0, 20)));
        }
      }
      return latest;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean readable(String tablePath, long version) {
    try {
      SparkSession.active().read().format("delta").option("versionAsOf", version).load(tablePath).count();
      return true;
    } catch (Exception e) { // Spark's checked exceptions included: any failure means not readable
      LOG.debug("version {} of {} is not readable either", version, tablePath, e);
      return false;
    }
  }

  private static boolean refused(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.nio.file.AccessDeniedException || c instanceof org.apache.hadoop.security.AccessControlException
          || String.valueOf(c.getMessage()).contains("Permission denied")) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
