package io.newstopics.job;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.newstopics.concepts.ArticleEntities;
import io.newstopics.concepts.ConceptDictionary;
import io.newstopics.concepts.ConceptMapper;
import io.newstopics.config.JobConfig;
import io.newstopics.features.TermFeatures;
import io.newstopics.ingest.ArticleReader;
import io.newstopics.ingest.InputFormat;
import io.newstopics.links.ArticleLinks;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import io.newstopics.text.BoilerplateRemover;
import io.newstopics.text.LanguageTagger;
import io.newstopics.text.RecordGuard;
import io.newstopics.text.TermExtractor;
import io.newstopics.text.TextLimit;
import io.newstopics.text.TextNormalizer;
import io.newstopics.themes.ThemeClassifier;
import io.newstopics.themes.ThemeLabels;
import io.newstopics.themes.ThemeLexicon;
import io.newstopics.themes.ThemeMapper;
import io.newstopics.topics.Coherence;
import io.newstopics.topics.TopicModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job, in the order it runs:
 * <ol>
 *   <li>ingest: read the input, give every record a stable article_id, send unusable records to quarantine;</li>
 *   <li>text: tag the language, normalise, analyse into stems/lemmas (Lucene) with surface forms; replace the
 *       terms of ru/uk concepts ({@code conf/concepts.conf}) by their shared concept token;</li>
 *   <li>articles: MERGE into news.articles;</li>
 *   <li>features: CountVectorizer + IDF over the modelled articles; display forms; top terms per article;</li>
 *   <li>topics: LDA; top terms per topic; topic mixture per article;</li>
 *   <li>coherence: NPMI and UMass of each topic's top terms on the modelled articles ({@link Coherence});</li>
 *   <li>themes: topic themes and article theme scores from the conf/ lexicons;</li>
 *   <li>entities: the people, countries, organisations and places (concepts) each article mentions;</li>
 *   <li>links: same-story and near-duplicate pairs by TF-IDF cosine, also across ru/uk ({@link ArticleLinks});</li>
 *   <li>write the run's slice of each table;</li>
 *   <li>save the fitted model under {@code <warehouse>/models/<run_id>} ({@link SavedModel}) for
 *       {@link ScoreJob}, then mark the run succeeded in news.runs with its model_path.</li>
 * </ol>
 * A failure marks the run failed; its partial rows stay invisible to the news.current_* views.
 */
public final class NewsTopicsJob {
  private static final Logger LOG = LoggerFactory.getLogger(NewsTopicsJob.class);
  public static final String DUPLICATE_ID = "duplicate_id";
  public static final String DUPLICATE_CONTENT = "duplicate_content";

  private NewsTopicsJob() {}

  public static RunResult run(SparkSession spark, JobConfig cfg) {
    InputFormat format = InputFormat.resolve(spark, cfg.input(), cfg.format());
    Warehouse warehouse = Warehouse.create(spark, cfg.warehouse());
    RunRecorder run = new RunRecorder(spark, warehouse, cfg);
    run.format(format.name().toLowerCase());
    run.started();
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      RunResult result = pipeline(spark, cfg, format, warehouse, run, cached);
      run.succeeded();
      return result;
    } catch (Throwable e) { // Spark's AnalysisException is checked to Java: catch everything, record, rethrow
      run.failed(e);
      throw e;
    } finally {
      unpersist(cached);
    }
  }

  /**
   * Unpersists every cache, without letting a failure here (a context an OutOfMemoryError has stopped) replace the
   * error the run is failing with.
   */
  static void unpersist(List<Dataset<Row>> cached) {
    for (Dataset<Row> d : cached) {
      try {
        d.unpersist();
      } catch (RuntimeException e) {
        LOG.warn("Could not unpersist a cached dataset: {}", e.toString());
      }
    }
  }

  private static RunResult pipeline(SparkSession spark, JobConfig cfg, InputFormat format, Warehouse warehouse,
                                    RunRecorder run, List<Dataset<Row>> cached) {
    String runId = run.runId();

    // 1. ingest
    Ingested in = ingest(spark, cfg, format, warehouse, run, cached);

    // 2. text
    ConceptDictionary concepts = ConceptDictionary.of(cfg);
    Dataset<Row> conceptTable = concepts.asTable(spark);
    Analysed text = analyse(cfg, in, null, concepts, run, cached);
    Dataset<Row> analysed = text.articles();

    // 3. articles and quarantine
    Stored stored = writeArticles(warehouse, run, in.withFailed(text.failed()), analysed);
    Map<String, Long> quarantined = stored.quarantinedByReason();
    Map<String, Long> byLang = stored.articlesByLang();

    Column modelledWhere = modelled(cfg);
    long docs = analysed.where(modelledWhere).count();
    // The LDA training input is ordered by content, not by id (ids depend on where the input lives), so the same
    // texts give the same topics: its mini-batches sample partitions. Nothing else depends on the order (the
    // vocabulary and IDF are counts, every article is scored with the model's seed), so the features and the scores
    // read the modelled articles as they are cached, without that shuffle and sort.
    Dataset<Row> modelledTerms = analysed.where(modelledWhere).select("article_id", "terms");
    Dataset<Row> modelled = byContent(analysed.where(modelledWhere).select("article_id", "terms", "content_hash"),
        docs).sortWithinPartitions("content_hash").drop("content_hash");
    run.metric("modelled", docs);
    if (docs < 2) {
      throw new IllegalStateException("only " + docs + " article(s) with at least " + cfg.text().minTerms()
          + " terms in " + cfg.text().modelLanguages() + ": too few to model (check --input, or lower text.min-terms)");
    }

    // 4. features
    Dataset<Row> forms = ConceptMapper.named(TermFeatures.displayForms(analysed), conceptTable);
    Features fitted = run.stage("features", () -> {
      TermFeatures.Fitted f = TermFeatures.fit(spark, modelledTerms, forms, cfg.features(), docs);
      // LDA input: in a corpus of several languages, terms only one language uses weigh less
      // (topics.language-specific-weight)
      return new Features(f, TopicModel.languageWeights(analysed.where(modelledWhere).select("lang", "terms"),
          f.vocabulary(), f.size(), cfg.topics().languageSpecificWeight()));
    });
    TermFeatures.Fitted features = fitted.fitted();
    org.apache.spark.ml.linalg.Vector languageWeights = fitted.languageWeights();
    run.metric("features_min_df", TermFeatures.effectiveMinDf(cfg.features(), docs));
    run.metric("vocabulary_size", features.size());
    Dataset<Row> vocabulary = keep(features.vocabulary(), cached);
    java.util.function.UnaryOperator<Dataset<Row>> toLdaInput = d -> languageWeights == null
        ? features.transform(d) : TopicModel.reweight(features.transform(d), languageWeights);
    Dataset<Row> ldaInput = toLdaInput.apply(modelled);
    run.metric("language_specific_terms", languageWeights == null ? 0
        : java.util.Arrays.stream(languageWeights.toArray()).filter(x -> x < 1.0).count());

    // 5. topics: fitted on a training sample (topics.train-sample), k chosen by a sweep when topics.k = auto,
    // optionally seeded from the theme lexicons (topics.guided); every modelled article is scored below
    JobConfig.TopicOptions topicOptions = cfg.topics();
    Dataset<Row> modelInput = ldaInput.select("article_id", "tf", "terms");
    Dataset<Row> sample = TopicModel.trainSample(modelInput, topicOptions, docs);
    // the sample's vectors, computed and cached here, not inside the lda stage's first iteration; planning it samples
    // the modelled articles for their ordering by content (30 s at 400k on 4 GB, outside every stage before)
    Sample train = sample == modelInput ? new Sample(sample, docs) : run.stage("lda_sample", () -> {
      Dataset<Row> kept = keep(sample, cached);
      return new Sample(kept, kept.count());
    });
    Dataset<Row> trainSet = train.rows();
    long trainDocs = train.count();
    run.metric("lda_train_docs", trainDocs);
    double seedScale = (double) trainDocs / docs; // vocabulary doc_freq is over all modelled articles
    java.util.function.IntFunction<io.newstopics.topics.GuidedSeeds> seedsFor = !topicOptions.guided() ? null
        : k -> io.newstopics.topics.GuidedSeeds.of(cfg, vocabulary, features.size(), k, seedScale);
    int chosenK = !topicOptions.kAuto() ? topicOptions.k() : run.stage("lda_k_auto", () -> {
      io.newstopics.topics.KAuto.Sweep sweep = io.newstopics.topics.KAuto.run(trainSet, trainDocs, topicOptions,
          features.counts().vocabulary(), seedsFor);
      sweep.record(run::metric);
      return sweep.chosen();
    });
    TopicModel.Fitted lda = run.stage("lda", () -> {
      JobConfig.TopicOptions o = topicOptions.with(chosenK, topicOptions.maxIterations(), topicOptions.guided());
      return TopicModel.fit(trainSet.select("article_id", "tf"), o, trainDocs,
          seedsFor == null ? null : seedsFor.apply(TopicModel.effectiveK(o, trainDocs)));
    });
    LDAModel model = lda.model();
    run.metric("topics_k", lda.k());
    run.metric("lda_subsampling_rate", lda.subsamplingRate());
    run.metric("lda_iterations", lda.iterations());
    run.metric("topics_guided", lda.seededTopics() > 0 ? 1 : 0);
    run.metric("topics_guided_seeded", lda.seededTopics());
    run.stage("lda_metrics", () -> {
      // on the training sample, at most topics.metric-docs articles: on a whole large corpus it cost more than the
      // fit. logPerplexity would compute the log-likelihood again: derive it from the token count instead
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
    int coherenceTerms = cfg.topics().coherenceTerms();
    Dataset<Row> topicTerms = TopicModel.topicTerms(model,
        Math.max(coherenceTerms, Math.max(cfg.topics().termsPerTopic(), cfg.themes().topicTerms())));
    Dataset<Row> readable = keep(TopicModel.readableTopicTerms(topicTerms, vocabulary), cached);
    // coherence of the topics' top stems on the modelled articles' own stems (the model's tokens); no need for the
    // modelled ordering (a shuffle), only for the same articles and column
    Map<Integer, List<String>> topStems = topStems(readable, coherenceTerms);
    Coherence.Result coherence = run.stage("coherence", () ->
        Coherence.score(analysed.where(modelledWhere).select("terms"), "terms", topStems, coherenceTerms));
    run.metric("coherence_npmi_mean", coherence.meanNpmi());
    run.metric("coherence_umass_mean", coherence.meanUmass());
    run.metric("topic_diversity", coherence.diversity());
    run.metric("topics_incoherent", io.newstopics.topics.TopicQuality.incoherent(coherence));
    // every modelled article's topic mixture and top TF-IDF terms in one pass over its vectors, cached: the vectors
    // (a shuffle of the modelled articles and the TF-IDF transform) are computed once for article_topics,
    // article_themes and article_terms
    Dataset<Row> scored = keep(TopicModel.mixtures(model, TermFeatures.withTopTerms(toLdaInput.apply(modelledTerms),
        cfg.features().termsPerArticle()).select("article_id", "tf", TermFeatures.TOP_TERMS)), cached);
    Dataset<Row> articleTopics = TopicModel.articleTopics(scored, cfg.topics().minArticleProbability());

    // 6. themes: every article's evidence for every theme, and P(theme | article) from classifiers fitted on it
    Dataset<Row> lexicon = ThemeLexicon.asTable(spark, cfg);
    Dataset<Row> topicThemes = keep(ThemeMapper.topicThemes(
        readable.where(col("term_rank").leq(lit(cfg.themes().topicTerms()))), lexicon, cfg.themes()), cached);
    List<String> themeNames = cfg.themes().lexicons().stream().map(JobConfig.Theme::name).toList();
    Dataset<Row> themeEvidence = keep(ThemeMapper.evidence(analysed.select("article_id", "terms", "surfaces"),
        articleTopics, topicThemes, scored.select("article_id", TermFeatures.TOP_TERMS), lexicon, themeNames,
        cfg.themes()), cached);
    ThemeClassifier.Fitted themeModel = run.stage("themes", () -> ThemeClassifier.fit(themeEvidence,
        trainingLabels(spark, cfg, in.accepted(), themeNames), themeNames, features.size(),
        ThemeLexicon.termIndices(lexicon, vocabulary), cfg.themes()));
    Dataset<Row> articleThemes = ThemeMapper.articleThemes(themeEvidence, themeModel, cfg.themes());

    // 7. entities and links
    Dataset<Row> entities = entities(analysed, conceptTable, run, cached);
    Dataset<Row> links = run.stage("links", () -> {
      // the term weights and unit weights the pairs are built from are kept only until the links are counted
      List<Dataset<Row>> working = new ArrayList<>();
      try {
        Dataset<Row> l = keep(ArticleLinks.links(analysed.where(modelledWhere).select("article_id", "lang", "terms"),
            vocabulary, cfg.links(), d -> keep(d, working)), cached);
        Map<String, Long> byMethod = counts(l, "method");
        run.metric("article_links", byMethod.values().stream().mapToLong(Long::longValue).sum());
        run.metric("article_links_cross_language", byMethod.getOrDefault(ArticleLinks.CROSS_LANGUAGE, 0L));
        return l;
      } finally {
        unpersist(working);
      }
    });

    // 8. the run's tables
    run.stage("write_results", () -> {
      // each slice gets this run's run_id from appendRuns
      Map<io.newstopics.tables.TableSpec, Dataset<Row>> slices = new LinkedHashMap<>();
      slices.put(Tables.ARTICLE_TOPICS, articleTopics);
      slices.put(Tables.ARTICLE_THEMES, articleThemes);
      slices.put(Tables.ARTICLE_TERMS, TermFeatures.topTerms(scored, vocabulary));
      slices.put(Tables.ARTICLE_LINKS, links);
      slices.put(Tables.ARTICLE_ENTITIES, entities);
      slices.put(Tables.VOCABULARY, vocabulary);
      slices.put(Tables.TOPICS, readable
          .where(col("term_rank").leq(lit(cfg.topics().termsPerTopic())))
          .join(topicThemes, "topic_id").join(coherence.asTable(spark), new String[] {"topic_id"}, "left")
          .join(io.newstopics.topics.TopicQuality.table(spark, readable, coherence), new String[] {"topic_id"},
              "left"));
      warehouse.appendRuns(runId, slices); // a few tables at a time
      return null;
    });

    // 9. the model, for `score`
    String modelPath = run.stage("save_model", () -> new SavedModel(runId, cfg, text.boilerplate(),
        features.counts(), features.idf(),
        languageWeights, model, vocabulary, topicThemes, themeModel).save(spark, warehouse));
    run.parameter(SavedModel.MODEL_PATH, modelPath);

    return new RunResult(runId, warehouse.root(), byLang, quarantined, run.metrics(),
        topicLines(readable, topicThemes, coherence), modelPath);
  }

  /**
   * The labels of themes.training-labels matched to this run's articles (article_id, theme, label), or null when
   * none are configured.
   */
  static Dataset<Row> trainingLabels(SparkSession spark, JobConfig cfg, Dataset<Row> articles, List<String> themes) {
    String file = cfg.themes().trainingLabels();
    if (file == null || file.isBlank()) {
      return null;
    }
    ThemeLabels labels = ThemeLabels.read(spark, file, themes);
    if (!labels.problems().isEmpty()) {
      LOG.warn("themes.training-labels {}: {}", file, labels.problems());
    }
    return labels.matched(articles.select("article_id", "source_ref")).select("article_id", "theme", "label");
  }

  /** What the features stage fitted: vocabulary and IDF, and the LDA input weights (null: none). */
  record Features(TermFeatures.Fitted fitted, org.apache.spark.ml.linalg.Vector languageWeights) {}

  /** The LDA training articles and how many they are. */
  record Sample(Dataset<Row> rows, long count) {}

  /** The records of an input: accepted ones (error columns dropped) and rejected ones, and how many were read. */
  record Ingested(Dataset<Row> accepted, Dataset<Row> rejected, long inputRecords) {
    /** These records, with {@code failed} (records of {@link #accepted} a later stage failed on) rejected too. */
    Ingested withFailed(Dataset<Row> failed) {
      return new Ingested(accepted, rejected.unionByName(failed, true), inputRecords);
    }
  }

  /** Ingest (stage read): read the input, identify the records against the stored articles; input_records. */
  static Ingested ingest(SparkSession spark, JobConfig cfg, InputFormat format, Warehouse warehouse,
                         RunRecorder run, List<Dataset<Row>> cached) {
    Dataset<Row> records = run.stage("read", () -> {
      // The stored articles' ids and hashes as they were before this run, detached from the table: a cached plan
      // that reads news.articles is dropped when the run MERGEs into it (Spark re-caches plans over a written
      // table), and everything after would read and analyse the whole input again (5 of 14 minutes at 100k).
      Dataset<Row> stored = warehouse.read(Tables.ARTICLES).select("article_id", "content_hash").localCheckpoint();
      Dataset<Row> r = keep(identify(ArticleReader.read(spark, cfg, format), stored), cached);
      run.metric("input_records", r.count());
      return r;
    });
    return new Ingested(records.where(col("error").isNull()).drop("error", "error_message"),
        records.where(col("error").isNotNull()), run.metrics().get("input_records").longValue());
  }

  /**
   * The analysed articles (cached), the boilerplate line keys removed from them (the lines common in this input,
   * plus the known ones given to {@link #analyse}), and the records a text step failed on, in the shape of
   * {@link Ingested#rejected} (reason text_failed or text_timeout: they go to news.quarantine).
   */
  record Analysed(Dataset<Row> articles, Dataset<Row> boilerplate, Dataset<Row> failed) {}

  /**
   * Text (stage text): language, boilerplate, normalisation, terms with surface forms, concepts, term_count and
   * quality_flags of the accepted records; metric articles. Each article is read up to text.max-chars
   * ({@link TextLimit}) and fails alone ({@link RecordGuard}). {@code knownBoilerplate}: line keys removed as
   * boilerplate besides the lines common in this input (a model's, when scoring; null when training).
   */
  static Analysed analyse(JobConfig cfg, Ingested in, Dataset<Row> knownBoilerplate, ConceptDictionary concepts,
                          RunRecorder run, List<Dataset<Row>> cached) {
    long boilerplateThreshold = boilerplateThreshold(cfg, in);
    RecordGuard guard = new RecordGuard(cfg.text().maxSecondsPerArticle());
    return run.stage("text", () -> {
      Dataset<Row> tagged = LanguageTagger.tag(TextLimit.cut(sized(in.accepted(), in.inputRecords()),
          cfg.text().maxChars()));
      List<String> prefixes = cfg.text().boilerplateLinePrefixes();
      List<String> keys = BoilerplateRemover.keys(
          BoilerplateRemover.commonKeys(tagged, boilerplateThreshold, prefixes, guard), knownBoilerplate);
      run.metric("boilerplate_lines", keys.size());
      // the saved model stores them (computing them again from the text cost 3 s of 113 on 20k articles)
      Dataset<Row> boilerplate = in.accepted().sparkSession().createDataset(keys,
          org.apache.spark.sql.Encoders.STRING()).toDF("key");
      Dataset<Row> cleaned = TextNormalizer.apply(BoilerplateRemover.remove(tagged, keys, prefixes, guard), guard);
      Dataset<Row> all = keep(TextLimit.restore(ConceptMapper.apply(TermExtractor.apply(cleaned, cfg.text()), concepts)
          .withColumn("term_count", size(col("terms")))
          .withColumn("quality_flags", concat(col("quality_flags"),
              when(org.apache.spark.sql.functions.not(modelledLanguage(cfg)), array(lit("not_modelled_language")))
                  .when(org.apache.spark.sql.functions.not(enoughTerms(cfg)), array(lit("too_few_terms")))
                  .otherwise(array().cast("array<string>"))))
          .drop("clean_text", "model_text")), cached);
      Map<String, Long> outcomes = counts(all, RecordGuard.REASON);
      run.metric("articles", outcomes.getOrDefault("null", 0L));
      Dataset<Row> failed = all.where(col(RecordGuard.REASON).isNotNull()).select(col("source_ref"),
          col("source_file"), col("raw"), col(RecordGuard.REASON).as("error"),
          col(RecordGuard.MESSAGE).as("error_message"));
      return new Analysed(all.where(col(RecordGuard.REASON).isNull()).drop(RecordGuard.REASON, RecordGuard.MESSAGE),
          boilerplate, failed);
    });
  }

  /** Most articles a task of the text stage analyses (and caches) at once. */
  static final long ARTICLES_PER_TASK = 5_000;

  /**
   * The records spread over enough partitions for at most {@link #ARTICLES_PER_TASK} each (by article_id), in a
   * multiple of the session's cores ({@link #balancedTasks}): the ingest's shuffle gives spark.sql.shuffle.partitions,
   * 50,000 articles each at 400k with the local default of 8, which ran a 4 GB driver out of heap in the text stage;
   * and the 22k-article telegram corpus, in 5 partitions on 2 cores, left one core idle for the last fifth of every
   * pass over the analysed articles.
   */
  static Dataset<Row> sized(Dataset<Row> records, long count) {
    int cores = records.sparkSession().sparkContext().defaultParallelism();
    int wanted = balancedTasks(count, cores);
    int partitions = records.javaRDD().getNumPartitions();
    boolean unbalanced = wanted > 1 && partitions % cores != 0;
    return wanted > partitions || unbalanced ? records.repartition(wanted, col("article_id")) : records;
  }

  /**
   * {@link #tasksFor} rounded up to a multiple of {@code cores}, so that the tasks end together, but never under
   * {@link #MIN_ARTICLES_PER_PARTITION} articles per task (a cluster's hundreds of cores do not split 22k articles
   * into hundreds of tasks); one task's worth of articles stays one task.
   */
  static int balancedTasks(long count, int cores) {
    int tasks = tasksFor(count);
    if (tasks <= 1 || cores <= 1) {
      return tasks;
    }
    long roundedUp = (tasks + (long) cores - 1) / cores * cores;
    long byMinimum = (count + MIN_ARTICLES_PER_PARTITION - 1) / MIN_ARTICLES_PER_PARTITION;
    return (int) Math.max(tasks, Math.min(Math.min(roundedUp, byMinimum), 10_000));
  }

  /** Partitions for {@code count} articles at most {@link #ARTICLES_PER_TASK} each (at most 10,000 partitions). */
  static int tasksFor(long count) {
    return (int) Math.min((count + ARTICLES_PER_TASK - 1) / ARTICLES_PER_TASK, 10_000);
  }

  /**
   * The modelled articles by content_hash: spark.sql.shuffle.partitions partitions, or more when they would hold
   * over {@link #ARTICLES_PER_TASK} articles each (8 partitions of 50,000 at 400k, each sorted in one task), or
   * fewer when they would hold under {@link #MIN_ARTICLES_PER_PARTITION} (one for the five seed articles). The number
   * is given: without it, adaptive execution coalesced the 8 partitions of the telegram corpus into 3 of uneven
   * size, and the LDA fit (its partitions grouped per core) ran 17,459 articles in one task and 2,559 in the other,
   * each iteration waiting for the first.
   */
  static Dataset<Row> byContent(Dataset<Row> modelled, long docs) {
    long few = Math.max(1, (docs + MIN_ARTICLES_PER_PARTITION - 1) / MIN_ARTICLES_PER_PARTITION);
    int wanted = Math.max(tasksFor(docs),
        (int) Math.min(few, modelled.sparkSession().sessionState().conf().numShufflePartitions()));
    return modelled.repartition(wanted, col("content_hash"));
  }

  /** Fewest modelled articles per partition of {@link #byContent}. */
  static final long MIN_ARTICLES_PER_PARTITION = 1_000;

  static long boilerplateThreshold(JobConfig cfg, Ingested in) {
    return BoilerplateRemover.threshold(in.inputRecords(), cfg.text().boilerplateMinArticles(),
        cfg.text().boilerplateMinShare());
  }

  /** What writeArticles stored: articles per language and quarantined records per reason. */
  record Stored(Map<String, Long> articlesByLang, Map<String, Long> quarantinedByReason) {}

  /**
   * Articles and quarantine (stage write_articles): the run's quarantine slice, and a MERGE of the articles into
   * news.articles; metrics articles_new/updated/unchanged, quarantined(_reason), articles_(lang).
   */
  static Stored writeArticles(Warehouse warehouse, RunRecorder run, Ingested in, Dataset<Row> analysed) {
    String runId = run.runId();
    run.stage("write_articles", () -> {
      warehouse.appendRun(Tables.QUARANTINE, runId, quarantineRows(in.rejected(), runId));
      Map<String, Long> merged = warehouse.merge(Tables.ARTICLES, analysed
              .withColumn("ingested_at", current_timestamp())
              .withColumn("updated_at", current_timestamp()).withColumn("last_run_id", lit(runId)),
          StoredArticles.CHANGED,
          List.of("ingested_at"));
      long inserted = merged.getOrDefault("num_inserted_rows", 0L);
      long updated = merged.getOrDefault("num_updated_rows", 0L);
      run.metric("articles_new", inserted);
      run.metric("articles_updated", updated);
      run.metric("articles_unchanged", run.metrics().get("articles").longValue() - inserted - updated);
      return null;
    });
    Map<String, Long> quarantined = counts(in.rejected(), "error");
    run.metric("quarantined", quarantined.values().stream().mapToLong(Long::longValue).sum());
    quarantined.forEach((reason, n) -> run.metric("quarantined_" + reason, n));
    Map<String, Long> byLang = counts(analysed, "lang");
    byLang.forEach((lang, n) -> run.metric("articles_" + lang, n));
    return new Stored(byLang, quarantined);
  }

  /** Entities (stage entities): the concepts every analysed article mentions; metric article_entities. */
  static Dataset<Row> entities(Dataset<Row> analysed, Dataset<Row> conceptTable, RunRecorder run,
                               List<Dataset<Row>> cached) {
    return run.stage("entities", () -> {
      Dataset<Row> e = keep(ArticleEntities.of(analysed.select("article_id", "terms", "surfaces"), conceptTable),
          cached);
      run.metric("article_entities", e.count());
      return e;
    });
  }

  /**
   * Persists {@code d} (memory, then disk) and adds it to {@code cached}, the list unpersisted at the end of the
   * run (or of a stage). What is persisted is {@code d}'s rows under a plan of one scan
   * ({@code createDataFrame} of its rows; they are computed by d's plan when first read). Spark prints
   * a cached plan in full inside every plan that reads it, each time it is read (the plan description of every
   * query), so caches built on caches would multiply it (the links' three caches over the analysed articles) until
   * the plan strings fill the driver's heap.
   */
  static Dataset<Row> keep(Dataset<Row> d, List<Dataset<Row>> cached) {
    Dataset<Row> kept = d.sparkSession().createDataFrame(d.javaRDD(), d.schema())
        .persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(kept);
    return kept;
  }

  /** The one rule for what LDA models: a modelled language with enough terms. */
  static Column modelled(JobConfig cfg) {
    return modelledLanguage(cfg).and(enoughTerms(cfg));
  }

  /**
   * Stable ids and content hashes. Among usable records, a second record with the same id is
   * {@code duplicate_id}; a record whose exact title and text another record of this input or a stored article
   * has once this run is written is {@code duplicate_content} ({@link StoredArticles#markDuplicateContent}). The
   * first record is kept: by input order for a repeated id, by source_ref for repeated content (a stored article's
   * own record first).
   */
  static Dataset<Row> identify(Dataset<Row> read, Dataset<Row> stored) {
    Dataset<Row> withIds = read
        .withColumn("article_id", substring(sha2(col("source_ref"), 256), 1, 16))
        .withColumn("content_hash", sha2(concat_ws("\u0001", coalesce(col("title"), lit("")),
            coalesce(col("text"), lit(""))), 256));
    Column ok = col("error").isNull();
    Column byId = row_number().over(Window.partitionBy("article_id")
        .orderBy(col("error").asc_nulls_first(), col("source_file"), col("input_seq"), col("content_hash")));
    Dataset<Row> ids = withIds.withColumn("_n", byId)
        .withColumn("error_message", when(ok.and(col("_n").gt(1)),
            lit("Another record of this input has the same id/source_ref; the first one was stored"))
            .otherwise(col("error_message")))
        .withColumn("error", when(ok.and(col("_n").gt(1)), lit(DUPLICATE_ID)).otherwise(col("error")))
        .drop("_n");
    return StoredArticles.markDuplicateContent(ids, stored).drop("input_seq");
  }

  static Dataset<Row> quarantineRows(Dataset<Row> rejected, String runId) {
    return rejected.select(lit(runId).as("run_id"), col("source_ref"), col("source_file"), col("error").as("reason"),
        coalesce(col("error_message"), col("error")).as("message"), col("raw").as("raw_sample"),
        current_timestamp().as("quarantined_at"));
  }

  /** A modelled language ({@code text.model-languages})... */
  private static Column modelledLanguage(JobConfig cfg) {
    return col("lang").isin(cfg.text().modelLanguages().toArray());
  }

  /** ...and at least {@code text.min-terms} terms. */
  private static Column enoughTerms(JobConfig cfg) {
    return col("term_count").geq(lit(cfg.text().minTerms()));
  }

  /** Counts per value of a low-cardinality column (language, reason): a handful of rows. */
  static Map<String, Long> counts(Dataset<Row> df, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : df.groupBy(column).count().collectAsList()) {
      out.put(r.isNullAt(0) ? "null" : r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** The top-n model terms (stems/lemmas) of each topic, by rank: k * n rows collected. */
  private static Map<Integer, List<String>> topStems(Dataset<Row> readable, int n) {
    Map<Integer, List<String>> out = new TreeMap<>();
    for (Row r : readable.where(col("term_rank").leq(n)).orderBy("topic_id", "term_rank")
        .select("topic_id", "stem").collectAsList()) {
      out.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getString(1));
    }
    return out;
  }

  /** Topic lines for the summary: k rows, 8 terms each, with the topic's coherence. */
  private static List<RunResult.TopicLine> topicLines(Dataset<Row> readable, Dataset<Row> topicThemes,
                                                      Coherence.Result coherence) {
    Map<Integer, Coherence.TopicScore> scores = new TreeMap<>();
    coherence.topics().forEach(t -> scores.put(t.topicId(), t));
    Map<Integer, List<String>> terms = new TreeMap<>();
    for (Row r : readable.where(col("term_rank").leq(8)).orderBy("topic_id", "term_rank")
        .select("topic_id", "term").collectAsList()) {
      terms.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getString(1));
    }
    Map<Integer, Row> themes = new LinkedHashMap<>();
    for (Row r : topicThemes.collectAsList()) {
      themes.put(r.getInt(0), r);
    }
    List<RunResult.TopicLine> out = new ArrayList<>();
    terms.forEach((id, t) -> {
      Row th = themes.get(id);
      Coherence.TopicScore c = scores.get(id);
      out.add(new RunResult.TopicLine(id, th == null ? ThemeMapper.OTHER : th.getString(1),
          th == null ? 0.0 : th.getDouble(2), t, c == null ? Double.NaN : c.npmi(),
          c == null ? Double.NaN : c.umass()));
    });
    return out;
  }
}
