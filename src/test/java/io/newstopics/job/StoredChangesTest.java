package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.ingest.Duplicates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored articles supplied again: duplicates are judged against the articles as the run leaves them, and a change
 * of any field of an article (not only its text) updates its row.
 */
class StoredChangesTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private RunResult run(Path input) {
    return SparkTestSession.quickRun(input.toString(), dir.resolve("wh").toString());
  }

  @Test
  void anEditedArticleAndARepostOfItsOldTextAreBothKept() throws Exception {
    Path in = SparkTestSession.seedsCopy(dir);
    run(in);
    Path edited = Files.list(in).filter(p -> p.getFileName().toString().startsWith("003")).findFirst()
        .orElseThrow();
    String oldText = Files.readString(edited);
    Files.writeString(edited, oldText + "\nОбновлено: Гуайдо призвал к новым протестам.");
    Files.writeString(in.resolve("repost.txt"), oldText);

    RunResult second = run(in);
    assertEquals(1.0, second.metrics().get("articles_new"), second.metrics().toString());
    assertEquals(1.0, second.metrics().get("articles_updated"));
    assertEquals(0.0, second.metrics().get("quarantined"));
    assertEquals(0, spark.sql("SELECT * FROM news.quarantine").count());
    assertEquals(6, spark.sql("SELECT * FROM news.articles").count());
    String editedText = spark.sql("SELECT text FROM news.articles WHERE source_ref LIKE '%/003_%'").first()
        .getString(0);
    assertTrue(editedText.contains("Обновлено"), editedText);
    String repost = spark.sql("SELECT text FROM news.articles WHERE source_ref LIKE '%/repost.txt'").first()
        .getString(0);
    assertTrue(!repost.contains("Обновлено") && repost.contains("Гуайдо"), repost);

    // a repost of a stored article that this run leaves as it is stays a duplicate of it
    Files.writeString(in.resolve("repost-2.txt"), Files.readString(edited));
    RunResult third = run(in);
    assertEquals(0.0, third.metrics().get("articles_new"));
    Row q = spark.sql("SELECT reason, message FROM news.quarantine WHERE run_id = '" + third.runId() + "'").first();
    assertEquals(Duplicates.DUPLICATE_CONTENT, q.getString(0));
    String editedId = spark.sql("SELECT article_id FROM news.articles WHERE source_ref LIKE '%/003_%'").first()
        .getString(0);
    assertTrue(q.getString(1).contains("stored article " + editedId), q.getString(1));
    assertEquals(1, spark.sql("SELECT * FROM news.quarantine").count());
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n")
        .replace("\t", " ") + "\"";
  }

  /** The seeds as JSON Lines with every field; {@code change}: the record whose fields are corrected (or -1). */
  private void writeRecords(Path file, int change) throws Exception {
    List<String> lines = new ArrayList<>();
    List<Path> seeds = Files.list(Path.of("seeds")).sorted().toList();
    for (int i = 0; i < seeds.size(); i++) {
      String text = Files.readString(seeds.get(i)).replaceAll("(?m)^date \\d{4}-\\d{2}-\\d{2}\\s*$", "");
      boolean c = i == change;
      lines.add("{\"id\": \"a" + i + "\", \"title\": \"Title " + i + "\", \"text\": " + json(text)
          + ", \"url\": \"https://example.org/" + i + (c ? "-corrected" : "") + "\""
          + ", \"date\": \"2025-01-0" + (c ? 9 : i + 1) + "\""
          + ", \"source\": \"" + (c ? "Corrected outlet" : "Outlet " + i) + "\""
          + ", \"author\": \"" + (c ? "Someone else" : "Author " + i) + "\", \"desk\": \"news\"}");
    }
    Files.write(file, lines);
  }

  private List<String> articles() {
    return SparkTestSession.sortedRows(spark.sql("SELECT article_id, url, published_date, source, "
        + "to_json(metadata), updated_at, last_run_id FROM news.articles"));
  }

  @Test
  void correctedFieldsUpdateTheRowAndAnIdenticalRerunDoesNot() throws Exception {
    Path in = Files.createDirectories(dir.resolve("records"));
    Path file = in.resolve("news.jsonl");
    writeRecords(file, -1);
    run(in);
    List<String> before = articles();

    RunResult again = run(in);
    assertEquals(0.0, again.metrics().get("articles_updated"));
    assertEquals(5.0, again.metrics().get("articles_unchanged"));
    assertEquals(before, articles(), "an identical re-run leaves every row as it was");

    // url, date, source and a metadata field of article a2 corrected: only that article is updated
    writeRecords(file, 2);
    RunResult corrected = run(in);
    assertEquals(0.0, corrected.metrics().get("articles_new"));
    assertEquals(1.0, corrected.metrics().get("articles_updated"), corrected.metrics().toString());
    assertEquals(4.0, corrected.metrics().get("articles_unchanged"));
    Row a2 = spark.sql("SELECT url, CAST(published_date AS STRING), source, metadata['author'], last_run_id "
        + "FROM news.articles WHERE source_ref = 'a2'").first();
    assertEquals("https://example.org/2-corrected", a2.getString(0));
    assertEquals("2025-01-09", a2.getString(1));
    assertEquals("Corrected outlet", a2.getString(2));
    assertEquals("Someone else", a2.getString(3));
    assertEquals(corrected.runId(), a2.getString(4));
    assertEquals(4, spark.sql("SELECT * FROM news.articles WHERE last_run_id <> '" + corrected.runId() + "'")
        .count());

    // only the metadata corrected back: a change too; the same again: unchanged
    writeRecords(file, -1);
    Files.write(file, Files.readAllLines(file).stream().map(l -> l.startsWith("{\"id\": \"a2\"")
        ? l.replace("\"Author 2\"", "\"Someone else\"").replace("https://example.org/2\"",
            "https://example.org/2-corrected\"").replace("2025-01-03", "2025-01-09")
            .replace("\"Outlet 2\"", "\"Corrected outlet\"").replace("\"desk\": \"news\"", "\"desk\": \"world\"")
        : l).toList());
    RunResult metadataOnly = run(in);
    assertEquals(1.0, metadataOnly.metrics().get("articles_updated"), metadataOnly.metrics().toString());
    assertEquals("world", spark.sql("SELECT metadata['desk'] FROM news.articles WHERE source_ref = 'a2'").first()
        .getString(0));
    RunResult same = run(in);
    assertEquals(0.0, same.metrics().get("articles_updated"));
    assertEquals(5.0, same.metrics().get("articles_unchanged"));
  }
}
