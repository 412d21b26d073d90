package io.newstopics.tables;

import static io.newstopics.tables.TableSpec.col;
import static io.newstopics.tables.TableSpec.filterCol;
import static io.newstopics.tables.TableSpec.key;

import io.newstopics.tables.TableSpec.WriteMode;
import java.util.List;

/** Every table and view of the {@code news} database, declared once. */
public final class Tables {
  public static final String DATABASE = "news";

  private Tables() {}

  private static final String MODEL_TERM = "The model term: dictionary lemma (ru: Snowball stem of a word the dictionary does not know; uk), or c:<id> for "
      + "a concept of conf/concepts.conf that Russian and Ukrainian words share";
  private static final String DISPLAY_TERM = "The term as people read it: its lemma (proper names capitalised), the "
      + "most frequent surface form of a word the dictionaries do not know, or the concept's name (санкция/санкція)";

  private static final TableSpec.Column RUN_ID =
      key("run_id", "STRING", "The run that wrote the row (news.runs.run_id)");

  /**
   * On the tables {@code score} adds articles to ({@link #SCORED}): which writer of the run's slice the row is from.
   * Declared last, where the evolution of an older table adds it.
   */
  private static final TableSpec.Column SCORE_RUN_ID = col("score_run_id", "STRING", "The score run that wrote "
      + "the row into this run's slice with its model (news.runs.run_id of a `score`); null: the run itself. An "
      + "article's rows in news.current_* are those of its latest succeeded writer (news.scored_articles)");

  public static final TableSpec ARTICLES = new TableSpec("articles",
      "One row per article ever ingested, updated in place when its text changes (MERGE on article_id).",
      List.of(
          key("article_id", "STRING", "Stable id: first 16 hex digits of SHA-256 of source_ref"),
          col("source_ref", "STRING", "Where the article came from: the file path (text folders), the id field(s) "
              + "of the record, or file#hash for records without an id"),
          col("source_file", "STRING", "The input file the article was read from"),
          col("title", "STRING", "Title: the title field, or the first non-empty line of the text"),
          col("text", "STRING", "Article text as read (date marker line removed)"),
          filterCol("lang", "STRING", "Language: ru, uk or other (given in the input, else detected from the letters)"),
          filterCol("published_date", "DATE",
              "Publication date (date field or 'date YYYY-MM-DD' marker); null if unknown"),
          filterCol("source", "STRING", "Outlet or channel, from the source field"),
          col("url", "STRING", "URL of the article, from the url field"),
          col("metadata", "MAP<STRING,STRING>", "Every other input field, as text, to join back to your own data"),
          col("content_hash", "STRING", "SHA-256 of title and text; a change means the article was updated"),
          col("source_encoding", "STRING", "Charset the text was decoded from (text files: detected; records: UTF-8)"),
          col("quality_flags", "ARRAY<STRING>", "What to know about the row: html_stripped, unparsable_date (raw "
              + "value in metadata.unparsed_date), not_modelled_language, too_few_terms (stored, left out of LDA)"),
          filterCol("term_count", "INT", "Number of model terms after text preparation (stopwords removed)"),
          col("ingested_at", "TIMESTAMP", "When the article was first stored"),
          filterCol("updated_at", "TIMESTAMP", "When the article was last inserted or changed"),
          filterCol("last_run_id", "STRING", "The run that last inserted or changed the row")),
      List.of("article_id"), List.of(), WriteMode.MERGE);

  public static final TableSpec ARTICLE_TERMS = new TableSpec("article_terms",
      "Top TF-IDF terms of each modelled article, per run.",
      List.of(RUN_ID,
          key("article_id", "STRING", "news.articles.article_id"),
          col("term_rank", "INT", "1 = the article's highest TF-IDF term"),
          col("term", "STRING", DISPLAY_TERM),
          col("stem", "STRING", MODEL_TERM),
          col("tfidf", "DOUBLE", "Term count in the article times the term's IDF"),
          SCORE_RUN_ID),
      List.of("run_id", "article_id", "term_rank", "score_run_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec TOPICS = new TableSpec("topics",
      "LDA topics of each run: the top terms of every topic with their weights and the topic's theme.",
      List.of(RUN_ID,
          key("topic_id", "INT", "Topic number within the run (0-based)"),
          col("term_rank", "INT", "Display order: 1..topics.coherence-terms (10) are the terms of the topic's "
              + "top topics.display-candidates (30) by weight that co-occur most in the run's modelled articles, in "
              + "weight order (with fewer than 100 modelled articles, all by weight); the other terms follow by weight"),
          col("term", "STRING", DISPLAY_TERM),
          col("stem", "STRING", MODEL_TERM),
          col("weight", "DOUBLE", "P(term | topic)"),
          col("theme", "STRING", "Theme of the whole topic (from conf/ lexicons), or 'other'"),
          col("theme_confidence", "DOUBLE", "0..1: share of the theme among the themes found in the topic's top "
              + "terms, scaled down when lexicon terms carry little of the topic's weight"),
          col("coherence_npmi", "DOUBLE", "-1..1, higher is more coherent: mean NPMI over the pairs of the topic's "
              + "heaviest topics.coherence-terms (10) stems by weight other than verbs (verbs only when too few "
              + "others), from document co-occurrence in the run's modelled articles "
              + "(-1 never together, 0 independent, 1 always together); the same on every row of the topic"),
          col("coherence_umass", "DOUBLE", "<= ~0, closer to 0 is more coherent: mean UMass over the same pairs, "
              + "log((D(lower, higher ranked) + 1) / D(higher ranked)) with D a document count; the same on every "
              + "row of the topic"),
          col("label", "STRING", "Short name of the topic: its first 3 distinct terms by term_rank, "
              + "joined with ', '; the same on every row of the topic; null in runs before labels"),
          col("quality", "STRING", "ok, or incoherent: coherence_npmi below 0 (its top terms occur together less "
              + "often than independent words would) or undefined; read an incoherent topic's terms with care; "
              + "null in runs before the flag"),
          col("topic_key", "STRING", "The topic's identity across runs: the key of the previous training run's topic "
              + "it continues (news.topic_lineage, similarity at least topics.lineage.min-similarity), else "
              + "<run_id>:<topic_id> of this run; the same on every row of the topic; null in runs before keys")),
      List.of("run_id", "topic_id", "term_rank"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec TOPIC_LINEAGE = new TableSpec("topic_lineage",
      "Which topic of the previous successful training run each topic of a run continues: one row per topic, "
          + "matched one-to-one (greedily, most similar pairs first) by the cosine of their top-term weights.",
      List.of(RUN_ID,
          key("topic_id", "INT", "news.topics.topic_id of the run"),
          col("previous_run_id", "STRING", "The previous succeeded training run (news.runs.run_id); null when there "
              + "was none or no topic of it is close enough (similarity below topics.lineage.min-similarity)"),
          col("previous_topic_id", "INT", "The topic of previous_run_id it continues, whose topic_key it keeps; null "
              + "as previous_run_id"),
          col("similarity", "DOUBLE", "0..1: cosine of the two topics' top-term weights (news.topics.weight by stem, "
              + "renormalised per topic) of the pair the matching gave the topic, also when below the threshold; "
              + "null when it got none (no previous run, or fewer previous topics)")),
      List.of("run_id", "topic_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec ARTICLE_TOPICS = new TableSpec("article_topics",
      "Topic mixture of each modelled article, per run (pairs below topics.min-article-probability left out).",
      List.of(RUN_ID,
          key("article_id", "STRING", "news.articles.article_id"),
          key("topic_id", "INT", "news.topics.topic_id of the same run"),
          col("probability", "DOUBLE", "P(topic | article)"),
          col("is_dominant", "BOOLEAN", "True for the article's most probable topic"),
          SCORE_RUN_ID),
      List.of("run_id", "article_id", "topic_id", "score_run_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec ARTICLE_THEMES = new TableSpec("article_themes",
      "Every article's probability of every theme, per run, with the words that matched the theme's lexicon.",
      List.of(RUN_ID,
          key("article_id", "STRING", "news.articles.article_id"),
          key("theme", "STRING", "Theme name from conf/ (themes.lexicons)"),
          col("probability", "DOUBLE", "P(theme | article): the theme's classifier (docs/themes.md), calibrated on "
              + "labelled news"),
          col("present", "BOOLEAN", "probability >= themes.threshold: count these"),
          col("score", "DOUBLE", "The same as probability (kept for queries written before it)"),
          col("lexical_score", "DOUBLE", "0..1: density of the theme's lexicon terms in the article, saturating"),
          col("topic_score", "DOUBLE", "0..1: sum over topics of P(topic | article) * theme confidence of the topic"),
          col("hits", "INT", "Words of the article that matched the theme's own lexicon words (ru, uk)"),
          col("entries", "INT", "Distinct lexicon entries among them"),
          col("related_hits", "INT", "Words of the article that matched words related to the theme (related-ru, "
              + "related-uk)"),
          col("theme_rank", "INT", "1 = the article's most probable present theme; null when the theme is absent"),
          col("evidence", "ARRAY<STRING>", "The article's words that matched the theme lexicon, most frequent first"),
          SCORE_RUN_ID),
      List.of("run_id", "article_id", "theme", "score_run_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec VOCABULARY = new TableSpec("vocabulary",
      "The model vocabulary of each run, with document frequencies and IDF.",
      List.of(RUN_ID,
          key("term_index", "INT", "Index of the term in the run's CountVectorizer vocabulary"),
          col("stem", "STRING", MODEL_TERM),
          col("term", "STRING", DISPLAY_TERM),
          col("doc_freq", "BIGINT", "Number of modelled articles that contain the term"),
          col("idf", "DOUBLE", "log((articles + 1) / (doc_freq + 1))")),
      List.of("run_id", "term_index"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec ARTICLE_ENTITIES = new TableSpec("article_entities",
      "People, countries, organisations and places each article mentions, per run: concepts of conf/concepts.conf, "
          + "so the Russian and Ukrainian names of one entity are one row.",
      List.of(RUN_ID,
          key("article_id", "STRING", "news.articles.article_id (every article of the run, modelled or not)"),
          key("entity", "STRING", "Concept id from conf/concepts.conf (putin, usa, pentagon...); the same in ru and uk"),
          col("entity_type", "STRING", "person, country, organisation or place"),
          col("name", "STRING", "Display name: the concept's name, by default its first ru and uk words (Путин/Путін)"),
          col("mentions", "INT", "Times the article mentions it (words that read as one of its forms)"),
          col("surface_forms", "ARRAY<STRING>", "The words of the article that mention it, as written, sorted"),
          SCORE_RUN_ID),
      List.of("run_id", "article_id", "entity", "score_run_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec ARTICLE_LINKS = new TableSpec("article_links",
      "Same-story and near-duplicate article pairs, per run: TF-IDF cosine over the concept-mapped terms at least "
          + "links.min-similarity. Each pair once, with article_id < linked_article_id: look an article up on both "
          + "columns.",
      List.of(RUN_ID,
          key("article_id", "STRING", "news.articles.article_id, the smaller id of the pair"),
          key("linked_article_id", "STRING", "news.articles.article_id, the larger id of the pair"),
          col("similarity", "DOUBLE", "0..1: cosine of the two articles' TF-IDF vectors (1: the same terms in the "
              + "same proportions)"),
          col("method", "STRING", "tfidf_cosine (same language: all terms) or tfidf_cosine_shared_terms (different "
              + "languages: only terms both languages use in the corpus: concepts, names spelled alike, latin words)"),
          col("same_language", "BOOLEAN", "True when both articles have the same lang"),
          col("shared_terms", "ARRAY<STRING>", "Readable terms that contribute most to the similarity, largest first "
              + "(links.shared-terms)")),
      List.of("run_id", "article_id", "linked_article_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec SCORED_ARTICLES = new TableSpec("scored_articles",
      "The articles each score run wrote into the slice of its model's run in article_topics, article_themes, "
          + "article_terms and article_entities: once the score run has succeeded, news.current_* show those rows "
          + "for those articles. An article scored again with the same result is not written again.",
      List.of(
          key("run_id", "STRING", "The training run whose model scored the article (news.runs.run_id)"),
          key("score_run_id", "STRING", "The score run (news.runs.run_id of a `score`)"),
          key("article_id", "STRING", "news.articles.article_id")),
      List.of("run_id", "score_run_id", "article_id"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec QUARANTINE = new TableSpec("quarantine",
      "Input records that did not become articles in a run, with the reason.",
      List.of(RUN_ID,
          col("source_ref", "STRING", "The record's source_ref (as news.articles would have it)"),
          col("source_file", "STRING", "The input file"),
          key("reason", "STRING", "Machine-readable reason code: malformed_record, empty_text, too_large, "
              + "binary_file, undecodable, duplicate_id, duplicate_content"),
          col("message", "STRING", "What is wrong and what to do"),
          col("raw_sample", "STRING", "The first 200 characters of the raw record"),
          col("quarantined_at", "TIMESTAMP", "When the run quarantined it")),
      List.of("run_id", "source_ref", "reason"), List.of("run_id"), WriteMode.RUN_SLICE);

  public static final TableSpec RUNS = new TableSpec("runs",
      "One row per run of the job: status, input, parameters and metrics (MERGE on run_id).",
      List.of(
          key("run_id", "STRING", "Run id: UTC start time and a random suffix"),
          col("started_at", "TIMESTAMP", "Start of the run"),
          col("finished_at", "TIMESTAMP", "End of the run; null while running or if the process died"),
          col("status", "STRING", "running, succeeded, failed, or abandoned (its driver died: killed or crashed)"),
          col("input", "STRING", "The --input path or URI"),
          col("format", "STRING", "The input format used (text, jsonl, csv, parquet)"),
          col("parameters", "MAP<STRING,STRING>", "Every configuration value of the run"),
          col("metrics", "MAP<STRING,DOUBLE>", "Counts (input_records = articles + quarantined; articles_new, "
              + "articles_updated, articles_unchanged, quarantined_<reason>, modelled), "
              + "vocabulary_size, topics_k, lda_log_likelihood, lda_log_perplexity, coherence_npmi_mean and "
              + "coherence_umass_mean (means over topics of news.topics.coherence_*), coherence_npmi_displayed_mean "
              + "(the same NPMI on the first topics.coherence-terms terms by term_rank), topic_diversity (distinct "
              + "terms among the topics' top-10 lists / (k * 10); 10 = topics.coherence-terms), article_entities, "
              + "article_links, article_links_cross_language (rows); per stage: seconds_<stage> (wall), cpu_seconds_<stage> "
              + "(CPU of the driver JVM, which in local mode runs the executors too), driver_heap_peak_mb_<stage>; "
              + "driver_heap_peak_mb and driver_old_gen_peak_mb (the run's maxima)"),
          col("error", "STRING", "The error of a failed run")),
      List.of("run_id"), List.of(), WriteMode.MERGE);

  public static final TableSpec THEME_EVALUATIONS = new TableSpec("theme_evaluations",
      "How well a run's themes match analysts' labels (bin/news-topics evaluate): one row per run, label file, theme "
          + "and metric (MERGE: evaluating again replaces the values).",
      List.of(
          key("run_id", "STRING", "The evaluated run (news.runs.run_id)"),
          key("label_file", "STRING", "The labels file, as given to --labels"),
          key("theme", "STRING", "Theme name"),
          key("metric", "STRING", "roc_auc, average_precision, precision, recall, f1 (of present), ece (expected "
              + "calibration error, 10 bins), positives, negatives (labelled articles of the run)"),
          col("value", "DOUBLE", "The metric's value (NaN when undefined, e.g. no positives)"),
          col("evaluated_at", "TIMESTAMP", "When it was evaluated")),
      List.of("run_id", "label_file", "theme", "metric"), List.of(), WriteMode.MERGE);

  public static final List<TableSpec> ALL =
      List.of(ARTICLES, ARTICLE_TERMS, TOPICS, TOPIC_LINEAGE, ARTICLE_TOPICS, ARTICLE_THEMES, ARTICLE_ENTITIES,
          ARTICLE_LINKS, VOCABULARY, QUARANTINE, RUNS, THEME_EVALUATIONS, SCORED_ARTICLES);

  /**
   * The per-article tables {@code score} adds articles to: each writer's rows carry its score_run_id, and the views
   * show an article's rows of one writer ({@link Views#writtenRows}), so a score run's rows of all of them become
   * visible at once, with its row in news.runs.
   */
  public static final List<TableSpec> SCORED =
      List.of(ARTICLE_TOPICS, ARTICLE_THEMES, ARTICLE_TERMS, ARTICLE_ENTITIES);

  /** Run-scoped tables that get a {@code current_<name>} view of the latest successful run. */
  public static final List<TableSpec> WITH_CURRENT_VIEW =
      List.of(TOPICS, TOPIC_LINEAGE, ARTICLE_TOPICS, ARTICLE_THEMES, ARTICLE_TERMS, ARTICLE_ENTITIES, ARTICLE_LINKS, VOCABULARY);

  public static String sqlString(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
