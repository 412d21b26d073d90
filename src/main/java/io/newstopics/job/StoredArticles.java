package io.newstopics.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * How the records of a run relate to the articles already in news.articles: which ones repeat content that an
 * article holds once the run is written ({@link #markDuplicateContent}), and which stored articles a record changes
 * ({@link #CHANGED}).
 */
final class StoredArticles {
  private StoredArticles() {}

  /**
   * The MERGE condition (t: stored row, s: the run's row of the same article_id) under which a stored article is
   * updated: any field read from the input (title, text, language, date, source, url, metadata, encoding) or derived
   * from it (term_count, quality_flags) differs. Maps have no equality in Spark: metadata is compared as its entries
   * sorted by key. source_file is left out: the same record read again from another file is the same article.
   */
  static final String CHANGED = String.join(" OR ",
      "t.content_hash <> s.content_hash", "NOT (t.title <=> s.title)", "NOT (t.text <=> s.text)",
      "NOT (t.lang <=> s.lang)", "NOT (t.published_date <=> s.published_date)", "NOT (t.source <=> s.source)",
      "NOT (t.url <=> s.url)", "NOT (t.source_encoding <=> s.source_encoding)",
      "NOT (array_sort(map_entries(t.metadata)) <=> array_sort(map_entries(s.metadata)))",
      "NOT (t.term_count <=> s.term_count)", "NOT (t.quality_flags <=> s.quality_flags)");

  /**
   * Marks {@code duplicate_content} among the usable records of {@code ids} (columns article_id, content_hash,
   * source_ref, error, error_message): a record whose content another record of this input or a stored article
   * holds once this run is written. A stored article that this input supplies again with other content no longer
   * holds its old content (a new record with that old content becomes an article, so no text is lost to Delta
   * history); one supplied with the same content keeps it and is kept before any other record of that content.
   * {@code stored}: article_id, content_hash of news.articles before the run.
   */
  static Dataset<Row> markDuplicateContent(Dataset<Row> ids, Dataset<Row> stored) {
    Column ok = col("error").isNull();
    // nothing stored yet (a first run): no join with the stored articles, only the records among themselves
    boolean nothingStored = stored.isEmpty();
    Dataset<Row> withStored = nothingStored ? ids.withColumn("_stored_hash", lit(null).cast("string"))
        : ids.join(stored.select(col("article_id").as("_sid"), col("content_hash").as("_stored_hash")),
            ids.col("article_id").equalTo(col("_sid")), "left").drop("_sid");
    // stored articles that keep their content: not supplied again by a usable record with other content
    Dataset<Row> changing = withStored.where(ok.and(col("_stored_hash").isNotNull())
        .and(col("_stored_hash").notEqual(col("content_hash")))).select("article_id");
    Dataset<Row> holders = stored.join(changing, stored.col("article_id").equalTo(changing.col("article_id")),
            "left_anti")
        .groupBy(col("content_hash").as("_hash"))
        .agg(min("article_id").as("_holder1"), max("article_id").as("_holder2"));
    Column holdsItself = coalesce(col("_stored_hash").equalTo(col("content_hash")), lit(false));
    WindowSpec sameContent = Window.partitionBy("content_hash")
        .orderBy(col("error").asc_nulls_first(), holdsItself.desc(), col("source_ref"));
    Dataset<Row> marked = (nothingStored ? withStored.withColumn("_hash", lit(null).cast("string"))
            .withColumn("_holder1", lit(null).cast("string")).withColumn("_holder2", lit(null).cast("string"))
        : withStored.join(holders, col("content_hash").equalTo(col("_hash")), "left"))
        .withColumn("_n", row_number().over(sameContent))
        .withColumn("_first", first(col("source_ref")).over(sameContent));
    // another stored article holds this content (at most two ids to look at: this one and another)
    Column holder = when(col("_holder1").notEqual(col("article_id")), col("_holder1")).otherwise(col("_holder2"));
    Column dupOfStored = ok.and(holdsItself.unary_$bang()).and(col("_holder1").isNotNull())
        .and(holder.notEqual(col("article_id")));
    Column dupInRun = ok.and(col("_n").gt(1));
    return marked
        .withColumn("error_message", when(dupOfStored, concat(lit("Same title and text as stored article "),
                holder, lit("; kept once")))
            .when(dupInRun, concat(lit("Same title and text as "), col("_first"), lit(" of this input; kept once")))
            .otherwise(col("error_message")))
        .withColumn("error", when(dupOfStored.or(dupInRun), lit(NewsTopicsJob.DUPLICATE_CONTENT))
            .otherwise(col("error")))
        .drop("_n", "_first", "_stored_hash", "_hash", "_holder1", "_holder2");
  }
}
