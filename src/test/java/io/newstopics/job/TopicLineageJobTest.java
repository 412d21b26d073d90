package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * news.topic_lineage and news.topics.topic_key over three runs into one warehouse, k = 2, on synthetic Russian
 * articles of clearly separated subjects (each article 14 of its subject's 20 words): run 1 football and oil
 * articles 0-15, run 2 the same subjects' articles 4-19 (12 of 16 shared), run 3 music and weather, which share no
 * word with them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicLineageJobTest {
  private static final List<String> FOOTBALL = List.of("матч", "гол", "тренер", "команда", "чемпионат", "нападающий",
      "вратарь", "стадион", "болельщик", "турнир", "футболист", "сезон", "клуб", "лига", "форвард", "защитник",
      "пенальти", "кубок", "судья", "полузащитник");
  private static final List<String> OIL = List.of("нефть", "баррель", "экспорт", "рубль", "бюджет", "инфляция",
      "банк", "кредит", "ставка", "налог", "биржа", "акция", "доллар", "валюта", "цена", "рынок", "экономика", "газ",
      "добыча", "инвестиция");
  private static final List<String> MUSIC = List.of("концерт", "альбом", "певец", "гитара", "песня", "оркестр",
      "сцена", "музыкант", "мелодия", "композитор", "гастроль", "фестиваль", "скрипка", "пианист", "хор", "симфония",
      "солист", "барабанщик", "опера", "аккорд");
  private static final List<String> WEATHER = List.of("дождь", "снег", "мороз", "ветер", "температура", "прогноз",
      "облачность", "гроза", "метель", "туман", "циклон", "град", "жара", "климат", "осадки", "синоптик", "погода",
      "ураган", "гололед", "оттепель");

  @TempDir
  static Path dir;

  private SparkSession spark;
  private RunResult first;
  private RunResult second;
  private RunResult disjoint;

  @BeforeAll
  void runThreeTimes() throws IOException {
    spark = SparkTestSession.get();
    String wh = dir.resolve("wh").toString();
    first = run(corpus("first", 0, 16, FOOTBALL, OIL), wh);
    second = run(corpus("second", 4, 20, FOOTBALL, OIL), wh);
    disjoint = run(corpus("disjoint", 0, 16, MUSIC, WEATHER), wh);
  }

  private RunResult run(Path input, String wh) {
    return NewsTopicsJob.run(spark, SparkTestSession.config(input.toString(), wh,
        Map.of("topics.k", "2", "topics.guided", "false")));
  }

  /** Articles {@code from} to {@code to - 1} of each subject; article i of a subject is the same text in every run. */
  private static Path corpus(String name, int from, int to, List<String> a, List<String> b) throws IOException {
    Path in = Files.createDirectories(dir.resolve(name));
    for (List<String> subject : List.of(a, b)) {
      for (int i = from; i < to; i++) {
        List<String> words = new ArrayList<>(subject);
        Collections.shuffle(words, new Random(subject.get(0).hashCode() * 31L + i));
        List<String> picked = words.subList(0, 14);
        String text = String.join(" ", picked.subList(0, 3)) + "\n\n" + String.join(" ", picked.subList(0, 7))
            + ". " + String.join(" ", picked.subList(7, 14)) + ". " + String.join(" ", picked.subList(2, 9)) + ".";
        Files.writeString(in.resolve(subject.get(0) + "_" + i + ".txt"), text, StandardCharsets.UTF_8);
      }
    }
    return in;
  }

  private List<Row> lineage(RunResult r) {
    return spark.sql("SELECT topic_id, previous_run_id, previous_topic_id, similarity FROM news.topic_lineage "
        + "WHERE run_id = '" + r.runId() + "'").collectAsList();
  }

  /** The topic_key of each topic of run {@code r} in news.topics, checking it is one key per topic. */
  private Map<Integer, String> keys(RunResult r) {
    Map<Integer, String> out = new java.util.HashMap<>();
    for (Row k : spark.sql("SELECT topic_id, count(DISTINCT topic_key), count_if(topic_key IS NULL), "
        + "first(topic_key) FROM news.topics WHERE run_id = '" + r.runId() + "' GROUP BY topic_id").collectAsList()) {
      assertEquals(1L, k.getLong(1), "one key on every row of topic " + k.getInt(0));
      assertEquals(0L, k.getLong(2));
      out.put(k.getInt(0), k.getString(3));
    }
    return out;
  }

  @Test
  void theFirstRunHasNoPreviousAndNewKeys() {
    List<Row> rows = lineage(first);
    assertEquals(2, rows.size(), "one row per topic");
    for (Row r : rows) {
      assertNull(r.get(1));
      assertNull(r.get(2));
      assertNull(r.get(3));
    }
    assertEquals(Map.of(0, first.runId() + ":0", 1, first.runId() + ":1"), keys(first));
  }

  @Test
  void topicsOfAnOverlappingCorpusKeepTheirKeys() {
    List<Row> rows = lineage(second);
    assertEquals(2, rows.size(), "one row per topic, written once");
    Map<Integer, String> previousKeys = keys(first);
    Map<Integer, String> keys = keys(second);
    List<Integer> matched = new ArrayList<>();
    for (Row r : rows) {
      assertEquals(first.runId(), r.getString(1), "matched to the first run");
      assertNotNull(r.get(2));
      assertTrue(r.getDouble(3) >= 0.5 && r.getDouble(3) <= 1.0 + 1e-9, "similarity " + r.getDouble(3));
      assertEquals(previousKeys.get(r.getInt(2)), keys.get(r.getInt(0)), "the matched topic's key is carried");
      matched.add(r.getInt(2));
    }
    assertEquals(List.of(0, 1), matched.stream().sorted().toList(), "one-to-one");
    // the carried key names the same subject: the two topics' heaviest terms are of one word list
    for (Row r : rows) {
      String now = spark.sql("SELECT stem FROM news.topics WHERE run_id = '" + second.runId() + "' AND topic_id = "
          + r.getInt(0) + " AND term_rank = 1").first().getString(0);
      String before = spark.sql("SELECT stem FROM news.topics WHERE run_id = '" + first.runId() + "' AND topic_id = "
          + r.getInt(2) + " AND term_rank <= 5").collectAsList().stream().map(x -> x.getString(0)).toList()
          .toString();
      boolean football = FOOTBALL.stream().anyMatch(w -> w.startsWith(now) || now.startsWith(w));
      List<String> subject = football ? FOOTBALL : OIL;
      assertTrue(subject.stream().anyMatch(before::contains), now + " vs " + before);
    }
    assertEquals(2.0, second.metrics().get("topics_carried"));
    assertTrue(second.summary().contains("topic keys: 2 of 2 topics carried"), second.summary());
    assertFalse(first.metrics().containsKey("topics_carried"), "no previous run, nothing to carry");
  }

  @Test
  void aDisjointCorpusGetsNewKeys() {
    List<Row> rows = lineage(disjoint);
    assertEquals(2, rows.size());
    for (Row r : rows) {
      assertNull(r.get(1), "no close topic in the previous run");
      assertNull(r.get(2));
      assertTrue(r.getDouble(3) < 0.5, "the greedy pair's similarity is kept: " + r.getDouble(3));
    }
    assertEquals(Map.of(0, disjoint.runId() + ":0", 1, disjoint.runId() + ":1"), keys(disjoint));
    Row noShared = spark.sql("SELECT count(*) FROM news.topics a JOIN news.topics b ON a.topic_key = b.topic_key "
        + "WHERE a.run_id = '" + disjoint.runId() + "' AND b.run_id <> a.run_id").first();
    assertEquals(0L, noShared.getLong(0), "no key of an earlier run");
  }

  @Test
  void topicTrendsCountEachDominantArticleOnceUnderItsKey() {
    // the latest run is the disjoint one: its 32 articles, each under its dominant topic's key
    long dominant = spark.sql("SELECT count(DISTINCT article_id) FROM news.current_article_topics WHERE is_dominant")
        .first().getLong(0);
    assertEquals(32L, dominant);
    Row totals = spark.sql("SELECT sum(articles), count(DISTINCT topic_key), min(topic_key), max(topic_key), "
        + "count_if(day IS NULL OR week IS NULL OR week > day OR lang <> 'ru') FROM news.topic_trends").first();
    assertEquals(dominant, totals.getLong(0), "every dominant article counted once");
    assertEquals(2L, totals.getLong(1));
    assertEquals(disjoint.runId() + ":0", totals.getString(2));
    assertEquals(disjoint.runId() + ":1", totals.getString(3));
    assertEquals(0L, totals.getLong(4), "day and week set (ingested day: no date given), week starts on or before it");
    List<String> perKey = SparkTestSession.sortedRows(spark.sql("SELECT topic_key, sum(articles) FROM "
        + "news.topic_trends GROUP BY topic_key"));
    List<String> expected = SparkTestSession.sortedRows(spark.sql("SELECT k.topic_key, count(*) FROM "
        + "news.current_article_topics t JOIN (SELECT DISTINCT topic_id, topic_key FROM news.current_topics) k "
        + "USING (topic_id) WHERE t.is_dominant GROUP BY k.topic_key"));
    assertEquals(expected, perKey);
  }
}
