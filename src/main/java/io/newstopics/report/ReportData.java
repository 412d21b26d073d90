package io.newstopics.report;

import io.newstopics.config.ConfigException;
import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Views;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's data, as one JSON object: Spark SQL over a warehouse's Delta tables for one run. Every query is
 * bounded (k topics × their top terms, top N articles per topic or theme, themes × weeks, counts per language,
 * source and reason), so the driver never holds anything that grows with the corpus.
 */
public final class ReportData {
  private static final Logger LOG = LoggerFactory.getLogger(ReportData.class);
  /** Representative articles per topic and top articles per theme shown. */
  static final int TOP_ARTICLES = 8;
  /** Sources shown per theme (the largest). */
  static final int TOP_SOURCES = 12;
  /** Cross-language pairs shown (the most similar). */
  static final int TOP_LINKS = 40;
  /** Characters of an article's text around its first evidence word. */
  static final int SNIPPET = 320;
  /** The tables the report reads (the only ones it registers). */
  static final List<TableSpec> TABLES = List.of(Tables.RUNS, Tables.ARTICLES, Tables.TOPICS, Tables.ARTICLE_TOPICS,
      Tables.ARTICLE_THEMES, Tables.ARTICLE_LINKS, Tables.SCORED_ARTICLES);

  private final SparkSession spark;
  private final String run;
  private final List<Dataset<Row>> caches = new ArrayList<>();

  private ReportData(SparkSession spark, String run) {
    this.spark = spark;
    this.run = quote(run);
  }

  /** A SQL string literal of {@code s}. */
  private static String quote(String s) {
    return "'" + Tables.sqlString(s) + "'";
  }

  /**
   * The run to report: {@code latest} is the latest succeeded training run; else the given id, which must be a
   * succeeded training run of news.runs (registered with TABLES). Otherwise a ConfigException naming the fix.
   */
  public static String resolveRun(SparkSession spark, String warehouse, String run) {
    String listRuns = "bin/news-topics sql --warehouse " + warehouse
        + " \"SELECT run_id, status, finished_at FROM news.runs ORDER BY finished_at\"";
    if (run.equals("latest")) {
      Row r = spark.sql("SELECT " + Views.LATEST_RUN).first();
      if (r.isNullAt(0)) {
        throw new ConfigException("no succeeded run in the warehouse " + warehouse + " to report: run `bin/news-topics "
            + "run --warehouse " + warehouse + "` first (the runs so far: " + listRuns + ")");
      }
      return r.getString(0);
    }
    List<Row> rows = spark.sql("SELECT status, coalesce(parameters['kind'], 'run') FROM news.runs WHERE run_id = "
        + quote(run)).collectAsList();
    if (rows.isEmpty()) {
      throw new ConfigException("no run '" + run + "' in the warehouse " + warehouse + ": pass --run with one of the "
          + "run_ids of " + listRuns + ", or --run latest");
    }
    if (!rows.get(0).getString(0).equals("succeeded") || !rows.get(0).getString(1).equals("run")) {
      throw new ConfigException("run '" + run + "' is a " + rows.get(0).getString(1) + " run with status "
          + rows.get(0).getString(0) + "; the report needs a succeeded training run: --run latest, or a run_id of "
          + listRuns);
    }
    return run;
  }

  /** The run's data as a JSON object (see the sections of report.html). */
  public static String json(SparkSession spark, String run) {
    return new ReportData(spark, run).json();
  }

  private String written(String table) {
    return "(" + Views.writtenRows(table, "news.scored_articles", "news.runs", run) + ")";
  }

  /** One JSON array of a bounded query's rows. */
  private String rows(String sql) {
    return "[" + String.join(",", spark.sql(sql).toJSON().collectAsList()) + "]";
  }

  /**
   * The run's slice of a per-article table, cached for the report's queries (each reads it several times) and
   * registered as a temporary view; the caches are dropped when the report is written.
   */
  private String cached(String sql, String view) {
    Dataset<Row> slice = spark.sql(sql).persist(StorageLevel.MEMORY_AND_DISK());
    slice.createOrReplaceTempView(view);
    caches.add(slice);
    return view;
  }

  private String json() {
    try {
      return json(cached(written("news.article_themes"), "report_article_themes"),
          cached(written("news.article_topics"), "report_article_topics"));
    } finally {
      caches.forEach(Dataset::unpersist);
    }
  }

  /** Adds one section of the report's data, logging how long its query took. */
  private static void put(Map<String, String> out, String key, Supplier<String> query) {
    long start = System.nanoTime();
    out.put(key, query.get());
    LOG.info("report: {} in {} ms", key, (System.nanoTime() - start) / 1_000_000);
  }

  private String json(String themes, String topics) {
    String day = Views.DAY;
    Map<String, String> out = new LinkedHashMap<>();
    // the run's metrics hold the counts it recorded as it stored its input (articles_<lang>, quarantined_<reason>)
    put(out, "run", () -> rows("SELECT run_id, started_at, finished_at, status, input, format, metrics FROM news.runs "
        + "WHERE run_id = " + run));
    put(out, "topics", () -> topics(topics));
    // each query ranks within the run's slice first, then joins the few rows it keeps with news.articles
    put(out, "topicArticles", () -> rows("SELECT t.topic_id, t.rank, a.title, a.published_date, a.source, a.lang, "
        + "t.probability, a.url FROM (SELECT topic_id, article_id, round(probability, 4) AS probability, "
        + "row_number() OVER (PARTITION BY topic_id ORDER BY probability DESC, article_id) AS rank FROM " + topics
        + ") t JOIN news.articles a USING (article_id) WHERE t.rank <= " + TOP_ARTICLES));
    String top = cached("SELECT t.theme, a.lang, coalesce(a.source, '(unknown)') AS source, " + day + " AS day FROM "
        + themes + " t JOIN news.articles a USING (article_id) WHERE t.theme_rank = 1", "report_top_themes");
    put(out, "themeLanguages", () -> rows("SELECT theme, lang, count(*) AS articles FROM " + top
        + " GROUP BY theme, lang"));
    put(out, "themeSources", () -> rows("SELECT theme, source, articles FROM (SELECT theme, source, "
        + "count(*) AS articles, "
        + "row_number() OVER (PARTITION BY theme ORDER BY count(*) DESC, source) AS n FROM " + top
        + " GROUP BY theme, source) WHERE n <= " + TOP_SOURCES));
    put(out, "themeWeeks", () -> rows("SELECT theme, CAST(date_trunc('WEEK', day) AS DATE) AS week, "
        + "count(*) AS articles "
        + "FROM " + top + " GROUP BY 1, 2 ORDER BY week"));
    put(out, "themeArticles", () -> rows("SELECT theme, rank, title, published_date, source, lang, score, "
        + "evidence, url, "
        + "substring(text, greatest(1, at - " + SNIPPET / 3 + "), " + SNIPPET + ") AS snippet FROM ("
        + "SELECT t.theme, t.rank, a.title, a.published_date, a.source, a.lang, t.score, t.evidence, a.url, a.text, "
        + "CASE WHEN size(t.evidence) > 0 THEN locate(lower(t.evidence[0]), lower(a.text)) ELSE 1 END AS at "
        + "FROM (SELECT theme, article_id, round(score, 4) AS score, evidence, "
        + "row_number() OVER (PARTITION BY theme ORDER BY score DESC, article_id) AS rank FROM " + themes
        + " WHERE theme_rank = 1) t JOIN news.articles a USING (article_id) WHERE t.rank <= " + TOP_ARTICLES + ")"));
    put(out, "links", () -> rows("SELECT round(l.similarity, 3) AS similarity, l.method, l.shared_terms, "
        + "a.title AS title_a, a.lang AS lang_a, a.source AS source_a, b.title AS title_b, b.lang AS lang_b, "
        + "b.source AS source_b FROM (SELECT * FROM news.article_links WHERE run_id = " + run
        + " AND NOT same_language ORDER BY similarity DESC, article_id, linked_article_id LIMIT " + TOP_LINKS
        + ") l JOIN news.articles a ON a.article_id = l.article_id "
        + "JOIN news.articles b ON b.article_id = l.linked_article_id "
        + "ORDER BY l.similarity DESC, l.article_id, l.linked_article_id"));
    StringBuilder b = new StringBuilder("{");
    out.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(Json.str(k)).append(':').append(v));
    return b.append('}').toString();
  }

  /**
   * The run's topics with their top terms, prevalence (share of all P(topic | article) mass), place on the
   * intertopic map, and each term's p(w): the corpus marginal Σ_t P(t)·p(w|t) over the topics' top terms.
   */
  private String topics(String articleTopics) {
    List<Row> terms = spark.sql("SELECT t.topic_id, t.term_rank, t.term, t.stem, t.weight, t.theme, "
        + "t.theme_confidence, t.coherence_npmi, t.label, t.quality, coalesce(s.mass, 0) AS mass, "
        + "coalesce(s.dominant, 0) AS dominant FROM news.topics t "
        + "LEFT JOIN (SELECT topic_id, sum(probability) AS mass, count_if(is_dominant) AS dominant FROM "
        + articleTopics + " x GROUP BY topic_id) s USING (topic_id) WHERE t.run_id = " + run
        + " ORDER BY t.topic_id, t.term_rank").collectAsList();
    Map<Integer, List<Row>> byTopic = new LinkedHashMap<>();
    for (Row r : terms) {
      byTopic.computeIfAbsent(r.getInt(0), k -> new ArrayList<>()).add(r);
    }
    double allMass = byTopic.values().stream().mapToDouble(rows -> rows.get(0).getDouble(10)).sum();
    List<Map<String, Double>> dists = new ArrayList<>();
    Map<String, Double> marginal = new LinkedHashMap<>();
    for (List<Row> rows : byTopic.values()) {
      Map<String, Double> d = new LinkedHashMap<>();
      double total = rows.stream().mapToDouble(r -> r.getDouble(4)).sum();
      double share = allMass == 0 ? 0 : rows.get(0).getDouble(10) / allMass;
      for (Row r : rows) {
        d.merge(r.getString(3), r.getDouble(4), Double::sum);
        marginal.merge(r.getString(3), share * r.getDouble(4) / (total == 0 ? 1 : total), Double::sum);
      }
      dists.add(d);
    }
    double[][] xy = IntertopicMap.place(dists);
    StringBuilder b = new StringBuilder("[");
    int i = 0;
    for (List<Row> rows : byTopic.values()) {
      Row f = rows.get(0);
      b.append(i > 0 ? "," : "").append("{\"topic_id\":").append(f.getInt(0))
          .append(",\"label\":").append(Json.str(f.getString(8))).append(",\"theme\":").append(Json.str(f.getString(5)))
          .append(",\"theme_confidence\":").append(Json.num(f.isNullAt(6) ? null : f.getDouble(6)))
          .append(",\"coherence_npmi\":").append(Json.num(f.isNullAt(7) ? null : f.getDouble(7)))
          .append(",\"quality\":").append(Json.str(f.getString(9)))
          .append(",\"share\":").append(Json.num(allMass == 0 ? 0.0 : f.getDouble(10) / allMass))
          .append(",\"dominant\":").append(f.getLong(11))
          .append(",\"x\":").append(Json.num(xy[i][0])).append(",\"y\":").append(Json.num(xy[i][1]))
          .append(",\"terms\":[");
      double total = rows.stream().mapToDouble(r -> r.getDouble(4)).sum();
      for (int j = 0; j < rows.size(); j++) {
        Row r = rows.get(j);
        b.append(j > 0 ? "," : "").append("{\"term\":").append(Json.str(r.getString(2)))
            .append(",\"p\":").append(Json.num(r.getDouble(4) / (total == 0 ? 1 : total)))
            .append(",\"pw\":").append(Json.num(marginal.get(r.getString(3)))).append('}');
      }
      b.append("]}");
      i++;
    }
    return b.append(']').toString();
  }
}
