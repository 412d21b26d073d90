package io.newstopics.job.stages;

import io.newstopics.features.TermFeatures;
import io.newstopics.topics.TopicModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every modelled article's topic mixture and top TF-IDF terms, in one pass over its vectors, cached: the vectors are
 * computed once for article_topics, article_themes and article_terms.
 */
public final class ScoreArticles {
  private ScoreArticles() {}

  /**
   * @param scored article_id, tf, top terms ({@link TermFeatures#TOP_TERMS}) and topic mixture, cached
   * @param articleTopics the rows of news.article_topics
   */
  public record Scores(Dataset<Row> scored, Dataset<Row> articleTopics) {}

  public static Scores run(RunContext ctx, FitFeatures.Features features, FitTopics.Topics topics,
                           ModelledArticles modelled) {
    Dataset<Row> scored = ctx.keep(TopicModel.mixtures(topics.model(), TermFeatures.withTopTerms(
            features.ldaInput(modelled.terms()), ctx.cfg().features().termsPerArticle())
        .select("article_id", "tf", TermFeatures.TOP_TERMS)));
    return new Scores(scored, TopicModel.articleTopics(scored, ctx.cfg().topics().minArticleProbability()));
  }
}
