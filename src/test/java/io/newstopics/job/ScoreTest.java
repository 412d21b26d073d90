package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.cli.Main;
import io.newstopics.tables.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train on a small corpus (the seed articles cut into 2-paragraph articles, JSON Lines with ids), then score a
 * copy of some of its articles plus two articles the run never saw, with the saved model. The training run is made
 * once for the class; each test scores into its own copy of that warehouse, so the tests pass in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreTest {
  /** Max abs difference allowed per topic probability: scoring runs the same transform as training did. */
  private static final double TOLERANCE = 1e-9;
  private static final String[] PER_ARTICLE = {"article_topics", "article_themes", "article_terms",
      "article_entities"};

  /**
   * A line in every article: boilerplate of the training corpus (in at least text.boilerplate.min-articles, 20), too
   * rare to be found in the dozen articles scored; its words are in the vocabulary (two articles use them).
   */
  private static final String BOILERPLATE = "\nЛучшие скидки недели на смартфоны и ноутбуки в магазине Эльдорадо";

  @TempDir
  static Path dir;

  private final SparkSession spark = SparkTestSession.get();
  /** The trained warehouse: only copied, never written after {@link #train}. */
  private String trainedWh;
  private Path scoreInput;
  private RunResult trained;
  private List<String> scoredIds;
  /** article_id -> topic_id -> probability, as the training run gave them. */
  private Map<String, Map<Integer, Double>> trainedTopics;

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        case '\t' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  @BeforeAll
  void train() throws Exception {
    trainedWh = dir.resolve("wh").toString();
    List<String> lines = new ArrayList<>();
    for (Path seed : Files.list(Path.of("seeds")).sorted().toList()) {
      String[] paragraphs = Files.readString(seed).split("\\n\\s*\\n");
      for (int i = 0; i < paragraphs.length; i += 2) {
        String text = paragraphs[i] + (i + 1 < paragraphs.length ? "\n\n" + paragraphs[i + 1] : "")
            + (lines.size() < 2 ? "\nЭльдорадо продает смартфоны и ноутбуки со скидками." : "") + BOILERPLATE;
        lines.add("{\"id\": " + json(seed.getFileName() + "#" + i) + ", \"text\": " + json(text) + "}");
      }
    }
    Path train = Files.createDirectories(dir.resolve("train"));
    Files.write(train.resolve("corpus.jsonl"), lines);
    trained = NewsTopicsJob.run(spark, SparkTestSession.config(train.toString(), trainedWh,
        Map.of("topics.k", "6", "topics.max-iterations", "20")));
    assertNotNull(trained.modelPath());
    assertTrue(lines.size() >= 20, "enough articles for the boilerplate line: " + lines.size());
    assertTrue(trained.summary().contains("score --model " + trained.runId()), trained.summary());

    // the copy to score: every third training article (same id and text), and two articles never seen
    List<String> copy = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 3) {
      copy.add(lines.get(i));
    }
    copy.add("{\"id\": \"new-1\", \"text\": " + json("Новые санкции против Венесуэлы\nМинфин США ввел санкции "
        + "против PDVSA и банков Венесуэлы, сообщает агентство. Эмбарго на нефть продлено, Мадуро обратился к "
        + "Путину за помощью." + BOILERPLATE) + "}");
    copy.add("{\"id\": \"new-2\", \"text\": " + json("Опозиція вийшла на протест\nПрихильники опозиції провели "
        + "мітинг у Каракасі проти фальсифікації виборів, Гуайдо закликав парламент до нових протестів." + BOILERPLATE)
        + "}");
    scoreInput = Files.createDirectories(dir.resolve("score"));
    Files.write(scoreInput.resolve("new.jsonl"), copy);

    List<Row> held = spark.sql("SELECT t.article_id, t.topic_id, t.probability FROM news.article_topics t "
        + "JOIN news.articles a USING (article_id) WHERE t.run_id = '" + trained.runId() + "' AND a.source_ref IN ("
        + String.join(", ", copy.subList(0, copy.size() - 2).stream()
            .map(l -> "'" + l.substring(8, l.indexOf('"', 8)).replace("'", "''") + "'").toList())
        + ")").collectAsList();
    trainedTopics = byArticle(held);
    assertEquals(copy.size() - 2, trainedTopics.size(), "the copied articles were modelled by the run");
    scoredIds = new ArrayList<>(trainedTopics.keySet());
  }

  /** A warehouse of this test's own: a copy of the trained one, with news.* pointing at it. */
  private String copyOfTrainedWarehouse(String name) throws java.io.IOException {
    Path copy = dir.resolve(name);
    SparkTestSession.copyTree(Path.of(trainedWh), copy);
    Warehouse.open(spark, copy.toString());
    return copy.toString();
  }

  private static Map<String, Map<Integer, Double>> byArticle(List<Row> rows) {
    Map<String, Map<Integer, Double>> out = new HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.getString(0), x -> new HashMap<>()).put(r.getInt(1), r.getDouble(2));
    }
    return out;
  }

  private Map<String, Map<Integer, Double>> storedTopics(String runId) {
    return byArticle(spark.sql("SELECT article_id, topic_id, probability FROM news.article_topics WHERE run_id = '"
        + runId + "'").collectAsList());
  }

  private Map<String, Long> rowsOfRun(String runId) {
    Map<String, Long> out = new HashMap<>();
    for (String t : PER_ARTICLE) {
      out.put(t, spark.sql("SELECT * FROM news." + t + " WHERE run_id = '" + runId + "'").count());
    }
    out.put("articles", spark.sql("SELECT * FROM news.articles").count());
    return out;
  }

  @Test
  void latestModelGivesTheRunsTopicDistributions() throws Exception {
    String wh = copyOfTrainedWarehouse("wh-latest");
    Map<String, Long> before = rowsOfRun(trained.runId());
    ScoreJob.ScoreResult scored = ScoreJob.score(spark,
        SparkTestSession.config(scoreInput.toString(), wh, Map.of()), "latest");
    assertEquals(trained.runId(), scored.modelRunId());
    assertEquals(scoredIds.size() + 2.0, scored.metrics().get("modelled"));
    assertEquals(2.0, scored.metrics().get("articles_new"));
    assertEquals(0.0, scored.metrics().get("articles_updated"), "the same terms as in training (boilerplate too)");
    assertEquals(0.0, scored.metrics().get("quarantined"));

    // (a) the scored copies have the distributions the training run gave them
    Map<String, Map<Integer, Double>> after = storedTopics(trained.runId());
    double maxDiff = 0;
    for (String id : scoredIds) {
      Set<Integer> topics = new HashSet<>(trainedTopics.get(id).keySet());
      topics.addAll(after.get(id).keySet());
      for (int t : topics) {
        maxDiff = Math.max(maxDiff, Math.abs(trainedTopics.get(id).getOrDefault(t, 0.0)
            - after.get(id).getOrDefault(t, 0.0)));
      }
    }
    System.out.printf("ScoreTest: %d scored copies, max abs topic probability difference %.3g%n", scoredIds.size(),
        maxDiff);
    assertTrue(maxDiff <= TOLERANCE, "max abs difference " + maxDiff);

    // (b) the new articles are in the model run's slice of every per-article table, the rest of the slice stays
    Map<String, Long> rows = rowsOfRun(trained.runId());
    assertEquals(before.get("articles") + 2, rows.get("articles"));
    for (String t : PER_ARTICLE) {
      long newRows = spark.sql("SELECT * FROM news." + t + " x JOIN news.articles a USING (article_id) "
          + "WHERE a.source_ref LIKE 'new-%'").count();
      assertTrue(newRows > 0, t);
      assertEquals(newRows, spark.sql("SELECT * FROM news." + t + " x JOIN news.articles a USING (article_id) "
          + "WHERE a.source_ref LIKE 'new-%' AND x.run_id = '" + trained.runId() + "'").count(), t);
      assertTrue(rows.get(t) > before.get(t), t + " grew by the new articles");
    }
    double sum = spark.sql("SELECT sum(probability) FROM news.article_topics t JOIN news.articles a "
        + "USING (article_id) WHERE a.source_ref = 'new-1'").first().getDouble(0);
    assertTrue(sum > 0.9 && sum <= 1.0 + 1e-9, "a topic mixture: " + sum);

    // the score run is recorded, and the current_ views still show the training run, new articles included
    Row run = spark.sql("SELECT status, parameters['kind'], parameters['model_run_id'] FROM news.runs "
        + "WHERE run_id = '" + scored.runId() + "'").first();
    assertEquals("succeeded", run.getString(0));
    assertEquals("score", run.getString(1));
    assertEquals(trained.runId(), run.getString(2));
    assertEquals(trained.runId(), spark.sql("SELECT DISTINCT run_id FROM news.current_article_topics").first()
        .getString(0));
    assertEquals(1, spark.sql("SELECT * FROM news.current_article_topics t JOIN news.articles a USING (article_id) "
        + "WHERE a.source_ref = 'new-2' AND t.is_dominant").count());
    assertTrue(spark.sql("SELECT * FROM news.theme_changes").count() > 0);
  }

  private static int main(ByteArrayOutputStream err, String... args) {
    PrintStream old = System.err;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return Main.execute(args);
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void explicitRunIdAgainChangesNothing() throws Exception {
    String wh = copyOfTrainedWarehouse("wh-again");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, main(err, "score", "--model", trained.runId(), "--input", scoreInput.toString(),
        "--warehouse", wh), err.toString(StandardCharsets.UTF_8));
    Map<String, Long> before = rowsOfRun(trained.runId());
    Map<String, Map<Integer, Double>> topicsBefore = storedTopics(trained.runId());
    err.reset();
    assertEquals(0, main(err, "score", "--model", trained.runId(), "--input", scoreInput.toString(),
        "--warehouse", wh), err.toString(StandardCharsets.UTF_8));
    // (c) no duplicates: the same rows, the same numbers
    assertEquals(before, rowsOfRun(trained.runId()));
    assertEquals(topicsBefore, storedTopics(trained.runId()));
    assertEquals(2, spark.sql("SELECT * FROM news.runs WHERE parameters['kind'] = 'score' AND status = 'succeeded'")
        .count());
  }

  @Test
  void missingModelsAreClearErrors() throws Exception {
    String wh = copyOfTrainedWarehouse("wh-missing");
    // (d) a run_id without a model, and a warehouse without models: exit 2, one line that says what to do
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, main(err, "score", "--model", "20990101T000000Z-abcdef", "--input", scoreInput.toString(),
        "--warehouse", wh));
    String msg = err.toString(StandardCharsets.UTF_8);
    assertTrue(msg.startsWith("news-topics: no saved model for run 20990101T000000Z-abcdef under "), msg);
    assertTrue(msg.contains("bin/news-topics run"), msg);
    assertEquals(1, msg.strip().lines().count(), msg);

    String empty = dir.resolve("empty-wh").toString();
    Warehouse.create(spark, empty);
    err.reset();
    assertEquals(2, main(err, "score", "--model", "latest", "--input", scoreInput.toString(), "--warehouse", empty));
    msg = err.toString(StandardCharsets.UTF_8);
    assertTrue(msg.contains("has no saved model under") && msg.contains("bin/news-topics run"), msg);

    err.reset();
    assertEquals(2, main(err, "score", "--input", scoreInput.toString()));
    msg = err.toString(StandardCharsets.UTF_8);
    assertTrue(msg.contains("missing required option: '--model") && msg.contains("score --help"), msg);
  }

  /** A copy of the trained model's folder under another run_id, to damage. */
  private String copyOfModel(String wh, String runId) throws Exception {
    Path dst = Path.of(wh, "models", runId);
    SparkTestSession.copyTree(Path.of(wh, "models", trained.runId()), dst);
    return dst.toString();
  }

  private String scoreError(String wh, String runId) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, main(err, "score", "--model", runId, "--input", scoreInput.toString(), "--warehouse", wh),
        err.toString(StandardCharsets.UTF_8));
    String msg = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, msg.strip().lines().count(), msg);
    assertTrue(msg.contains("bin/news-topics run") && msg.contains("score --model"), msg);
    return msg;
  }

  @Test
  void settingsAreSavedAsReadableHoconAndOldOrDamagedFoldersAreClearErrors() throws Exception {
    String wh = copyOfTrainedWarehouse("wh-damaged");
    // (e) the run's settings: readable HOCON, no Java serialization (SettingsFileTest: read back the same)
    Path model = Path.of(wh, "models", trained.runId());
    assertTrue(!Files.exists(model.resolve("job_config.ser")), "no Java serialization");
    String text = Files.readString(model.resolve("job_config.conf"));
    assertTrue(text.startsWith("# The effective settings of news-topics run " + trained.runId()), text);
    assertTrue(text.contains("subsampling-rate") && text.contains("military-aid"), text);

    // a folder of an older version: only the Java-serialised job_config.ser
    String old = copyOfModel(wh, "20990101T000000Z-oldfmt");
    Files.delete(Path.of(old, "job_config.conf"));
    Files.deleteIfExists(Path.of(old, ".job_config.conf.crc"));
    Files.write(Path.of(old, "job_config.ser"), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r'});
    String msg = scoreError(wh, "20990101T000000Z-oldfmt");
    assertTrue(msg.contains(old) && msg.contains("older version") && msg.contains("job_config.ser"), msg);

    // no settings file at all
    String missing = copyOfModel(wh, "20990101T000000Z-nosettings");
    Files.delete(Path.of(missing, "job_config.conf"));
    Files.deleteIfExists(Path.of(missing, ".job_config.conf.crc"));
    msg = scoreError(wh, "20990101T000000Z-nosettings");
    assertTrue(msg.contains(missing) && msg.contains("has no job_config.conf"), msg);

    // cut in the middle (the file system's checksum left as it was), cut without a checksum, a bad value
    String cut = copyOfModel(wh, "20990101T000000Z-cut");
    Files.writeString(Path.of(cut, "job_config.conf"), text.substring(0, text.length() / 2));
    msg = scoreError(wh, "20990101T000000Z-cut");
    assertTrue(msg.contains(cut) && msg.contains("damaged job_config.conf"), msg);
    Files.deleteIfExists(Path.of(cut, ".job_config.conf.crc"));
    msg = scoreError(wh, "20990101T000000Z-cut");
    assertTrue(msg.contains(cut) && msg.contains("cannot use") && msg.contains("cannot parse"), msg);
    String badValue = copyOfModel(wh, "20990101T000000Z-badvalue");
    Files.deleteIfExists(Path.of(badValue, ".job_config.conf.crc"));
    Files.writeString(Path.of(badValue, "job_config.conf"),
        text + "\nsettings.topics.subsampling-rate = 2\n");
    msg = scoreError(wh, "20990101T000000Z-badvalue");
    assertTrue(msg.contains(badValue) && msg.contains("topics.subsampling-rate"), msg);
  }
}
