package io.newstopics.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How {@code score} adds its articles to the slice of its model's run in the per-article tables
 * ({@link Tables#SCORED}) so that they become visible all at once: it only appends, never updates or deletes. The
 * rows of the scored articles whose results differ from the ones that count now ({@link Warehouse#written}) are
 * appended with the score run's id in score_run_id, and those articles to news.scored_articles; the views take an
 * article's rows from its latest succeeded writer, so nothing shows until the single commit that marks the score
 * run succeeded in news.runs. An interrupted score run leaves only rows no view shows; scoring the same articles
 * again with the same results writes nothing.
 */
public final class ScoredSlices {
  private ScoredSlices() {}

  /**
   * Appends the score run {@code scoreRunId}'s rows ({@code rows}: per table, the rows of the scored articles,
   * without run_id) into the slice of {@code modelRunId}, for the articles of {@code scored} (article_id) whose rows
   * changed in any of the tables. Returns per table the rows written, and {@code articles_rescored}: the articles
   * whose rows were written.
   */
  public static Map<String, Long> write(Warehouse warehouse, String modelRunId, String scoreRunId,
                                        Dataset<Row> scored, Map<TableSpec, Dataset<Row>> rows) {
    if (!rows.keySet().equals(new java.util.HashSet<>(Tables.SCORED))) {
      throw new IllegalArgumentException("a score run writes exactly " + Tables.SCORED + ", not " + rows.keySet());
    }
    Dataset<Row> ids = scored.select("article_id").distinct();
    Dataset<Row> changed = null;
    for (Map.Entry<TableSpec, Dataset<Row>> e : rows.entrySet()) {
      TableSpec t = e.getKey();
      Column[] compared = t.columnNames().stream().filter(c -> !c.equals("run_id") && !c.equals("score_run_id"))
          .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      Dataset<Row> fresh = Warehouse.conform(t, e.getValue()).select(compared);
      Dataset<Row> now = warehouse.written(t, modelRunId).join(ids, "article_id", "left_semi").select(compared);
      Dataset<Row> differ = fresh.exceptAll(now).select("article_id")
          .union(now.exceptAll(fresh).select("article_id"));
      changed = changed == null ? differ : changed.union(differ);
    }
    // computed once, before the tables it was read from are written
    Dataset<Row> rescored = changed.distinct().localCheckpoint();
    long articles = rescored.count();
    Map<String, Long> out = new LinkedHashMap<>();
    for (TableSpec t : Tables.SCORED) {
      if (articles == 0) { // nothing changed: no commit at all
        out.put(t.name(), 0L);
        continue;
      }
      Dataset<Row> slice = rows.get(t).join(rescored, "article_id", "left_semi")
          .withColumn("score_run_id", lit(scoreRunId));
      out.put(t.name(), slice.count());
      warehouse.appendRun(t, modelRunId, slice);
    }
    if (articles > 0) {
      warehouse.appendRun(Tables.SCORED_ARTICLES, modelRunId, rescored.select(col("article_id"),
          lit(scoreRunId).as("score_run_id")));
    }
    out.put("articles_rescored", articles);
    return out;
  }
}
