package io.newstopics.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * Every view of the {@code news} database, declared once: name, the question it answers (its comment), and its query.
 * Views live in the session catalog and are re-created whenever a warehouse is opened, so they always match the
 * code that reads the tables.
 */
public final class Views {
  private Views() {}

  /** A view: {@code news.<name>}, its comment, and the SELECT behind it. */
  public record ViewSpec(String name, String comment, String query) {
    public String qualifiedName() {
      return Tables.DATABASE + "." + name;
    }

    public String createDdl() {
      return "CREATE OR REPLACE VIEW " + qualifiedName() + " COMMENT '" + Tables.sqlString(comment) + "' AS " + query;
    }
  }

  /**
   * The succeeded training runs (news-topics run). A score run (parameters['kind'] = 'score') writes no slice of its
   * own: it adds the articles it scores to the slice of its model's run (run_id = its model_run_id), so it never
   * becomes the "latest run" of the views; runs recorded before kind existed are training runs.
   */
  public static final String TRAINING_RUNS = "status = 'succeeded' AND coalesce(parameters['kind'], 'run') = 'run'";

  public static final String LATEST_RUN = "(SELECT max_by(run_id, finished_at) FROM news.runs "
      + "WHERE " + TRAINING_RUNS + ")";

  /**
   * {@code news.current_<table>}: the rows of the latest successful training run, with the articles scored since
   * with its model ({@code score --model}; {@link #writtenRows}).
   */
  static ViewSpec current(TableSpec t) {
    return new ViewSpec("current_" + t.name(), "news." + t.name() + " of the latest successful training run "
        + "(with the articles scored since with its model)", !Tables.SCORED.contains(t)
        ? "SELECT * FROM " + t.qualifiedName() + " WHERE run_id = " + LATEST_RUN
        : writtenRows(t.qualifiedName(), Tables.SCORED_ARTICLES.qualifiedName(), Tables.RUNS.qualifiedName(),
            LATEST_RUN));
  }

  /**
   * The rows of a per-article table ({@link Tables#SCORED}) that count: in each run's slice, an article's rows of
   * its latest succeeded score run (news.scored_articles), else the training run's own (score_run_id null). The
   * rows of a score run that has not succeeded (running, failed, killed) are never among them, so all four tables
   * change at once, when its row in news.runs becomes succeeded. {@code runIdIs}: a SQL expression of the one
   * run_id wanted, or null for all runs; the table names may be {@code delta.`path`}.
   */
  public static String writtenRows(String table, String scoredArticles, String runs, String runIdIs) {
    String onRun = runIdIs == null ? "" : " AND s.run_id = " + runIdIs;
    return "SELECT t.* FROM " + table + " t LEFT JOIN (SELECT s.run_id, s.article_id, "
        + "max_by(s.score_run_id, struct(r.finished_at, s.score_run_id)) AS writer FROM " + scoredArticles + " s "
        + "JOIN " + runs + " r ON r.run_id = s.score_run_id WHERE r.status = 'succeeded'" + onRun
        + " GROUP BY s.run_id, s.article_id) w ON w.run_id = t.run_id AND w.article_id = t.article_id "
        + "WHERE t.score_run_id <=> w.writer" + (runIdIs == null ? "" : " AND t.run_id = " + runIdIs);
  }

  /** The day an article counts for in trends: its publication date, else the day it was ingested. */
  public static final String DAY = "coalesce(a.published_date, to_date(a.ingested_at))";

  public static final ViewSpec THEME_TRENDS = new ViewSpec("theme_trends",
      "How many articles have each theme as their top theme, per day, week, language and outlet (latest run). "
          + "day is the publication date, or the ingestion date when the article has none (see day_source).",
      "SELECT " + DAY + " AS day, "
          + "CAST(date_trunc('WEEK', " + DAY + ") AS DATE) AS week, "
          + "CASE WHEN a.published_date IS NULL THEN 'ingested' ELSE 'published' END AS day_source, "
          + "a.lang, coalesce(a.source, '(unknown)') AS source, t.theme, "
          + "count(*) AS articles, round(avg(t.score), 4) AS avg_score "
          + "FROM news.current_article_themes t JOIN news.articles a USING (article_id) "
          + "WHERE t.theme_rank = 1 "
          + "GROUP BY 1, 2, 3, 4, 5, 6");

  /**
   * Articles per topic_key (the topic's identity across runs, news.topic_lineage), counted once each under its
   * dominant topic of the latest run; a topic written before keys counts under {@code <run_id>:<topic_id>}.
   */
  public static final ViewSpec TOPIC_TRENDS = new ViewSpec("topic_trends",
      "How many articles have each topic as their dominant topic, per day, week, language and outlet (latest run), "
          + "by topic_key, the key a topic keeps across runs while it stays similar (news.topic_lineage). "
          + "day is the publication date, or the ingestion date when the article has none (see day_source).",
      "SELECT " + DAY + " AS day, "
          + "CAST(date_trunc('WEEK', " + DAY + ") AS DATE) AS week, "
          + "CASE WHEN a.published_date IS NULL THEN 'ingested' ELSE 'published' END AS day_source, "
          + "a.lang, coalesce(a.source, '(unknown)') AS source, k.topic_key, k.topic_id, k.label, "
          + "count(*) AS articles, round(avg(t.probability), 4) AS avg_probability "
          + "FROM news.current_article_topics t JOIN news.articles a USING (article_id) "
          + "JOIN (SELECT topic_id, coalesce(first(topic_key, true), first(run_id) || ':' || topic_id) AS topic_key, "
          + "first(label) AS label FROM news.current_topics GROUP BY topic_id) k USING (topic_id) "
          + "WHERE t.is_dominant "
          + "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8");

  public static final ViewSpec THEME_TOP_ARTICLES = new ViewSpec("theme_top_articles",
      "The articles of each theme, most probable first (rank_in_theme), with the words that matched the theme (latest "
          + "run). Filter rank_in_theme <= 10 for a top ten; present: the theme is present in the article.",
      "SELECT t.theme, "
          + "row_number() OVER (PARTITION BY t.theme ORDER BY t.score DESC, t.article_id) AS rank_in_theme, "
          + "t.article_id, a.title, a.published_date, a.source, a.lang, round(t.score, 4) AS score, t.present, "
          + "t.theme_rank AS theme_rank_in_article, t.evidence, a.url "
          + "FROM news.current_article_themes t JOIN news.articles a USING (article_id)");

  public static final ViewSpec TOPIC_SUMMARY = new ViewSpec("topic_summary",
      "One row per topic of the latest run: its label, quality flag, top 10 terms, theme, how certain the theme is, "
          + "coherence (NPMI -1..1 and UMass, higher reads better) and size (dominant articles, share of all topic mass).",
      "WITH terms AS ("
          + "SELECT topic_id, first(theme) AS theme, first(theme_confidence) AS theme_confidence, "
          + "first(coherence_npmi) AS coherence_npmi, first(coherence_umass) AS coherence_umass, "
          + "first(label) AS label, first(quality) AS quality, "
          + "array_sort(collect_list(struct(term_rank, term))) AS ranked "
          + "FROM news.current_topics WHERE term_rank <= 10 GROUP BY topic_id), "
          + "sizes AS ("
          + "SELECT topic_id, count_if(is_dominant) AS dominant_articles, sum(probability) AS mass "
          + "FROM news.current_article_topics GROUP BY topic_id) "
          + "SELECT t.topic_id, t.label, t.quality, t.theme, round(t.theme_confidence, 3) AS theme_confidence, "
          + "array_join(transform(t.ranked, x -> x.term), ', ') AS top_terms, "
          + "round(t.coherence_npmi, 3) AS coherence_npmi, round(t.coherence_umass, 3) AS coherence_umass, "
          + "coalesce(s.dominant_articles, 0) AS dominant_articles, "
          + "round(coalesce(s.mass, 0) / sum(coalesce(s.mass, 0)) OVER (), 4) AS share "
          + "FROM terms t LEFT JOIN sizes s USING (topic_id)");

  /** Articles per topic in {@link #TOPIC_TOP_ARTICLES}. */
  public static final int TOPIC_TOP_ARTICLES_N = 10;

  /**
   * Each topic's most representative articles: its {@value #TOPIC_TOP_ARTICLES_N} articles of highest
   * P(topic | article) in news.current_article_topics (each article's rows of its latest succeeded writer, the
   * training run or a score run with its model), ties by article_id.
   */
  public static final ViewSpec TOPIC_TOP_ARTICLES = new ViewSpec("topic_top_articles",
      "The " + TOPIC_TOP_ARTICLES_N + " most representative articles of each topic of the latest run: highest "
          + "P(topic | article) first (rank_in_topic 1..N), with the topic's label and quality, the article's title, "
          + "date, source and whether the topic is its dominant one.",
      "SELECT topic_id, label, quality, rank_in_topic, article_id, title, published_date, source, lang, "
          + "round(probability, 4) AS probability, is_dominant, url FROM ("
          + "SELECT t.topic_id, l.label, l.quality, "
          + "row_number() OVER (PARTITION BY t.topic_id ORDER BY t.probability DESC, t.article_id) AS rank_in_topic, "
          + "t.article_id, a.title, a.published_date, a.source, a.lang, t.probability, t.is_dominant, a.url "
          + "FROM news.current_article_topics t JOIN news.articles a USING (article_id) "
          + "LEFT JOIN (SELECT topic_id, first(label) AS label, first(quality) AS quality FROM news.current_topics "
          + "GROUP BY topic_id) l USING (topic_id)) "
          + "WHERE rank_in_topic <= " + TOPIC_TOP_ARTICLES_N);

  public static final ViewSpec ARTICLE_SUMMARY = new ViewSpec("article_summary",
      "One row per article of the latest run: its top theme with evidence, its dominant topic and top terms; "
          + "the drill-down from any chart to the articles.",
      "WITH th AS (SELECT article_id, theme, score, evidence FROM news.current_article_themes WHERE theme_rank = 1), "
          + "tp AS (SELECT article_id, topic_id, probability FROM news.current_article_topics WHERE is_dominant), "
          + "tm AS (SELECT article_id, array_join(transform(array_sort(collect_list(struct(term_rank, term))), "
          + "x -> x.term), ', ') AS top_terms FROM news.current_article_terms WHERE term_rank <= 5 "
          + "GROUP BY article_id) "
          + "SELECT a.article_id, a.title, a.lang, a.source, a.published_date, "
          + "coalesce(th.theme, 'none') AS top_theme, round(th.score, 4) AS top_theme_score, th.evidence, "
          + "tp.topic_id AS dominant_topic, round(tp.probability, 4) AS dominant_topic_probability, tm.top_terms, "
          + "a.quality_flags, a.url, a.source_ref "
          + "FROM news.articles a LEFT JOIN th USING (article_id) LEFT JOIN tp USING (article_id) "
          + "LEFT JOIN tm USING (article_id)");

  public static final ViewSpec THEME_RUN_SHARES = new ViewSpec("theme_run_shares",
      "For every successful training run: how many articles have each theme as their top theme, and their share. "
          + "Join two run_ids to compare any two runs (news.theme_changes compares the last two).",
      "SELECT r.run_id, r.finished_at, t.theme, count(*) AS articles, "
          + "round(count(*) / sum(count(*)) OVER (PARTITION BY r.run_id), 4) AS share "
          + "FROM (" + writtenRows("news.article_themes", "news.scored_articles", "news.runs", null) + ") t "
          + "JOIN news.runs r USING (run_id) "
          + "WHERE " + TRAINING_RUNS + " AND t.theme_rank = 1 " // status, parameters: columns of news.runs only
          + "GROUP BY r.run_id, r.finished_at, t.theme");

  public static final ViewSpec THEME_CHANGES = new ViewSpec("theme_changes",
      "How the themes changed between the previous and the latest successful training run: top-theme articles and "
          + "shares in each, and the difference (previous_* are null when there is only one run).",
      "WITH ordered AS (SELECT run_id, row_number() OVER (ORDER BY finished_at DESC, run_id DESC) AS n "
          + "FROM news.runs WHERE " + TRAINING_RUNS + "), "
          + "pair AS (SELECT max(CASE WHEN n = 2 THEN run_id END) AS previous_run_id, "
          + "max(CASE WHEN n = 1 THEN run_id END) AS current_run_id, count(*) > 1 AS has_previous FROM ordered), "
          + "cur AS (SELECT s.* FROM news.theme_run_shares s JOIN pair p ON s.run_id = p.current_run_id), "
          + "prev AS (SELECT s.* FROM news.theme_run_shares s JOIN pair p ON s.run_id = p.previous_run_id), "
          + "changes AS (SELECT coalesce(cur.theme, prev.theme) AS theme, coalesce(prev.articles, 0) AS prev_articles, "
          + "coalesce(cur.articles, 0) AS current_articles, coalesce(prev.share, 0) AS prev_share, "
          + "coalesce(cur.share, 0) AS current_share FROM cur FULL OUTER JOIN prev ON cur.theme = prev.theme) "
          + "SELECT c.theme, p.previous_run_id, p.current_run_id, "
          + "CASE WHEN p.has_previous THEN c.prev_articles END AS previous_articles, c.current_articles, "
          + "CASE WHEN p.has_previous THEN c.current_articles - c.prev_articles END AS change_articles, "
          + "CASE WHEN p.has_previous THEN c.prev_share END AS previous_share, c.current_share, "
          + "CASE WHEN p.has_previous THEN round(c.current_share - c.prev_share, 4) END AS change_share "
          + "FROM changes c CROSS JOIN pair p");

  /** The analysts' views, in creation order (a view may use the ones before it). */
  public static final List<ViewSpec> ANALYST = List.of(
      THEME_TRENDS, TOPIC_TRENDS, THEME_TOP_ARTICLES, TOPIC_SUMMARY, TOPIC_TOP_ARTICLES, ARTICLE_SUMMARY,
      THEME_RUN_SHARES, THEME_CHANGES);

  /** All views in creation order: the {@code current_*} views first, then the analysts' views built on them. */
  public static List<ViewSpec> all() {
    List<ViewSpec> out = new ArrayList<>();
    for (TableSpec t : Tables.WITH_CURRENT_VIEW) {
      out.add(current(t));
    }
    out.addAll(ANALYST);
    return out;
  }
}
