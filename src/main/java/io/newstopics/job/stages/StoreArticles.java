package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.newstopics.job.RunRecorder;
import io.newstopics.tables.Tables;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage write_articles: the run's quarantine slice, and a MERGE of the analysed articles into news.articles; metrics
 * articles_new/updated/unchanged, quarantined(_reason), articles_(lang).
 */
public final class StoreArticles {
  private StoreArticles() {}

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

  /** What the stage stored: articles per language and quarantined records per reason. */
  public record Stored(Map<String, Long> articlesByLang, Map<String, Long> quarantinedByReason) {}

  /**
   * @param in the run's records, with the ones a text step failed on among the rejected
   * @param analysed the analysed articles ({@link AnalyseText.Analysed#articles})
   */
  public static Stored run(RunContext ctx, ReadInput.Ingested in, Dataset<Row> analysed) {
    RunRecorder run = ctx.run();
    String runId = run.runId();
    run.stage("write_articles", () -> {
      ctx.warehouse().appendRun(Tables.QUARANTINE, runId, quarantineRows(in.rejected(), runId));
      Map<String, Long> merged = ctx.warehouse().merge(Tables.ARTICLES, analysed
              .withColumn("ingested_at", current_timestamp())
              .withColumn("updated_at", current_timestamp()).withColumn("last_run_id", lit(runId)),
          CHANGED,
          List.of("ingested_at"));
      long inserted = merged.getOrDefault("num_inserted_rows", 0L);
      long updated = merged.getOrDefault("num_updated_rows", 0L);
      run.metric("articles_new", inserted);
      run.metric("articles_updated", updated);
      run.metric("articles_unchanged", run.metrics().get("articles").longValue() - inserted - updated);
      return null;
    });
    Map<String, Long> quarantined = Counts.of(in.rejected(), "error");
    run.metric("quarantined", quarantined.values().stream().mapToLong(Long::longValue).sum());
    quarantined.forEach((reason, n) -> run.metric("quarantined_" + reason, n));
    Map<String, Long> byLang = Counts.of(analysed, "lang");
    byLang.forEach((lang, n) -> run.metric("articles_" + lang, n));
    return new Stored(byLang, quarantined);
  }

  static Dataset<Row> quarantineRows(Dataset<Row> rejected, String runId) {
    return rejected.select(lit(runId).as("run_id"), col("source_ref"), col("source_file"), col("error").as("reason"),
        coalesce(col("error_message"), col("error")).as("message"), col("raw").as("raw_sample"),
        current_timestamp().as("quarantined_at"));
  }
}
