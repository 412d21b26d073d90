package io.newstopics.job;

import io.newstopics.concepts.ConceptDictionary;
import io.newstopics.config.JobConfig;
import io.newstopics.features.TermFeatures;
import io.newstopics.ingest.InputFormat;
import io.newstopics.job.stages.AnalyseText;
import io.newstopics.job.stages.FindEntities;
import io.newstopics.job.stages.ModelledArticles;
import io.newstopics.job.stages.ReadInput;
import io.newstopics.job.stages.RunContext;
import io.newstopics.job.stages.StoreArticles;
import io.newstopics.tables.ScoredSlices;
import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import io.newstopics.themes.ThemeLexicon;
import io.newstopics.themes.ThemeMapper;
import io.newstopics.topics.TopicModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores new articles with the saved model of a training run ({@link SavedModel}), without training:
 * <ol>
 *   <li>ingest and text, as {@link NewsTopicsJob} does them (same reader, quarantine rules and text stages, with the
 *       model run's text settings, stopwords and concepts; the lines that were boilerplate in the model run's corpus
 *       are boilerplate here too);</li>
 *   <li>articles: MERGE into news.articles; the quarantine slice of this score run;</li>
 *   <li>the saved vocabulary and IDF, the saved LDA input weights, the saved LDA's transform: topics per article;</li>
 *   <li>themes per article from the saved topic themes, top terms per article, entities;</li>
 *   <li>append them to news.article_topics, article_themes, article_terms and article_entities under the model's
 *       run_id and this run's score_run_id ({@link ScoredSlices}): only the articles whose rows changed, and none of
 *       them visible before this run is recorded succeeded, when they all are.</li>
 * </ol>
 * The score run has its own row in news.runs (parameters kind=score, model_run_id); news.article_links is not
 * written (links are found within a training run's corpus).
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  private ScoreJob() {}

  /** What a score run did. */
  public record ScoreResult(String runId, String modelRunId, String warehouse, Map<String, Long> articlesByLang,
                            Map<String, Long> quarantinedByReason, Map<String, Double> metrics) {
    public String summary() {
      StringBuilder b = new StringBuilder();
      b.append("news-topics score ").append(runId).append(" succeeded with the model of run ").append(modelRunId)
          .append('\n');
      b.append(String.format("  input records: %d = stored articles %d (new %d, updated %d, unchanged %d) "
              + "+ quarantined %d%n  scored with topics: %d (the others: themes from their words, entities)%n",
          m("input_records"), m("articles"), m("articles_new"), m("articles_updated"), m("articles_unchanged"),
          m("quarantined"), m("modelled")));
      b.append("  articles by language: ").append(articlesByLang).append('\n');
      if (!quarantinedByReason.isEmpty()) {
        b.append("  quarantined by reason: ").append(quarantinedByReason).append('\n');
      }
      b.append(String.format("  rows (run_id %s) of %d new or changed results: article_topics %d, article_themes "
              + "%d, article_terms %d, article_entities %d  time: %.1fs%n", modelRunId, m("articles_rescored"),
          m("article_topics"), m("article_themes"), m("article_terms"), m("article_entities"),
          metrics.getOrDefault("seconds_total", 0.0)));
      b.append("  query:  bin/news-topics sql \"SELECT a.title, t.topic_id, t.probability FROM news.article_topics t "
          + "JOIN news.articles a USING (article_id) WHERE t.run_id = '").append(modelRunId)
          .append("' AND t.is_dominant AND t.score_run_id = '").append(runId)
          .append("'\"\n          (the articles this run wrote: an article scored again with the same results "
              + "keeps the rows written before)\n");
      return b.toString();
    }

    private long m(String name) {
      return metrics.getOrDefault(name, 0.0).longValue();
    }
  }

  /**
   * Scores {@code cli.input()} with the model {@code model} (a run_id or {@code latest}) of the warehouse
   * {@code cli.warehouse()}. Input fields, CSV delimiter and file size limit come from {@code cli}; everything that
   * shapes the terms, topics and themes comes from the model's run.
   */
  public static ScoreResult score(SparkSession spark, JobConfig cli, String model) {
    Warehouse warehouse = Warehouse.open(spark, cli.warehouse());
    SavedModel saved = SavedModel.load(spark, warehouse, model);
    JobConfig cfg = scoringConfig(cli, saved.cfg());
    InputFormat format = InputFormat.resolve(spark, cfg.input(), cfg.format());
    RunRecorder run = new RunRecorder(spark, warehouse, cfg, RunRecorder.KIND_SCORE);
    run.parameter(RunRecorder.MODEL_RUN_ID, saved.runId());
    run.format(format.name().toLowerCase());
    warehouse.upgrade(); // the tables and columns score writes, in a warehouse of an older version
    run.started();
    return RunContext.execute(spark, cfg, warehouse, run, ctx -> pipeline(ctx, format, saved));
  }

  /** The model run's configuration, reading the new input with the reader settings of the command line. */
  static JobConfig scoringConfig(JobConfig cli, JobConfig model) {
    return model.toBuilder().input(cli.input()).format(cli.format()).warehouse(cli.warehouse()).fields(cli.fields())
        .csvDelimiter(cli.csvDelimiter()).maxFileBytes(cli.maxFileBytes()).build();
  }

  /** The training run's stages up to the stored articles, then the saved model's transforms instead of fits. */
  private static ScoreResult pipeline(RunContext ctx, InputFormat format, SavedModel saved) {
    ReadInput.Ingested in = ReadInput.run(ctx, format);
    ConceptDictionary concepts = ConceptDictionary.of(ctx.cfg());
    Dataset<Row> conceptTable = concepts.asTable(ctx.spark());
    AnalyseText.Analysed text = AnalyseText.run(ctx, in, saved.boilerplate(), saved.lemmaMerges(), concepts);
    Dataset<Row> analysed = text.articles();
    StoreArticles.Stored stored = StoreArticles.run(ctx, in.withFailed(text.failed()), analysed);
    Dataset<Row> vectors = modelledVectors(ctx, saved, analysed);
    Dataset<Row> articleTopics = ctx.run().stage("lda", () -> ctx.keep(TopicModel.articleTopics(saved.lda(),
        saved.ldaInput(vectors.select("article_id", "tf")), ctx.cfg().topics().minArticleProbability())));
    Dataset<Row> articleThemes = articleThemes(ctx, saved, analysed, articleTopics, vectors);
    Dataset<Row> articleTerms = TermFeatures.topTerms(vectors, saved.vocabulary(),
        ctx.cfg().features().termsPerArticle());
    Dataset<Row> entities = FindEntities.run(ctx, analysed, conceptTable);
    writeResults(ctx, saved.runId(), analysed, articleTopics, articleThemes, articleTerms, entities);
    return new ScoreResult(ctx.run().runId(), saved.runId(), ctx.warehouse().root(), stored.articlesByLang(),
        stored.quarantinedByReason(), ctx.run().metrics());
  }

  /** The saved features of the modelled articles (article_id, tf, ...), cached; metric modelled. */
  private static Dataset<Row> modelledVectors(RunContext ctx, SavedModel saved, Dataset<Row> analysed) {
    JobConfig cfg = ctx.cfg();
    Dataset<Row> vectors = ctx.keep(saved.features().transform(
        analysed.where(ModelledArticles.where(cfg)).select("article_id", "terms")));
    long docs = vectors.count();
    ctx.run().metric("modelled", docs);
    if (docs == 0) {
      LOG.warn("[{}] no article has at least {} terms in {}: none gets topics (themes and entities are still "
          + "written)", ctx.run().runId(), cfg.text().minTerms(), cfg.text().modelLanguages());
    }
    return vectors;
  }

  /** Every article's themes from the saved topic themes and theme classifiers. */
  private static Dataset<Row> articleThemes(RunContext ctx, SavedModel saved, Dataset<Row> analysed,
                                            Dataset<Row> articleTopics, Dataset<Row> vectors) {
    JobConfig cfg = ctx.cfg();
    Dataset<Row> evidence = ThemeMapper.evidence(analysed.select("article_id", "terms", "surfaces"), articleTopics,
        saved.topicThemes(), TermFeatures.withTopTerms(vectors, cfg.features().termsPerArticle())
            .select("article_id", TermFeatures.TOP_TERMS), ThemeLexicon.asTable(ctx.spark(), cfg),
        cfg.themes().lexicons().stream().map(JobConfig.Theme::name).toList(), cfg.themes());
    return ThemeMapper.articleThemes(evidence, saved.themes(), cfg.themes());
  }

  /**
   * Stage write_results: into the model run's slice, appended, visible once the score run is recorded succeeded
   * ({@link ScoredSlices}).
   */
  private static void writeResults(RunContext ctx, String modelRunId, Dataset<Row> analysed,
                                   Dataset<Row> articleTopics, Dataset<Row> articleThemes, Dataset<Row> articleTerms,
                                   Dataset<Row> entities) {
    ctx.run().stage("write_results", () -> {
      Map<TableSpec, Dataset<Row>> rows = new LinkedHashMap<>();
      rows.put(Tables.ARTICLE_TOPICS, articleTopics);
      rows.put(Tables.ARTICLE_THEMES, ctx.keep(articleThemes)); // compared, then written
      rows.put(Tables.ARTICLE_TERMS, ctx.keep(articleTerms));
      rows.put(Tables.ARTICLE_ENTITIES, entities);
      ScoredSlices.write(ctx.warehouse(), modelRunId, ctx.run().runId(), analysed, rows).forEach(ctx.run()::metric);
      return null;
    });
  }
}
