package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.ingest.HostileRecords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over a thousand generated hostile records ({@link HostileRecords}) as a text folder and as JSON Lines: each run
 * finishes, and every record the generator wrote is found once, in news.articles or news.quarantine, counted from
 * what was written rather than from the job's own counts.
 */
class FuzzInputTest {
  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private static final Map<String, String> SETTINGS = Map.of("topics.max-iterations", "3", "topics.k", "3",
      "topics.guided", "false", "input.max-file-bytes", "300000");

  /** run_id -> (a record's key -> where it is), failing on a key found twice. */
  private Map<String, List<String>> placed(String runId, String keySql) {
    return placed(runId, keySql, keySql);
  }

  private Map<String, List<String>> placed(String runId, String articleKey, String quarantineKey) {
    Map<String, List<String>> out = new HashMap<>();
    for (Row r : spark.sql("SELECT " + articleKey + ", 'stored' FROM news.articles WHERE last_run_id = '" + runId
        + "' UNION ALL SELECT " + quarantineKey + ", 'quarantine:' || reason FROM news.quarantine WHERE run_id = '"
        + runId + "'").collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
    }
    return out;
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void textFilesAllEndInOnePlace() throws Exception {
    HostileRecords gen = new HostileRecords(22);
    Path in = Files.createDirectories(dir.resolve("text"));
    Map<String, String> kinds = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      int kind = gen.kind();
      String name = "f" + i + ".txt";
      kinds.put(name, HostileRecords.KINDS[kind]);
      byte[] bytes = kind == 1 ? gen.bytes(1 + gen.random().nextInt(2000))
          : gen.text(kind).getBytes(gen.random().nextInt(8) == 0 ? java.nio.charset.Charset.forName("UTF-16LE")
              : StandardCharsets.UTF_8);
      Files.write(in.resolve(name), bytes);
    }
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(in.toString(), dir.resolve("wh").toString(),
        SETTINGS));
    Map<String, List<String>> placed = placed(r.runId(), "regexp_extract(source_ref, '([^/]+)$', 1)");
    for (String name : kinds.keySet()) {
      List<String> where = placed.get(name);
      assertTrue(where != null && where.size() == 1, name + " (" + kinds.get(name) + ") is in " + where);
    }
    assertEquals(kinds.size(), placed.size(), "no record the generator did not write");
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void jsonLinesAllEndInOnePlace() throws Exception {
    HostileRecords gen = new HostileRecords(23);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<String> ids = new ArrayList<>();
    int malformed = 0;
    for (int i = 0; i < 600; i++) {
      int kind = gen.kind();
      String id = "j" + i;
      if (gen.random().nextInt(10) == 0) { // not JSON: random bytes or a cut-off object, one line, not blank
        byte[] junk = gen.random().nextBoolean() ? gen.bytes(1 + gen.random().nextInt(300))
            : ("{\"id\": \"" + id + "\", \"text\": \"cut").getBytes(StandardCharsets.UTF_8);
        file.write('#');
        for (byte b : junk) {
          file.write(b == '\n' || b == '\r' ? ' ' : b);
        }
        file.write('\n');
        malformed++;
        continue;
      }
      ids.add(id);
      String record = "{\"id\": \"" + id + "\", \"title\": " + json(gen.random().nextInt(5) == 0 ? gen.text(kind)
          : "Заголовок " + i) + ", \"text\": " + json(gen.text(kind)) + ", \"date\": \""
          + (gen.random().nextBoolean() ? "2025-0" + (1 + gen.random().nextInt(9)) + "-1" + gen.random().nextInt(9)
          : "вчера") + "\", \"tags\": {\"nested\": [1, {\"deep\": " + "[".repeat(50) + "]".repeat(50) + "}]}}";
      file.write(record.getBytes(StandardCharsets.UTF_8));
      file.write('\n');
    }
    Path in = Files.createDirectories(dir.resolve("jsonl"));
    Files.write(in.resolve("records.jsonl"), file.toByteArray());
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(in.toString(), dir.resolve("wh").toString(),
        SETTINGS));
    Map<String, List<String>> placed = placed(r.runId(), "source_ref");
    for (String id : ids) {
      List<String> where = placed.get(id);
      assertTrue(where != null && where.size() == 1, id + " is in " + where);
    }
    long others = placed.entrySet().stream().filter(e -> !ids.contains(e.getKey()))
        .mapToLong(e -> e.getValue().size()).sum();
    assertEquals(malformed, others, "each line that is not a JSON object is one quarantine row");
  }

  /**
   * Two CSV files with their columns in different orders; hostile texts (random bytes, markup, repetitions, quotes,
   * line breaks) in quoted fields, and one row in fifteen with a quote left open. Every row's id is found once: as an
   * article, or a quarantine row (a broken row's sample starts with its id).
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void csvRowsAllEndInOnePlace() throws Exception {
    HostileRecords gen = new HostileRecords(24);
    Path in = Files.createDirectories(dir.resolve("csv"));
    List<String> ids = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.write((f == 0 ? "id,title,text\n" : "text,id,title\r\n").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 200; i++) {
        String id = "c" + f + "-" + i;
        ids.add(id);
        int kind = gen.kind();
        String title = "\"Заголовок " + id + "\"";
        String text = gen.random().nextInt(15) == 0
            ? "\"Кавычка не закрыта " + gen.text(0).replace("\n", " ").replace("\"", "")
            : kind == 1 ? quoted(new String(gen.bytes(1 + gen.random().nextInt(400)), StandardCharsets.ISO_8859_1))
            : quoted(gen.text(kind) + (gen.random().nextBoolean() ? " и \"цитата\"" : ""));
        String row = f == 0 ? id + "," + title + "," + text : text + "," + id + "," + title;
        if (f == 1 && text.startsWith("\"Кавычка")) { // the open quote first: the id would be swallowed with it
          row = id + "," + title + "," + text;
          ids.remove(ids.size() - 1);
          ids.add("!" + id); // a row of the wrong width in this file: in quarantine, its sample starts with the id
        }
        file.write(row.getBytes(kind == 1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        file.write(f == 0 ? "\n".getBytes(StandardCharsets.UTF_8) : "\r\n".getBytes(StandardCharsets.UTF_8));
      }
      Files.write(in.resolve("part-" + f + ".csv"), file.toByteArray());
    }
    // the default input.max-file-bytes: a quoted field longer than that is read as a quote left open
    Map<String, String> settings = new HashMap<>(SETTINGS);
    settings.remove("input.max-file-bytes");
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(in.toString(), dir.resolve("wh").toString(),
        settings));
    Map<String, List<String>> placed = placed(r.runId(), "source_ref", "coalesce(CASE WHEN source_ref RLIKE "
        + "'^c[01]-[0-9]+$' THEN source_ref END, regexp_extract(raw_sample, '(c[01]-[0-9]+)', 1))");
    int found = 0;
    for (String id : ids) {
      String key = id.startsWith("!") ? id.substring(1) : id;
      List<String> where = placed.get(key);
      assertTrue(where != null && where.size() == 1, key + " is in " + where);
      assertTrue(!id.startsWith("!") || where.get(0).startsWith("quarantine"), key + " is in " + where);
      found++;
    }
    assertEquals(400, found);
    assertEquals(ids.size(), placed.values().stream().mapToInt(List::size).sum(),
        "no row the generator did not write: " + placed.keySet().stream().filter(k -> !ids.contains(k)
            && !ids.contains("!" + k)).toList());
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** {@code s} as a JSON string (every control character escaped). */
  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
