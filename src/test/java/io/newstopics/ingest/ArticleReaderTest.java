package io.newstopics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigException;
import io.newstopics.config.JobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleReaderTest {
  @TempDir
  Path dir;

  private Dataset<Row> read(String input, Map<String, String> sets) {
    JobConfig cfg = SparkTestSession.config(input, dir.resolve("wh").toString(), sets);
    return ArticleReader.read(SparkTestSession.get(), cfg,
        InputFormat.resolve(SparkTestSession.get(), cfg.input(), cfg.format()));
  }

  @Test
  void textFolderGivesTitleDateAndText() {
    Dataset<Row> df = read("src/test/resources/golden/text", Map.of());
    assertEquals(SparkTestSession.sorted(
            "[2025-10-31,WP: Мадуро попросив у Путіна ракет,null]",
            "[null,Заголовок статьи,null]",
            "[null,null,empty_text]"),
        SparkTestSession.sortedRows(df.select("published_date", "title", "error")));
    Row dated = df.where("published_date IS NOT NULL").first();
    assertTrue(dated.<String>getAs("text").startsWith("WP: Мадуро"), dated.<String>getAs("text"));
    assertTrue(dated.<String>getAs("source_ref").endsWith("golden/text/uk/dated.txt"));
  }

  @Test
  void jsonLinesMapFieldsKeepTheRestAsMetadataAndFlagMalformedLines() {
    Dataset<Row> df = read("src/test/resources/golden/records.jsonl", Map.of());
    assertEquals(SparkTestSession.sorted(
            "[a1,Санкции США,ru,2024-09-01,rbc,Map(channel_rank -> 3, tags -> [\"x\",\"y\"]),null]",
            "[a2,Перша лінія тексту,null,null,null,Map(),null]",
            "[a3,null,null,null,null,Map(),empty_text]"),
        SparkTestSession.sortedRows(df.where("error IS NULL OR error <> 'malformed_record'")
            .select("source_ref", "title", "input_lang", "published_date", "source", "metadata", "error")));
    Row bad = df.where("error = 'malformed_record'").first();
    assertTrue(bad.<String>getAs("raw").startsWith("{not json"));
    assertTrue(bad.<String>getAs("source_ref").contains("records.jsonl#"));
  }

  @Test
  void idMayJoinSeveralFields() {
    Dataset<Row> df = read("src/test/resources/golden/records.jsonl",
        Map.of("input.fields.id", "[source, id]"));
    assertEquals(1, df.where("source_ref = 'rbc:a1'").count());
  }

  @Test
  void csvAndParquetReadTheSameRecords() throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "id,title,text,date,extra\n"
        + "c1,Заголовок,\"Текст, с запятой\nи новой строкой\",2024-10-02,e1\n");
    Dataset<Row> fromCsv = read(csv.toString(), Map.of());
    assertEquals(List.of("[c1,Заголовок,Текст, с запятой\nи новой строкой,2024-10-02,Map(extra -> e1)]"),
        SparkTestSession.sortedRows(fromCsv.select("source_ref", "title", "text", "published_date", "metadata")));

    SparkSession spark = SparkTestSession.get();
    Path parquet = dir.resolve("in.parquet");
    spark.sql("SELECT 'p1' AS id, 'Т' AS title, 'Текст статьи' AS text, 7 AS n")
        .write().parquet(parquet.toString());
    Dataset<Row> fromParquet = read(parquet.toString(), Map.of());
    assertEquals(List.of("[p1,Текст статьи,Map(n -> 7)]"),
        SparkTestSession.sortedRows(fromParquet.select("source_ref", "text", "metadata")));
  }

  private Path csvFile(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve("csv").resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  @Test
  void csvQuoteLeftOpenIsOneMalformedRecordAndTheRowsItWouldSwallowAreRead() throws Exception {
    Path csv = csvFile("open.csv", ("id,title,text\n"
        + "c1,Первый,\"текст без закрывающей кавычки\n"
        + "c2,Второй,второй текст\n"
        + "c3,Третий,\"третий \"\"текст\"\", в кавычках\"\n").getBytes(StandardCharsets.UTF_8));
    Dataset<Row> df = read(csv.toString(), Map.of());
    assertEquals(List.of("[c2,Второй,второй текст,null]", "[c3,Третий,третий \"текст\", в кавычках,null]"),
        SparkTestSession.sortedRows(df.where("error IS NULL").select("source_ref", "title", "text", "error")));
    List<Row> bad = df.where("error IS NOT NULL").select("error", "error_message", "raw").collectAsList();
    assertEquals(1, bad.size(), bad.toString());
    assertEquals(ArticleReader.MALFORMED, bad.get(0).getString(0));
    String message = bad.get(0).getString(1);
    assertTrue(message.contains("line 2 of ") && message.contains("open.csv"), message);
    assertEquals("c1,Первый,\"текст без закрывающей кавычки", bad.get(0).getString(2));
  }

  @Test
  void csvClosingQuoteFollowedByTextIsMalformedAndTheNextRowsAreRead() throws Exception {
    Path csv = csvFile("stray.csv", ("id,title,text\n"
        + "c1,Первый,\"он сказал \"нет\" и ушёл\"\n"
        + "c2,Второй,\"две\nстроки\"\n"
        + "c3,Третий,\"кавычка открыта\nc4,Четвёртый,текст\n").getBytes(StandardCharsets.UTF_8));
    Dataset<Row> df = read(csv.toString(), Map.of());
    assertEquals(List.of("[c2,две\nстроки]", "[c4,текст]"),
        SparkTestSession.sortedRows(df.where("error IS NULL").select("source_ref", "text")));
    assertEquals(List.of("[2,malformed_record]", "[5,malformed_record]"), SparkTestSession.sortedRows(
        df.where("error IS NOT NULL").select(org.apache.spark.sql.functions.regexp_extract(
            org.apache.spark.sql.functions.col("error_message"), "at line (\\d+) of", 1), 
            org.apache.spark.sql.functions.col("error"))));
  }

  @Test
  void csvColumnsAreMatchedByEachFilesHeader() throws Exception {
    csvFile("a.csv", "id,title,text\na1,Заголовок А,Текст А\n".getBytes(StandardCharsets.UTF_8));
    csvFile("b.csv", "id,text,title,extra\nb1,Текст Б,Заголовок Б,x\n".getBytes(StandardCharsets.UTF_8));
    Dataset<Row> df = read(dir.resolve("csv").toString(), Map.of());
    assertEquals(List.of("[a1,Заголовок А,Текст А,Map()]", "[b1,Заголовок Б,Текст Б,Map(extra -> x)]"),
        SparkTestSession.sortedRows(df.select("source_ref", "title", "text", "metadata")));
  }

  @Test
  void csvQuotedMultiLineFieldsWithCrlfBomAndTheConfiguredDelimiterAreOneRecord() throws Exception {
    byte[] text = ("id;title;text\r\n"
        + "m1;Заголовок;\"Первая строка; с точкой с запятой\r\nи \"\"вторая\"\"\r\n\r\nтретья\"\r\n"
        + "\r\n"
        + "m2;\"\";\"Одна строка\"").getBytes(StandardCharsets.UTF_8);
    Path csv = csvFile("semi.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text));
    Dataset<Row> df = read(csv.toString(), Map.of("input.csv.delimiter", ";"));
    assertEquals(List.of("[m1,Заголовок,Первая строка; с точкой с запятой\nи \"вторая\"\n\nтретья,null]",
            "[m2,Одна строка,Одна строка,null]"),
        SparkTestSession.sortedRows(df.select("source_ref", "title", "text", "error")));
  }

  @Test
  void csvHeaderProblemsWrongWidthsAndBadBytesEachGiveOneRecord() throws Exception {
    csvFile("dup.csv", "id,text,text\nd1,один,два\nd2,три,четыре\n".getBytes(StandardCharsets.UTF_8));
    csvFile("only-header.csv", "id,title,text\r\n".getBytes(StandardCharsets.UTF_8));
    csvFile("blank-name.csv", "id,,text\ne1,x,Текст пустого имени\n".getBytes(StandardCharsets.UTF_8));
    csvFile("widths.csv", "id,text\nw1,Текст\nw2,Лишняя,колонка\nw3\n".getBytes(StandardCharsets.UTF_8));
    csvFile("bytes.csv", concat("id,text\nu1,Текст \"".getBytes(StandardCharsets.UTF_8),
        concat(new byte[] {(byte) 0xC3, (byte) 0x28}, "\"\nu2,Хороший текст\n".getBytes(StandardCharsets.UTF_8))));
    Dataset<Row> df = read(dir.resolve("csv").toString(), Map.of());
    List<String> got = SparkTestSession.sortedRows(df.select(org.apache.spark.sql.functions.regexp_extract(
            org.apache.spark.sql.functions.col("source_file"), "([^/]+)$", 1),
        org.apache.spark.sql.functions.coalesce(org.apache.spark.sql.functions.col("error"),
            org.apache.spark.sql.functions.col("text"))));
    assertEquals(SparkTestSession.sorted("[blank-name.csv,Текст пустого имени]", "[bytes.csv,undecodable]",
        "[bytes.csv,Хороший текст]", "[dup.csv,malformed_record]", "[dup.csv,malformed_record]",
        "[widths.csv,Текст]", "[widths.csv,malformed_record]", "[widths.csv,malformed_record]"), got);
    assertTrue(df.where("source_file LIKE '%dup.csv'").first().<String>getAs("error_message")
        .contains("names column 'text' twice"));
    assertEquals("x", df.where("source_ref = 'e1'").first().<scala.collection.Map<String, String>>getAs("metadata")
        .apply("_c1"));
    assertTrue(df.where("error = 'undecodable'").first().<String>getAs("error_message").contains("line 2 of"));
  }

  @Test
  void csvGzipIsReadAndABadDelimiterIsAClearError() throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write("id,text\ng1,\"Сжатый\nтекст\"\n".getBytes(StandardCharsets.UTF_8));
    }
    Path csv = csvFile("packed.csv.gz", gz.toByteArray());
    assertEquals(List.of("[g1,Сжатый\nтекст]"),
        SparkTestSession.sortedRows(read(csv.toString(), Map.of()).select("source_ref", "text")));
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> read(csv.toString(), Map.of("input.csv.delimiter", "\"")));
    assertTrue(e.getMessage().contains("input.csv.delimiter"), e.getMessage());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void missingInputIsAClearError() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> read(dir.resolve("nope").toString(), Map.of()));
    assertTrue(e.getMessage().contains("input not found"), e.getMessage());
  }

  @Test
  void formatIsGuessedFromFileNames() {
    assertEquals(InputFormat.JSONL, InputFormat.byName("telegram_news_ru.jsonl.gz"));
    assertEquals(InputFormat.CSV, InputFormat.byName("a.csv"));
    assertEquals(InputFormat.PARQUET, InputFormat.byName("part-0000.snappy.parquet"));
    assertEquals(InputFormat.TEXT, InputFormat.byName("000_abc.txt"));
    assertNull(null);
  }
  /**
   * {@link ArticleReader#trim} (Spark's character trim) removes what the former {@code regexp_replace(c,
   * '^\\s+|\\s+$', '')} removed, and nothing else: Java's regex white space only, not the no-break or em space,
   * on both ends, on nulls, blanks and random strings of letters and every kind of space. One difference, on
   * purpose: Java's {@code $} also matches before a final line terminator, so the regex removed white space
   * before a last U+0085, U+2028 or U+2029 (which it kept); now such a text keeps its white space.
   */
  @Test
  void trimIsTheFormerRegex() {
    SparkSession spark = SparkTestSession.get();
    List<String> texts = new java.util.ArrayList<>(java.util.Arrays.asList(null, "", " ", "\t\n\u000B\f\r ",
        "  Мадуро \n", "\u00A0Мадуро\u00A0", "\u2003 x \u2003", "\r\nрядок\r\n\r\n", "a\u001Cb\u001C",
        "\u0085x\u0085", "x\u000B", "\u000Bx", "ё\tщ \t"));
    String alphabet = "aZжЇ1 \t\n\u000B\f\r\u00A0\u2003\u0085\u3000";
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(b.toString());
    }
    Dataset<Row> df = spark.createDataset(texts, org.apache.spark.sql.Encoders.STRING()).toDF("s");
    org.apache.spark.sql.Column s = org.apache.spark.sql.functions.col("s");
    Dataset<Row> differ = df.select(s, ArticleReader.trim("`s`").as("now"),
            org.apache.spark.sql.functions.regexp_replace(s, "^\\s+|\\s+$", "").as("before"))
        .where("NOT (now <=> before)")
        .where("NOT (s RLIKE '[\\\\x{0085}\\\\x{2028}\\\\x{2029}]$')");
    assertEquals(List.of(), differ.collectAsList().stream().map(r -> java.util.stream.IntStream.range(0, 3)
        .mapToObj(i -> r.isNullAt(i) ? "null" : r.getString(i).chars().mapToObj(c -> String.format("%04x", c))
            .collect(java.util.stream.Collectors.joining(" "))).toList()).toList());
    assertEquals(List.of(), df.where(org.apache.spark.sql.functions.not(
        ArticleReader.blank("`s`").eqNullSafe(ArticleReader.trim("`s`").equalTo("")))).collectAsList(),
        "blank(s): trim(s) = ''");
    assertEquals(texts.size(), df.count());
    assertEquals(java.util.Set.of("x \u0085", "\u2028 y\t\u2029", "Мадуро"), java.util.Set.copyOf(spark
        .createDataset(List.of(" x \u0085", "\n\u2028 y\t\u2029", "\tМадуро\n\u000B"),
            org.apache.spark.sql.Encoders.STRING())
        .select(ArticleReader.trim("`value`"))
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
  }
}
