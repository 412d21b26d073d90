package io.newstopics.job.stages;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Row counts per value of a low-cardinality column (language, reason, method), for the run's metrics. */
final class Counts {
  private Counts() {}

  /** Counts per value of {@code column} (null as "null"): a handful of rows collected. */
  static Map<String, Long> of(Dataset<Row> df, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : df.groupBy(column).count().collectAsList()) {
      out.put(r.isNullAt(0) ? "null" : r.getString(0), r.getLong(1));
    }
    return out;
  }
}
