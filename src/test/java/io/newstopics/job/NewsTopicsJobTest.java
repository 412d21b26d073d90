package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import io.newstopics.tables.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the five seed articles, with the default configuration: the test JVM's shared run
 * ({@link SparkTestSession#seedsRun}), only read by the tests; a test that runs the job again uses a copy of its
 * warehouse, so the tests pass in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsTopicsJobTest {
  @TempDir
  static Path dir;

  private SparkSession spark;
  private String wh;
  private JobConfig cfg;
  private RunResult first;

  @BeforeAll
  void runOnSeeds() {
    spark = SparkTestSession.get();
    first = SparkTestSession.seedsRun();
    wh = SparkTestSession.seedsWarehouse();
    cfg = SparkTestSession.config("seeds", wh, Map.of());
  }

  /** news.* names the class's warehouse: a test that runs the job itself points it at its own. */
  @BeforeEach
  void openTheClassWarehouse() {
    Warehouse.open(spark, wh);
  }

  private String seedLang(String seed) {
    return spark.sql("SELECT lang FROM news.articles WHERE source_ref LIKE '%/" + seed + "_%'").first().getString(0);
  }

  private String topTheme(String seed) {
    return spark.sql("SELECT t.theme FROM news.current_article_themes t JOIN news.articles a USING (article_id) "
        + "WHERE a.source_ref LIKE '%/" + seed + "_%' AND t.theme_rank = 1").first().getString(0);
  }

  @Test
  void articlesHaveLanguagesTitlesAndDates() {
    assertEquals(5, spark.sql("SELECT * FROM news.articles").count());
    assertEquals(List.of("ru", "ru", "uk", "ru", "uk"),
        List.of(seedLang("000"), seedLang("001"), seedLang("002"), seedLang("003"), seedLang("004")));
    Row r002 = spark.sql("SELECT CAST(published_date AS STRING), title FROM news.articles "
        + "WHERE source_ref LIKE '%/002_%'").first();
    assertEquals("2025-10-31", r002.getString(0));
    assertEquals("WP: Мадуро попросив у Путіна ракет і військову техніку через тиск США", r002.getString(1));
    assertEquals(4, spark.sql("SELECT * FROM news.articles WHERE published_date IS NULL").count());
    assertEquals(0, spark.sql("SELECT * FROM news.quarantine").count());
  }

  @Test
  void themesMatchTheSeedsStories() {
    assertEquals("military-aid", topTheme("001"));
    assertEquals("military-aid", topTheme("002"));
    assertEquals("opposition", topTheme("003"));
    Row ev = spark.sql("SELECT evidence FROM news.current_article_themes t JOIN news.articles a USING (article_id) "
        + "WHERE a.source_ref LIKE '%/003_%' AND t.theme = 'opposition'").first();
    assertTrue(ev.getList(0).contains("гуайдо"), ev.toString());
  }

  private String seedId(String seed) {
    return spark.sql("SELECT article_id FROM news.articles WHERE source_ref LIKE '%/" + seed + "_%'").first()
        .getString(0);
  }

  @Test
  void theRuAndUkTranslationsShareTheirDominantTopicAndAreLinked() {
    String ru = seedId("001");
    String uk = seedId("002");
    String dominant = "SELECT topic_id FROM news.current_article_topics WHERE is_dominant AND article_id = '%s'";
    assertEquals(spark.sql(String.format(dominant, ru)).first().getInt(0),
        spark.sql(String.format(dominant, uk)).first().getInt(0));

    List<Row> links = spark.sql("SELECT article_id, linked_article_id, similarity, method, same_language, "
        + "shared_terms FROM news.current_article_links ORDER BY similarity DESC").collectAsList();
    Row pair = links.stream().filter(r -> Set.of(r.getString(0), r.getString(1)).equals(Set.of(ru, uk)))
        .findFirst().orElseThrow(() -> new AssertionError("001-002 not linked: " + links));
    assertTrue(pair.getString(0).compareTo(pair.getString(1)) < 0, "each pair once, smaller id first");
    assertEquals("tfidf_cosine_shared_terms", pair.getString(3));
    assertFalse(pair.getBoolean(4));
    assertTrue(pair.getDouble(2) >= cfg.links().minSimilarity() && pair.getDouble(2) <= 1.0, pair.toString());
    assertTrue(pair.getList(5).contains("Иран/Іран"), pair.toString());
    // the translation pair is the closest pair of either article
    for (Row r : links) {
      if (r != pair && (Set.of(ru, uk).contains(r.getString(0)) || Set.of(ru, uk).contains(r.getString(1)))) {
        assertTrue(r.getDouble(2) < pair.getDouble(2), r + " vs " + pair);
      }
    }
  }

  @Test
  void entitiesAreTheSameConceptsInBothLanguages() {
    String q = "SELECT entity, entity_type, name, mentions, surface_forms FROM news.current_article_entities "
        + "WHERE article_id = '%s' AND entity = '%s'";
    Row putinRu = spark.sql(String.format(q, seedId("001"), "putin")).first();
    Row putinUk = spark.sql(String.format(q, seedId("002"), "putin")).first();
    assertEquals("person", putinRu.getString(1));
    assertEquals("Путин/Путін", putinRu.getString(2));
    assertEquals(putinRu.getString(2), putinUk.getString(2));
    assertTrue(putinRu.getList(4).contains("Путину") && putinUk.getList(4).contains("Путіну"),
        putinRu + " " + putinUk);
    assertTrue(spark.sql(String.format(q, seedId("001"), "maduro")).first().getInt(3) >= 5);
    assertTrue(spark.sql(String.format(q, seedId("002"), "maduro")).first().getInt(3) >= 5);
    Row guaido = spark.sql(String.format(q, seedId("003"), "guaido")).first();
    assertEquals(List.of("Гуайдо"), guaido.getList(4));
    assertEquals(5, guaido.getInt(3));
    // who is mentioned with which theme
    assertTrue(spark.sql("SELECT * FROM news.current_article_entities e JOIN news.current_article_themes t "
        + "USING (article_id) WHERE e.entity = 'guaido' AND t.theme = 'opposition' AND t.theme_rank = 1")
        .count() > 0);
  }

  @Test
  void topicTermsAreReadableWithoutStopwordsOrFragments() {
    List<Row> terms = spark.sql("SELECT term, stem FROM news.current_topics").collectAsList();
    assertEquals(first.topics().size() * cfg.topics().termsPerTopic(), terms.size());
    Set<String> forbidden = new HashSet<>(List.of("і", "та", "що", "як", "как", "это", "іл", "ил", "также",
        "року", "года", "що", "це", "который", "також", "все", "всё", "ещё"));
    for (Row r : terms) {
      // a concept shows as its name, its ru and uk words: Путин/Путін
      for (String term : r.getString(0).split("/")) {
        assertFalse(forbidden.contains(term.toLowerCase()), term);
        assertTrue(term.length() >= 3 || term.equals(term.toUpperCase()), "fragment: " + term);
        // letters, and the apostrophe inside Ukrainian words (п'ятницю, м'ясо)
        assertTrue(term.matches("\\p{L}+(?:['\\- ]\\p{L}+)*"), "not a word: " + term);
      }
    }
    // a displayed term is its lemma (a name capitalised), or for a Snowball stem of a word the Russian dictionary does
    // not know, a surface form of the text; a Russian term used mostly in Ukrainian articles shows as the Ukrainian
    // lemma aligned to it (адміністрація for администрация)
    io.newstopics.text.RussianDictionary dict = io.newstopics.text.RussianDictionary.get();
    io.newstopics.concepts.UkrainianToRussian alignment = new io.newstopics.concepts.UkrainianToRussian(cfg.text());
    for (Row r : spark.sql("SELECT term, stem FROM news.current_vocabulary WHERE NOT startswith(stem, 'c:')")
        .collectAsList()) {
      String term = r.getString(0);
      String stem = r.getString(1);
      assertTrue(term.toLowerCase().equals(stem) || !dict.isLemma(stem)
          || stem.equals(alignment.russianTerm(term.toLowerCase())), term + " shown for the lemma " + stem);
    }
    // попросити is a Russian word in Ukrainian spelling: its term is the Russian lemma
    assertEquals(0, spark.sql("SELECT * FROM news.current_vocabulary WHERE stem = 'попросити'").count());
    assertTrue(spark.sql("SELECT * FROM news.current_vocabulary WHERE stem = 'попросить'").count() > 0,
        "the aligned uk lemma is the Russian one");
    assertTrue(spark.sql("SELECT * FROM news.current_vocabulary WHERE stem = 'c:iran' AND term = 'Иран/Іран'")
        .count() > 0, "a concept shown by its name");
  }

  @Test
  void theRunIsRecordedWithMetrics() {
    Row run = spark.sql("SELECT status, metrics, input, finished_at FROM news.runs").first();
    assertEquals("succeeded", run.getString(0));
    Map<String, Double> m = run.getJavaMap(1);
    assertEquals(5.0, m.get("input_records"));
    assertEquals(5.0, m.get("articles"));
    assertEquals(0.0, m.get("quarantined"));
    assertTrue(m.get("vocabulary_size") > 100, m.toString());
    assertTrue(Double.isFinite(m.get("lda_log_perplexity")) && m.get("lda_log_likelihood") < 0, m.toString());
    assertTrue(m.get("seconds_lda") > 0, m.toString());
    // the summary names each topic's theme (which of the seeds' themes the two topics get depends on the model)
    assertTrue(cfg.themes().lexicons().stream().anyMatch(t -> first.summary().contains(" " + t.name() + " ")),
        first.summary());
    // every stored article has topic rows that sum to ~1 (small probabilities are left out)
    for (Row r : spark.sql("SELECT article_id, sum(probability) FROM news.current_article_topics GROUP BY 1")
        .collectAsList()) {
      assertTrue(r.getDouble(1) > 0.9 && r.getDouble(1) <= 1.0 + 1e-9, r.toString());
    }
    assertEquals(5, spark.sql("SELECT * FROM news.current_article_topics WHERE is_dominant").count());
  }

  @Test
  void everyTopicHasCoherenceAndTheRunItsMean() {
    String run = first.runId();
    List<Row> topics = spark.sql("SELECT topic_id, count(*), count(DISTINCT coherence_npmi), "
        + "count(DISTINCT coherence_umass), first(coherence_npmi), first(coherence_umass) FROM news.topics "
        + "WHERE run_id = '" + run + "' AND coherence_npmi IS NOT NULL AND coherence_umass IS NOT NULL "
        + "GROUP BY topic_id ORDER BY topic_id").collectAsList();
    assertEquals(first.topics().size(), topics.size(), "every topic scored");
    assertEquals(first.topics().size() * cfg.topics().termsPerTopic(),
        topics.stream().mapToLong(r -> r.getLong(1)).sum(), "on every term row");
    double npmiSum = 0;
    double umassSum = 0;
    for (Row r : topics) {
      assertEquals(1L, r.getLong(2), "one NPMI per topic: " + r);
      assertEquals(1L, r.getLong(3), "one UMass per topic: " + r);
      assertTrue(r.getDouble(4) >= -1 && r.getDouble(4) <= 1, r.toString());
      assertTrue(Double.isFinite(r.getDouble(5)) && r.getDouble(5) <= Math.log(2), r.toString());
      npmiSum += r.getDouble(4);
      umassSum += r.getDouble(5);
    }
    Map<String, Double> m = spark.sql("SELECT metrics FROM news.runs WHERE run_id = '" + run + "'").first()
        .getJavaMap(0);
    assertEquals(npmiSum / topics.size(), m.get("coherence_npmi_mean"), 1e-9);
    assertEquals(umassSum / topics.size(), m.get("coherence_umass_mean"), 1e-9);
    assertTrue(m.get("topic_diversity") > 0 && m.get("topic_diversity") <= 1, m.toString());
    assertTrue(m.get("seconds_coherence") > 0, m.toString());
    assertTrue(first.summary().contains("coherence (mean over topics): NPMI"), first.summary());
    assertTrue(first.summary().contains("most coherent"), first.summary());
  }

  @Test
  void aSecondRunKeepsArticlesAndMovesTheCurrentViews() throws Exception {
    // the seeds run's warehouse, copied: its one run had this run's input and configuration
    String copy = SparkTestSession.seedsWarehouseCopy(dir.resolve("wh-rerun")).toString();
    Warehouse.open(spark, copy);
    RunResult one = first;
    List<String> ids = SparkTestSession.sortedRows(spark.sql("SELECT article_id, content_hash FROM news.articles"));
    RunResult two = NewsTopicsJob.run(spark, SparkTestSession.config("seeds", copy, Map.of()));
    assertEquals(ids, SparkTestSession.sortedRows(spark.sql("SELECT article_id, content_hash FROM news.articles")));
    assertEquals(2, spark.sql("SELECT * FROM news.runs WHERE status = 'succeeded'").count());
    assertEquals(List.of("[" + two.runId() + "]"),
        SparkTestSession.sortedRows(spark.sql("SELECT DISTINCT run_id FROM news.current_topics")));
    assertEquals(2, spark.sql("SELECT DISTINCT run_id FROM news.topics").count());

    // the same input and configuration again: the same topics, term for term
    String q = "SELECT topic_id, term_rank, stem, round(weight, 9) FROM news.topics WHERE run_id = '%s'";
    assertEquals(SparkTestSession.sortedRows(spark.sql(String.format(q, one.runId()))),
        SparkTestSession.sortedRows(spark.sql(String.format(q, two.runId()))));
  }

  @Test
  void aFailedRunIsRecordedAndHiddenFromTheCurrentViews() throws Exception {
    // a warehouse with one succeeded run: a copy of the seeds run's
    String failing = SparkTestSession.seedsWarehouseCopy(dir.resolve("wh-failed")).toString();
    String current = first.runId();
    Path one = Files.createDirectories(dir.resolve("one"));
    Files.writeString(one.resolve("a.txt"), "Только одна статья о санкциях против Венесуэлы и нефти PDVSA.");
    JobConfig tiny = SparkTestSession.config(one.toString(), failing, Map.of());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> NewsTopicsJob.run(spark, tiny));
    assertTrue(e.getMessage().contains("too few to model"), e.getMessage());
    Row failed = spark.sql("SELECT status, error FROM news.runs WHERE input = '" + one + "'").first();
    assertEquals("failed", failed.getString(0));
    assertTrue(failed.getString(1).contains("too few to model"));
    assertEquals(current, spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first().getString(0));
  }
}
