package io.newstopics.job;

import io.newstopics.concepts.ConceptDictionary;
import io.newstopics.config.JobConfig;
import io.newstopics.ingest.InputFormat;
import io.newstopics.job.stages.AnalyseText;
import io.newstopics.job.stages.FindEntities;
import io.newstopics.job.stages.FindLinks;
import io.newstopics.job.stages.FitFeatures;
import io.newstopics.job.stages.FitThemes;
import io.newstopics.job.stages.FitTopics;
import io.newstopics.job.stages.ModelledArticles;
import io.newstopics.job.stages.ReadInput;
import io.newstopics.job.stages.RunContext;
import io.newstopics.job.stages.SaveModel;
import io.newstopics.job.stages.ScoreArticles;
import io.newstopics.job.stages.ScoreCoherence;
import io.newstopics.job.stages.StoreArticles;
import io.newstopics.job.stages.TraceTopics;
import io.newstopics.job.stages.WriteResults;
import io.newstopics.tables.Warehouse;
import io.newstopics.topics.Coherence;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job, in the order it runs (each stage a class of {@link io.newstopics.job.stages}):
 * <ol>
 *   <li>read: read the input, give every record a stable article_id, send unusable records to quarantine;</li>
 *   <li>text: tag the language, normalise, analyse into stems/lemmas (Lucene) with surface forms; replace the
 *       terms of ru/uk concepts ({@code conf/concepts.conf}) by their shared concept token; merge the Russian
 *       lemmas the corpus shows only in another lemma's forms;</li>
 *   <li>write_articles: MERGE into news.articles, the run's quarantine slice;</li>
 *   <li>features: CountVectorizer + IDF over the modelled articles; display forms;</li>
 *   <li>lda: LDA; top terms per topic; then topic mixture and top terms per article;</li>
 *   <li>coherence: each topic's display order (of its heaviest terms, those that co-occur most first), and NPMI
 *       and UMass of its top terms on the modelled articles ({@link Coherence});</li>
 *   <li>trace_topics: each topic matched to the previous succeeded run's, its topic_key carried or new;</li>
 *   <li>themes: topic themes and article theme scores from the conf/ lexicons;</li>
 *   <li>entities: the people, countries, organisations and places (concepts) each article mentions;</li>
 *   <li>links: same-story and near-duplicate pairs by TF-IDF cosine, also across ru/uk;</li>
 *   <li>write_results: the run's slice of each table;</li>
 *   <li>save_model: the fitted model under {@code <warehouse>/models/<run_id>} ({@link SavedModel}) for
 *       {@link ScoreJob}; then the run is marked succeeded in news.runs with its model_path.</li>
 * </ol>
 * A failure marks the run failed; its partial rows stay invisible to the news.current_* views.
 */
public final class NewsTopicsJob {
  private NewsTopicsJob() {}

  public static RunResult run(SparkSession spark, JobConfig cfg) {
    InputFormat format = InputFormat.resolve(spark, cfg.input(), cfg.format());
    Warehouse warehouse = Warehouse.create(spark, cfg.warehouse());
    RunRecorder run = new RunRecorder(spark, warehouse, cfg);
    run.format(format.name().toLowerCase());
    run.started();
    return RunContext.execute(spark, cfg, warehouse, run, ctx -> pipeline(ctx, format));
  }

  private static RunResult pipeline(RunContext ctx, InputFormat format) {
    ReadInput.Ingested in = ReadInput.run(ctx, format);
    ConceptDictionary concepts = ConceptDictionary.of(ctx.cfg());
    Dataset<Row> conceptTable = concepts.asTable(ctx.spark());
    AnalyseText.Analysed text = AnalyseText.run(ctx, in, null, null, concepts);
    Dataset<Row> analysed = text.articles();
    StoreArticles.Stored stored = StoreArticles.run(ctx, in.withFailed(text.failed()), analysed);
    ModelledArticles modelled = ModelledArticles.select(ctx, analysed);
    FitFeatures.Features features = FitFeatures.run(ctx, analysed, modelled, conceptTable);
    ScoreCoherence.Scored scored = ScoreCoherence.run(ctx, modelled, FitTopics.run(ctx, features, modelled));
    FitTopics.Topics topics = scored.topics();
    Coherence.Result coherence = scored.coherence();
    Dataset<Row> lineage = TraceTopics.run(ctx, topics);
    ScoreArticles.Scores scores = ScoreArticles.run(ctx, features, topics, modelled);
    FitThemes.Themes themes = FitThemes.run(ctx, analysed, in.accepted(), features, topics, scores);
    Dataset<Row> entities = FindEntities.run(ctx, analysed, conceptTable);
    Dataset<Row> links = FindLinks.run(ctx, modelled, features.vocabulary());
    WriteResults.run(ctx, new WriteResults.Results(features, topics, coherence, scores, themes, links, entities,
        lineage));
    String modelPath = SaveModel.run(ctx, text, features, topics, themes);
    return new RunResult(ctx.run().runId(), ctx.warehouse().root(), stored.articlesByLang(),
        stored.quarantinedByReason(), ctx.run().metrics(),
        RunResult.topicLines(topics.readable(), themes.topicThemes(), coherence), modelPath);
  }
}
