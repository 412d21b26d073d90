package io.newstopics.job.stages;

import io.newstopics.concepts.ConceptMapper;
import io.newstopics.features.TermFeatures;
import io.newstopics.job.RunRecorder;
import io.newstopics.topics.TopicModel;
import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage features: CountVectorizer + IDF over the modelled articles, display forms (concepts by their names), and the
 * LDA input weights of a corpus of several languages; metrics features_min_df, vocabulary_size,
 * language_specific_terms.
 */
public final class FitFeatures {
  private FitFeatures() {}

  /**
   * What the stage fitted.
   *
   * @param fitted vocabulary and IDF
   * @param languageWeights the LDA input weights of the vocabulary's terms (null: none)
   * @param vocabulary the vocabulary table, cached
   */
  public record Features(TermFeatures.Fitted fitted, Vector languageWeights, Dataset<Row> vocabulary) {
    /** The LDA input of {@code articles} (article_id, terms): term counts, TF-IDF, reweighted by language. */
    public Dataset<Row> ldaInput(Dataset<Row> articles) {
      return languageWeights == null
          ? fitted.transform(articles) : TopicModel.reweight(fitted.transform(articles), languageWeights);
    }

    public int size() {
      return fitted.size();
    }
  }

  private record Fit(TermFeatures.Fitted fitted, Vector languageWeights) {}

  /**
   * @param analysed every analysed article (their display forms)
   * @param conceptTable the concepts ({@link io.newstopics.concepts.ConceptDictionary#asTable})
   */
  public static Features run(RunContext ctx, Dataset<Row> analysed, ModelledArticles modelled,
                             Dataset<Row> conceptTable) {
    RunRecorder run = ctx.run();
    Fit fit = run.stage("features", () -> {
      TermFeatures.Fitted f = TermFeatures.fit(ctx.spark(), modelled.terms(),
          stems -> ConceptMapper.named(TermFeatures.displayForms(analysed, ctx.cfg().text(), stems), conceptTable),
          ctx.cfg().features(), modelled.docs());
      // LDA input: in a corpus of several languages, terms only one language uses weigh less
      // (topics.language-specific-weight)
      return new Fit(f, TopicModel.languageWeights(modelled.articles().select("lang", "terms"),
          f.vocabulary(), f.size(), ctx.cfg().topics().languageSpecificWeight()));
    });
    run.metric("features_min_df", TermFeatures.effectiveMinDf(ctx.cfg().features(), modelled.docs()));
    run.metric("vocabulary_size", fit.fitted().size());
    Dataset<Row> vocabulary = ctx.keep(fit.fitted().vocabulary());
    Vector weights = fit.languageWeights();
    run.metric("language_specific_terms", weights == null ? 0
        : Arrays.stream(weights.toArray()).filter(x -> x < 1.0).count());
    return new Features(fit.fitted(), weights, vocabulary);
  }
}
