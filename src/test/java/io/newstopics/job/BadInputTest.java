package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad and messy input, one file or record per kind: each lands where it should (news.articles with
 * the right text and flags, or news.quarantine with the right reason), and the counts add up.
 */
class BadInputTest {
  @TempDir
  Path dir;

  static final String RU = "Президент Венесуэлы Николас Мадуро обратился к России с просьбой о военной помощи. "
      + "Москва обещала поставить ракеты, радары и истребители, сообщает агентство. ";
  static final String UK = "Президент Венесуели Ніколас Мадуро звернувся до Росії з проханням про військову "
      + "допомогу. Москва пообіцяла поставити ракети, радари та винищувачі. ";

  private final SparkSession spark = SparkTestSession.get();

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve("in").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private Map<String, String> outcomes(RunResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row row : spark.sql("SELECT regexp_extract(source_ref, '([^/#]+)$', 1), 'stored:' || lang || ':' "
        + "|| coalesce(source_encoding, '') || ':' || concat_ws('+', quality_flags) FROM news.articles "
        + "WHERE last_run_id = '" + r.runId() + "' UNION ALL SELECT regexp_extract(source_ref, '([^/#]+)$', 1), "
        + "'quarantine:' || reason FROM news.quarantine WHERE run_id = '" + r.runId() + "'").collectAsList()) {
      out.merge(row.getString(0), row.getString(1),
          (a, b) -> String.join("|", new java.util.TreeSet<>(List.of(a, b))));
    }
    return out;
  }

  @Test
  void textFilesOfEveryKindLandWhereTheyShould() throws Exception {
    write("utf8.txt", ("Мадуро просит помощи\n" + RU.repeat(3)).getBytes(StandardCharsets.UTF_8));
    write("cp1251.txt", ("Статья в кодировке 1251\n" + RU.repeat(4)).getBytes(Charset.forName("windows-1251")));
    write("koi8r.txt", ("Статья в кодировке KOI8-R\n" + RU.repeat(4)).getBytes(Charset.forName("KOI8-R")));
    write("utf16bom.txt", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        ("Стаття в UTF-16\n" + UK.repeat(2)).getBytes(StandardCharsets.UTF_16LE)));
    write("utf8bom.txt", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        ("Стаття з BOM\n" + UK.repeat(2)).getBytes(StandardCharsets.UTF_8)));
    write("empty.txt", new byte[0]);
    write("blank.txt", " \n\t\n   \n".getBytes(StandardCharsets.UTF_8));
    write("page.html", ("<!DOCTYPE html><html><head><title>Мадуро и ракеты</title><script>var jwplayer=1;</script>"
        + "</head><body><nav>Главная | Мир</nav><p>" + RU + "</p><p>" + RU + "</p></body></html>")
        .getBytes(StandardCharsets.UTF_8));
    write("markup.html", "<html><head></head><body><div><br/></div></body></html>".getBytes(StandardCharsets.UTF_8));
    write("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H'});
    write("big.txt", ("Очень большая статья\n" + RU.repeat(40)).getBytes(StandardCharsets.UTF_8));
    write("z_copy.txt", ("Мадуро просит помощи\n" + RU.repeat(3)).getBytes(StandardCharsets.UTF_8));
    write("english.txt", ("Maduro asks Russia for help\nThe president of Venezuela asked Moscow for missiles, "
        + "radars and fighter jets, the agency reports.").getBytes(StandardCharsets.UTF_8));
    write("short.txt", "Мадуро.".getBytes(StandardCharsets.UTF_8));
    // a UTF-16 byte-order mark followed by an unpaired surrogate: no charset decodes it
    write("broken16.txt", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41, 0x00, 0x00, (byte) 0xD8, 0x41, 0x00});
    write(".hidden.txt", "skipped like every Spark input".getBytes(StandardCharsets.UTF_8));

    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(dir.resolve("in").toString(),
        dir.resolve("wh").toString(), Map.of("input.max-file-bytes", "8000", "topics.max-iterations", "5")));

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("utf8.txt", "stored:ru:UTF-8:");
    expected.put("cp1251.txt", "stored:ru:WINDOWS-1251:");
    expected.put("koi8r.txt", "stored:ru:KOI8-R:");
    expected.put("utf16bom.txt", "stored:uk:UTF-16LE:");
    expected.put("utf8bom.txt", "stored:uk:UTF-8:");
    expected.put("empty.txt", "quarantine:empty_text");
    expected.put("blank.txt", "quarantine:empty_text");
    expected.put("page.html", "stored:ru:UTF-8:html_stripped");
    expected.put("markup.html", "quarantine:empty_text");
    expected.put("image.png", "quarantine:binary_file");
    expected.put("big.txt", "quarantine:too_large");
    expected.put("z_copy.txt", "quarantine:duplicate_content");
    expected.put("english.txt", "stored:other:UTF-8:not_modelled_language");
    expected.put("short.txt", "stored:ru:UTF-8:too_few_terms");
    expected.put("broken16.txt", "quarantine:undecodable");
    assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(outcomes(r)));

    Map<String, Double> m = r.metrics();
    assertEquals(15.0, m.get("input_records"));
    assertEquals(m.get("input_records"), m.get("articles") + m.get("quarantined"));
    assertEquals(3.0, m.get("quarantined_empty_text"));

    Row cp = spark.sql("SELECT title, text FROM news.articles WHERE source_ref LIKE '%cp1251.txt'").first();
    assertEquals("Статья в кодировке 1251", cp.getString(0));
    assertTrue(cp.getString(1).contains("истребители"), "decoded, not mojibake");
    Row html = spark.sql("SELECT title, text FROM news.articles WHERE source_ref LIKE '%page.html'").first();
    assertEquals("Мадуро и ракеты", html.getString(0));
    assertFalse(html.getString(1).contains("<") || html.getString(1).contains("jwplayer"), html.getString(1));
    Row q = spark.sql("SELECT message, raw_sample FROM news.quarantine WHERE source_ref LIKE '%z_copy.txt'").first();
    assertTrue(q.getString(0).contains("utf8.txt"), "names the article it duplicates: " + q.getString(0));
    assertTrue(spark.sql("SELECT message FROM news.quarantine WHERE source_ref LIKE '%big.txt'").first()
        .getString(0).contains("input.max-file-bytes"));
    assertTrue(r.summary().contains("quarantined by reason"), r.summary());
  }

  @Test
  void recordsOfEveryKindLandWhereTheyShould() throws Exception {
    String good = RU.replace("\"", "");
    byte[] jsonl = String.join("\n",
        "{\"id\": \"ok\", \"title\": \"Мадуро\", \"text\": \"" + good + "\", \"date\": \"2024-09-01\"}",
        "{\"id\": \"dmy\", \"text\": \"" + UK + "\", \"date\": \"01.09.2024\"}",
        "{\"id\": \"baddate\", \"text\": \"" + good + " Второй текст.\", \"date\": \"вчера\"}",
        "{\"id\": \"notext\", \"title\": \"Только заголовок\"}",
        "{\"id\": \"ok\", \"text\": \"Та же id, другой текст о санкциях против Венесуэлы и нефти.\"}",
        "{\"id\": \"broken\", \"text\": \"" + good,
        "[\"an\", \"array\"]",
        "",
        "{\"id\": \"nested\", \"text\": \"" + UK + " Ще.\", \"tags\": {\"a\": [1, 2]}}").getBytes(StandardCharsets.UTF_8);
    byte[] invalidUtf8 = concat("\n{\"id\": \"bytes\", \"text\": \"".getBytes(StandardCharsets.UTF_8),
        concat(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "\"}\n".getBytes(StandardCharsets.UTF_8)));
    Path file = write("records.jsonl", concat(jsonl, invalidUtf8));

    RunResult r = SparkTestSession.quickRun(file.toString(), dir.resolve("wh").toString());
    Map<String, String> got = outcomes(r);
    assertEquals("quarantine:duplicate_id|stored:ru:UTF-8:", got.get("ok"), "the first 'ok' stored, the second not");
    assertEquals("Мадуро", spark.sql("SELECT title FROM news.articles WHERE source_ref = 'ok'").first().getString(0));
    assertEquals("stored:uk:UTF-8:", got.get("dmy"));
    assertEquals("stored:ru:UTF-8:unparsable_date", got.get("baddate"));
    assertEquals("quarantine:empty_text", got.get("notext"));
    assertEquals("stored:uk:UTF-8:", got.get("nested"));
    assertEquals("quarantine:undecodable", got.get("bytes"));
    assertEquals(2, spark.sql("SELECT * FROM news.quarantine WHERE reason = 'malformed_record' AND run_id = '"
        + r.runId() + "'").count());
    assertEquals(1, spark.sql("SELECT * FROM news.quarantine WHERE reason = 'duplicate_id' AND run_id = '"
        + r.runId() + "'").count());
    assertEquals(9.0, r.metrics().get("input_records"), "8 non-blank lines plus the invalid-bytes line");
    assertEquals(r.metrics().get("input_records"), r.metrics().get("articles") + r.metrics().get("quarantined"));
    assertEquals(List.of("[2024-09-01,2024-09-01,null,вчера]"), SparkTestSession.sortedRows(spark.sql(
        "SELECT max(CASE WHEN source_ref = 'ok' THEN published_date END), "
            + "max(CASE WHEN source_ref = 'dmy' THEN published_date END), "
            + "max(CASE WHEN source_ref = 'baddate' THEN published_date END), "
            + "max(CASE WHEN source_ref = 'baddate' THEN metadata['unparsed_date'] END) FROM news.articles")));
    assertEquals("{\"a\":[1,2]}", spark.sql("SELECT metadata['tags'] FROM news.articles WHERE source_ref = 'nested'")
        .first().getString(0));
  }

  @Test
  void csvRowsOfTheWrongWidthAreQuarantined() throws Exception {
    Path csv = write("in.csv", ("id,title,text\n"
        + "c1,Мадуро,\"" + RU + "\nвторая строка\"\n"
        + "c2,Лишняя,колонка,здесь\n"
        + "c3,Санкции,\"" + UK + "\"\n").getBytes(StandardCharsets.UTF_8));
    RunResult r = SparkTestSession.quickRun(csv.toString(), dir.resolve("wh").toString());
    assertEquals(3.0, r.metrics().get("input_records"));
    assertEquals(1.0, r.metrics().get("quarantined_malformed_record"));
    assertTrue(spark.sql("SELECT raw_sample FROM news.quarantine WHERE reason = 'malformed_record'").first()
        .getString(0).contains("Лишняя"));
  }

  @Test
  void csvQuoteLeftOpenQuarantinesOneRecordAndStoresTheRowsAfterIt() throws Exception {
    Path csv = write("open.csv", ("id,title,text\n"
        + "c1,Мадуро,\"" + RU + "без закрывающей кавычки\n"
        + "c2,Помощь,\"" + RU + "второй\"\n"
        + "c3,Допомога," + UK.replace(",", "") + "третій\n"
        + "c4,Санкции,\"" + RU + "четвёртый\"\n").getBytes(StandardCharsets.UTF_8));
    RunResult r = SparkTestSession.quickRun(csv.toString(), dir.resolve("wh").toString());
    assertEquals(4.0, r.metrics().get("input_records"));
    assertEquals(3.0, r.metrics().get("articles"));
    assertEquals(1.0, r.metrics().get("quarantined"));
    assertEquals(1.0, r.metrics().get("quarantined_malformed_record"));
    assertEquals(List.of("[c2]", "[c3]", "[c4]"), SparkTestSession.sortedRows(spark.sql(
        "SELECT source_ref FROM news.articles WHERE last_run_id = '" + r.runId() + "'")));
    String message = spark.sql("SELECT message FROM news.quarantine WHERE run_id = '" + r.runId() + "'").first()
        .getString(0);
    assertTrue(message.contains("line 2 of") && message.contains("open.csv"), message);
  }
}
