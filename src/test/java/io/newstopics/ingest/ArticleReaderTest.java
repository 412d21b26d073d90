package io.newstopics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigException;
import io.newstopics.config.JobConfig;
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
}
