package io.newstopics.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Stable ids and content hashes of the records read, and which usable records repeat another one: the same id
 * ({@link #DUPLICATE_ID}) or the same title and text as another record or a stored article
 * ({@link #DUPLICATE_CONTENT}).
 * A duplicate becomes a quarantine row with that reason, so every record ends in exactly one place.
 */
public final class Duplicates {
  public static final String DUPLICATE_ID = "duplicate_id";
  public static final String DUPLICATE_CONTENT = "duplicate_content";

  private Duplicates() {}

  /**
   * Stable ids and content hashes. Among usable records, a second record with the same id is
   * {@code duplicate_id}; a record whose exact title and text another record of this input or a stored article
   * has once this run is written is {@code duplicate_content} ({@link #markDuplicateContent}). The
   * first record is kept: by input order for a repeated id, by source_ref for repeated content (a stored article's
   * own record first).
   *
   * @param read the records of {@link ArticleReader#read} (with error, error_message, input_seq)
   * @param stored article_id, content_hash of news.articles before the run
   */
  public static Dataset<Row> identify(Dataset<Row> read, Dataset<Row> stored) {
    Dataset<Row> withIds = read
        .withColumn("article_id", substring(sha2(col("source_ref"), 256), 1, 16))
        .withColumn("content_hash", sha2(concat_ws("\u0001", coalesce(col("title"), lit("")),
            coalesce(col("text"), lit(""))), 256));
    Column ok = col("error").isNull();
    Column byId = row_number().over(Window.partitionBy("article_id")
        .orderBy(col("error").asc_nulls_first(), col("source_file"), col("input_seq"), col("content_hash")));
    Dataset<Row> ids = withIds.withColumn("_n", byId)
        .withColumn("error_message", when(ok.and(col("_n").gt(1)),
            lit("Another record of this input has the same id/source_ref; the first one was stored"))
            .otherwise(col("error_message")))
        .withColumn("error", when(ok.and(col("_n").gt(1)), lit(DUPLICATE_ID)).otherwise(col("error")))
        .drop("_n");
    return markDuplicateContent(ids, stored).drop("input_seq");
  }

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
        .withColumn("error", when(dupOfStored.or(dupInRun), lit(DUPLICATE_CONTENT))
            .otherwise(col("error")))
        .drop("_n", "_first", "_stored_hash", "_hash", "_holder1", "_holder2");
  }
}
