package io.newstopics.job.stages;

import io.newstopics.config.JobConfig;
import io.newstopics.job.RunRecorder;
import io.newstopics.topics.GuidedSeeds;
import io.newstopics.topics.KAuto;
import io.newstopics.topics.TopicModel;
import java.util.function.IntFunction;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Stages lda_sample, lda_k_auto, lda and lda_metrics: LDA fitted on a training sample of the modelled articles
 * (topics.train-sample), k chosen by a sweep when topics.k = auto, optionally seeded from the theme lexicons
 * (topics.guided); then each topic's top terms in their display forms. Every modelled article is scored later
 * ({@link ScoreArticles}).
 */
public final class FitTopics {
  private FitTopics() {}

  /**
   * The fitted model and each topic's top terms (topic_id, term_rank, stem, term, ...), cached: as many as the
   * largest of topics.coherence-terms, topics.display-candidates, topics.terms-per-topic and themes.topic-terms;
   * term_rank by weight here, in display order after {@link ScoreCoherence}.
   */
  public record Topics(TopicModel.Fitted fitted, Dataset<Row> readable) {
    public LDAModel model() {
      return fitted.model();
    }
  }

  /** The LDA training articles and how many they are. */
  private record Sample(Dataset<Row> rows, long count) {}

  public static Topics run(RunContext ctx, FitFeatures.Features features, ModelledArticles modelled) {
    JobConfig cfg = ctx.cfg();
    RunRecorder run = ctx.run();
    JobConfig.TopicOptions topicOptions = cfg.topics();
    long docs = modelled.docs();
    Dataset<Row> modelInput = features.ldaInput(modelled.ordered()).select("article_id", "tf", "terms");
    Dataset<Row> sample = TopicModel.trainSample(modelInput, topicOptions, docs);
    // a sample's vectors are computed and cached in their own stage, not inside the lda stage's first iteration
    Sample train = sample == modelInput ? new Sample(sample, docs) : run.stage("lda_sample", () -> {
      Dataset<Row> kept = ctx.keep(sample);
      return new Sample(kept, kept.count());
    });
    Dataset<Row> trainSet = train.rows();
    long trainDocs = train.count();
    run.metric("lda_train_docs", trainDocs);
    double seedScale = (double) trainDocs / docs; // vocabulary doc_freq is over all modelled articles
    IntFunction<GuidedSeeds> seedsFor = !topicOptions.guided() ? null
        : k -> GuidedSeeds.of(cfg, features.vocabulary(), features.size(), k, seedScale);
    int chosenK = !topicOptions.kAuto() ? topicOptions.k() : run.stage("lda_k_auto", () -> {
      KAuto.Sweep sweep = KAuto.run(trainSet, trainDocs, topicOptions, features.fitted().counts().vocabulary(),
          seedsFor);
      sweep.record(run::metric);
      return sweep.chosen();
    });
    TopicModel.Fitted lda = run.stage("lda", () -> {
      JobConfig.TopicOptions o = topicOptions.with(chosenK, topicOptions.maxIterations(), topicOptions.guided());
      return TopicModel.fit(trainSet.select("article_id", "tf"), o, trainDocs,
          seedsFor == null ? null : seedsFor.apply(TopicModel.effectiveK(o, trainDocs)));
    });
    run.metric("topics_k", lda.k());
    run.metric("lda_subsampling_rate", lda.subsamplingRate());
    run.metric("lda_iterations", lda.iterations());
    run.metric("topics_guided", lda.seededTopics() > 0 ? 1 : 0);
    run.metric("topics_guided_seeded", lda.seededTopics());
    recordMetrics(run, lda.model(), trainSet, topicOptions, trainDocs);
    int terms = Math.max(Math.max(topicOptions.coherenceTerms(), topicOptions.displayCandidates()),
        Math.max(topicOptions.termsPerTopic(), cfg.themes().topicTerms()));
    Dataset<Row> topicTerms = TopicModel.topicTerms(lda.model(), terms);
    return new Topics(lda, ctx.keep(TopicModel.readableTopicTerms(topicTerms, features.vocabulary())));
  }

  /**
   * Stage lda_metrics: log-likelihood, token count and log-perplexity on at most topics.metric-docs articles of the
   * training sample. The log-perplexity is derived from the log-likelihood and the token count (LDAModel's
   * logPerplexity would compute the log-likelihood again).
   */
  private static void recordMetrics(RunRecorder run, LDAModel model, Dataset<Row> trainSet,
                                    JobConfig.TopicOptions topicOptions, long trainDocs) {
    run.stage("lda_metrics", () -> {
      Dataset<Row> m = TopicModel.metricSample(trainSet, topicOptions, trainDocs).select("article_id", "tf")
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        run.metric("lda_metric_docs", m.count());
        double ll = TopicModel.logLikelihood(model, m);
        double tokens = TopicModel.tokenCount(m);
        run.metric("lda_log_likelihood", ll);
        run.metric("corpus_tokens", tokens);
        run.metric("lda_log_perplexity", -ll / tokens);
      } finally {
        m.unpersist();
      }
      return null;
    });
  }
}
