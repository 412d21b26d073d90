package io.newstopics.job.stages;

import io.newstopics.concepts.ArticleEntities;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Stage entities: the concepts every analysed article mentions ({@link ArticleEntities}); metric article_entities. */
public final class FindEntities {
  private FindEntities() {}

  /**
   * @param analysed the analysed articles (article_id, terms, surfaces)
   * @param conceptTable the concepts ({@link io.newstopics.concepts.ConceptDictionary#asTable})
   * @return the rows of news.article_entities, cached
   */
  public static Dataset<Row> run(RunContext ctx, Dataset<Row> analysed, Dataset<Row> conceptTable) {
    return ctx.run().stage("entities", () -> {
      Dataset<Row> e = ctx.keep(ArticleEntities.of(analysed.select("article_id", "terms", "surfaces"), conceptTable));
      ctx.run().metric("article_entities", e.count());
      return e;
    });
  }
}
