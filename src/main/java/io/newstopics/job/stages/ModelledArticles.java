package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.newstopics.config.JobConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The articles LDA models ({@link #where}): all their columns, their terms, the same articles ordered by content for
 * the LDA training input, and how many they are.
 *
 * @param articles the modelled analysed articles, every column
 * @param terms article_id, terms: for the features and the scores, which do not depend on the order
 * @param ordered article_id, terms by content ({@link Partitions#byContent}): the LDA training input
 * @param docs how many articles are modelled
 */
public record ModelledArticles(Dataset<Row> articles, Dataset<Row> terms, Dataset<Row> ordered, long docs) {

  /** The one rule for what LDA models: a modelled language with enough terms. */
  public static Column where(JobConfig cfg) {
    return modelledLanguage(cfg).and(enoughTerms(cfg));
  }

  /** A modelled language ({@code text.model-languages})... */
  static Column modelledLanguage(JobConfig cfg) {
    return col("lang").isin(cfg.text().modelLanguages().toArray());
  }

  /** ...and at least {@code text.min-terms} terms. */
  static Column enoughTerms(JobConfig cfg) {
    return col("term_count").geq(lit(cfg.text().minTerms()));
  }

  /**
   * The modelled articles of {@code analysed}; metric modelled. Fails when fewer than two are modelled. The training
   * input is ordered by content, not by id (ids depend on where the input lives), so the same texts give the same
   * topics: its mini-batches sample partitions. Nothing else depends on the order (the vocabulary and IDF are
   * counts, every article is scored with the model's seed), so the other stages read {@link #terms} unshuffled.
   */
  public static ModelledArticles select(RunContext ctx, Dataset<Row> analysed) {
    JobConfig cfg = ctx.cfg();
    Dataset<Row> articles = analysed.where(where(cfg));
    long docs = articles.count();
    Dataset<Row> terms = articles.select("article_id", "terms");
    Dataset<Row> ordered = Partitions.byContent(articles.select("article_id", "terms", "content_hash"), docs)
        .sortWithinPartitions("content_hash").drop("content_hash");
    ctx.run().metric("modelled", docs);
    if (docs < 2) {
      throw new IllegalStateException("only " + docs + " article(s) with at least " + cfg.text().minTerms()
          + " terms in " + cfg.text().modelLanguages() + ": too few to model (check --input, or lower text.min-terms)");
    }
    return new ModelledArticles(articles, terms, ordered, docs);
  }
}
