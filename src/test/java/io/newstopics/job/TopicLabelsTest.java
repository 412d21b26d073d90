package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.tables.Views;
import io.newstopics.topics.TopicQuality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * news.topics' label and quality and the news.topic_top_articles view, on 25 articles made from the five seeds
 * (each seed five times, each time without one of its lines) with k = 2: every topic has more articles than the
 * view's top N.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicLabelsTest {
  @TempDir
  static Path dir;

  private SparkSession spark;
  private RunResult result;

  @BeforeAll
  void run() throws IOException {
    Path input = dir.resolve("input");
    Files.createDirectories(input);
    List<Path> seeds;
    try (Stream<Path> s = Files.list(Path.of("seeds"))) {
      seeds = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path seed : seeds) {
      List<String> lines = Files.readAllLines(seed, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
          .toList();
      for (int v = 0; v < 5; v++) {
        List<String> kept = new ArrayList<>(lines);
        kept.remove(1 + v % (lines.size() - 1)); // the first line (the title) stays
        Files.writeString(input.resolve(seed.getFileName().toString().replace(".txt", "_v" + v + ".txt")),
            String.join("\n\n", kept), StandardCharsets.UTF_8);
      }
    }
    spark = SparkTestSession.get();
    result = NewsTopicsJob.run(spark, SparkTestSession.config(input.toString(), dir.resolve("wh").toString(),
        Map.of("topics.k", "2")));
  }

  @Test
  void everyTopicHasALabelOfItsHeaviestTermsAndAQualityThatFollowsItsNpmi() {
    List<Row> rows = spark.sql("SELECT topic_id, term_rank, term, label, quality, coherence_npmi FROM news.topics "
        + "WHERE run_id = '" + result.runId() + "'").collectAsList();
    assertEquals(2 * 15, rows.size(), "k = 2 topics of topics.terms-per-topic terms");
    Map<Integer, TreeMap<Integer, String>> terms = new TreeMap<>();
    long incoherent = 0;
    for (Row r : rows) {
      terms.computeIfAbsent(r.getInt(0), x -> new TreeMap<>()).put(r.getInt(1), r.getString(2));
      String expected = TopicQuality.of(r.isNullAt(5) ? Double.NaN : r.getDouble(5));
      assertEquals(expected, r.getString(4), "quality follows coherence_npmi: " + r);
      incoherent += r.getInt(1) == 1 && TopicQuality.INCOHERENT.equals(r.getString(4)) ? 1 : 0;
    }
    for (Row r : rows) {
      String label = r.getString(3);
      assertTrue(label != null && !label.isBlank(), r.toString());
      // the topic's first three distinct terms by rank, most probable first
      List<String> top = new ArrayList<>(new LinkedHashSet<>(terms.get(r.getInt(0)).values())).subList(0, 3);
      assertEquals(String.join(", ", top), label, r.toString());
    }
    Map<String, Double> m = spark.sql("SELECT metrics FROM news.runs WHERE run_id = '" + result.runId() + "'")
        .first().getJavaMap(0);
    assertEquals((double) incoherent, m.get("topics_incoherent"), m.toString());
    assertTrue(result.summary().contains("incoherent topics (news.topics.quality: NPMI < 0.0 or undefined): "
        + incoherent + " of 2"), result.summary());
    assertEquals(2, spark.sql("SELECT * FROM news.topic_summary WHERE label IS NOT NULL AND quality IS NOT NULL")
        .count());
  }

  @Test
  void topicTopArticlesKeepsTheMostProbableArticlesOfEachTopicInRankOrder() {
    int n = Views.TOPIC_TOP_ARTICLES_N;
    Map<Integer, Long> perTopic = new TreeMap<>();
    for (Row r : spark.sql("SELECT topic_id, count(*) FROM news.current_article_topics GROUP BY topic_id")
        .collectAsList()) {
      perTopic.put(r.getInt(0), r.getLong(1));
    }
    assertTrue(perTopic.values().stream().anyMatch(c -> c > n), "a topic has more than N articles: " + perTopic);
    Map<Integer, TreeMap<Integer, Row>> view = new TreeMap<>();
    for (Row r : spark.sql("SELECT topic_id, rank_in_topic, probability, article_id, title, source, published_date, "
        + "label FROM news.topic_top_articles").collectAsList()) {
      assertFalse(r.isNullAt(4) || r.isNullAt(7), "title and label: " + r);
      assertTrue(view.computeIfAbsent(r.getInt(0), x -> new TreeMap<>()).put(r.getInt(1), r) == null, "one row per "
          + "rank: " + r);
    }
    assertEquals(perTopic.keySet(), view.keySet());
    for (var e : view.entrySet()) {
      TreeMap<Integer, Row> ranked = e.getValue();
      assertEquals(Math.min(n, perTopic.get(e.getKey())), ranked.size(), "top N of topic " + e.getKey());
      assertEquals(1, ranked.firstKey());
      assertEquals(ranked.size(), ranked.lastKey(), "ranks 1..N without gaps");
      double previous = Double.MAX_VALUE;
      for (Row r : ranked.values()) {
        assertTrue(r.getDouble(2) <= previous, "by probability, highest first: " + ranked.values());
        previous = r.getDouble(2);
      }
      // nothing left out had a higher probability than the last kept
      double cut = ranked.lastEntry().getValue().getDouble(2);
      long above = spark.sql("SELECT * FROM news.current_article_topics WHERE topic_id = " + e.getKey()
          + " AND round(probability, 4) > " + cut).count();
      assertTrue(above <= ranked.size(), "topic " + e.getKey() + ": " + above + " articles above " + cut);
    }
  }
}
