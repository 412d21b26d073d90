package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;

import io.newstopics.ingest.ArticleReader;
import io.newstopics.ingest.Duplicates;
import io.newstopics.ingest.InputFormat;
import io.newstopics.tables.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage read: reads the input, gives every record a stable article_id and content hash, and marks the unusable and
 * duplicate records ({@link Duplicates}) against the stored articles; metric input_records.
 */
public final class ReadInput {
  private ReadInput() {}

  /** The records of an input: accepted ones (error columns dropped) and rejected ones, and how many were read. */
  public record Ingested(Dataset<Row> accepted, Dataset<Row> rejected, long inputRecords) {
    /** These records, with {@code failed} (records of {@link #accepted} a later stage failed on) rejected too. */
    public Ingested withFailed(Dataset<Row> failed) {
      return new Ingested(accepted, rejected.unionByName(failed, true), inputRecords);
    }
  }

  public static Ingested run(RunContext ctx, InputFormat format) {
    Dataset<Row> records = ctx.run().stage("read", () -> {
      // The stored articles' ids and hashes as they were before this run, detached from the table: a cached plan
      // that reads news.articles is dropped when the run MERGEs into it (Spark re-caches plans over a written
      // table), and everything after would then read and analyse the whole input again.
      Dataset<Row> stored = ctx.warehouse().read(Tables.ARTICLES).select("article_id", "content_hash")
          .localCheckpoint();
      Dataset<Row> r = ctx.keep(Duplicates.identify(ArticleReader.read(ctx.spark(), ctx.cfg(), format), stored));
      ctx.run().metric("input_records", r.count());
      return r;
    });
    return new Ingested(records.where(col("error").isNull()).drop("error", "error_message"),
        records.where(col("error").isNotNull()), ctx.run().metrics().get("input_records").longValue());
  }
}
