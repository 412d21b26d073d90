package io.newstopics.job.stages;

import io.newstopics.links.ArticleLinks;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage links: same-story and near-duplicate pairs of modelled articles by TF-IDF cosine, also across ru/uk
 * ({@link ArticleLinks}); metrics article_links, article_links_cross_language.
 */
public final class FindLinks {
  private FindLinks() {}

  /** The rows of news.article_links, cached. */
  public static Dataset<Row> run(RunContext ctx, ModelledArticles modelled, Dataset<Row> vocabulary) {
    return ctx.run().stage("links", () -> {
      // the term weights and unit weights the pairs are built from are kept only until the links are counted
      try (Caches working = new Caches()) {
        Dataset<Row> l = ctx.keep(ArticleLinks.links(modelled.articles().select("article_id", "lang", "terms"),
            vocabulary, ctx.cfg().links(), working::keep));
        Map<String, Long> byMethod = Counts.of(l, "method");
        ctx.run().metric("article_links", byMethod.values().stream().mapToLong(Long::longValue).sum());
        ctx.run().metric("article_links_cross_language", byMethod.getOrDefault(ArticleLinks.CROSS_LANGUAGE, 0L));
        return l;
      }
    });
  }
}
