package io.newstopics.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest {
  @TempDir
  Path dir;

  @Test
  void createsEveryDeclaredTableWithCommentsAndRegistersIt() {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = Warehouse.create(spark, dir.resolve("wh").toString());
    for (TableSpec t : Tables.ALL) {
      assertTrue(Files.isDirectory(dir.resolve("wh/news/" + t.name() + "/_delta_log")), t.name());
      List<Row> cols = spark.sql("DESCRIBE TABLE " + t.qualifiedName()).collectAsList();
      for (TableSpec.Column c : t.columns()) {
        Row described = cols.stream().filter(r -> r.getString(0).equals(c.name())).findFirst().orElseThrow();
        assertEquals(c.comment(), described.getString(2), t.name() + "." + c.name());
      }
      String comment = spark.sql("DESCRIBE DETAIL delta.`" + w.path(t) + "`").first().getAs("description");
      assertEquals(t.comment(), comment);
    }
    assertEquals(0, spark.sql("SELECT * FROM news.current_topics").count());
  }

  @Test
  void aRunWritesFewFilesAndMergedTablesAreCompacted() {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = Warehouse.create(spark, dir.resolve("wh").toString());
    String path = w.path(Tables.TOPICS);
    assertEquals("true", property(spark, path, "delta.autoOptimize.optimizeWrite"));
    assertEquals("false", property(spark, path, "delta.autoOptimize.autoCompact"));
    assertEquals("true", property(spark, w.path(Tables.ARTICLES), "delta.autoOptimize.autoCompact"));
    // optimized writes: a slice computed in 4 tasks is one file, and nothing runs after it
    for (int run = 1; run <= 3; run++) {
      w.appendRun(Tables.TOPICS, "r" + run, spark.sql("SELECT 'r" + run + "' AS run_id, id AS topic_id, "
          + "1 AS term_rank, 'нефть' AS term FROM range(0, 8, 1, 4)"));
    }
    assertEquals(3L, spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first().<Long>getAs("numFiles"));
    assertEquals(0, operations(spark, path).stream().filter(o -> o.equals("OPTIMIZE")).count());
    assertEquals(24, spark.sql("SELECT * FROM news.topics").count());
    // the MERGE table is compacted once it has minNumFiles small files (50 by default; 3 here): each MERGE adds one
    String key = "spark.databricks.delta.autoCompact.minNumFiles";
    spark.conf().set(key, "3");
    try {
      for (int batch = 0; batch < 4; batch++) {
        w.merge(Tables.ARTICLES, spark.sql("SELECT concat('id', id) AS article_id, 'T' AS title, "
            + "concat('h', id) AS content_hash FROM range(" + batch * 10 + ", " + (batch + 1) * 10 + ", 1, 4)"),
            "t.content_hash <> s.content_hash", List.of());
      }
    } finally {
      spark.conf().unset(key);
    }
    String articles = w.path(Tables.ARTICLES);
    assertTrue(operations(spark, articles).contains("OPTIMIZE"), operations(spark, articles).toString());
    long files = spark.sql("DESCRIBE DETAIL delta.`" + articles + "`").first().getAs("numFiles");
    assertTrue(files < 4, "4 MERGEs of one file each compacted: " + files + " files");
    assertEquals(40, spark.sql("SELECT * FROM news.articles").count());

    // tables of an older warehouse: missing properties are set, auto compaction an older version set on a run
    // table is turned off, and one set to false on the MERGE table stays false
    spark.sql("ALTER TABLE delta.`" + path + "` UNSET TBLPROPERTIES ('delta.autoOptimize.optimizeWrite')");
    spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('delta.autoOptimize.autoCompact' = 'true')");
    spark.sql("ALTER TABLE delta.`" + articles + "` SET TBLPROPERTIES ('delta.autoOptimize.autoCompact' = 'false')");
    Warehouse.create(spark, dir.resolve("wh").toString());
    assertEquals("true", property(spark, path, "delta.autoOptimize.optimizeWrite"));
    assertEquals("false", property(spark, path, "delta.autoOptimize.autoCompact"));
    assertEquals("false", property(spark, articles, "delta.autoOptimize.autoCompact"));
  }

  /**
   * Delta keeps file statistics of the MERGE tables' keys and filter columns only, and of no column of a run-scoped
   * table (but the row count); an older table without the property gets it.
   */
  @Test
  void statisticsOnlyForKeysAndFilterColumns() {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = Warehouse.create(spark, dir.resolve("wh").toString());
    assertEquals(List.of(), Tables.ARTICLE_TERMS.statsColumns());
    assertEquals(List.of("article_id", "lang", "published_date", "source", "term_count", "updated_at",
        "last_run_id"), Tables.ARTICLES.statsColumns());
    String terms = w.path(Tables.ARTICLE_TERMS);
    w.appendRun(Tables.ARTICLE_TERMS, "r1", spark.sql("SELECT 'r1' AS run_id, concat('a', id) AS article_id, "
        + "1 AS term_rank, 'нефть' AS term, 'нефт' AS stem, 0.5 AS tfidf FROM range(0, 8, 1, 2)"));
    w.merge(Tables.ARTICLES, spark.sql("SELECT concat('id', id) AS article_id, 'T' AS title, 'текст' AS text, "
        + "'ru' AS lang, concat('h', id) AS content_hash FROM range(0, 10, 1, 2)"), "t.content_hash <> s.content_hash",
        List.of());
    assertEquals(java.util.Set.of(), statsColumns(spark, terms));
    assertEquals(8L, spark.read().json(terms + "/_delta_log/*.json").where("add IS NOT NULL")
        .select(org.apache.spark.sql.functions.get_json_object(org.apache.spark.sql.functions.col("add.stats"),
            "$.numRecords").cast("long")).as(org.apache.spark.sql.Encoders.LONG()).collectAsList().stream()
        .mapToLong(Long::longValue).sum());
    assertEquals(java.util.Set.of("article_id", "lang", "published_date", "source", "term_count", "updated_at",
        "last_run_id"), statsColumns(spark, w.path(Tables.ARTICLES)));
    String articles = w.path(Tables.ARTICLES);
    spark.sql("ALTER TABLE delta.`" + terms + "` UNSET TBLPROPERTIES ('delta.dataSkippingNumIndexedCols')");
    spark.sql("ALTER TABLE delta.`" + articles + "` UNSET TBLPROPERTIES ('delta.dataSkippingStatsColumns')");
    Warehouse.create(spark, dir.resolve("wh").toString());
    assertEquals("0", property(spark, terms, "delta.dataSkippingNumIndexedCols"));
    assertEquals("article_id,lang,published_date,source,term_count,updated_at,last_run_id",
        property(spark, articles, "delta.dataSkippingStatsColumns"));
  }

  /** The columns of nullCount in the statistics of the files the table's log adds. */
  private static java.util.Set<String> statsColumns(SparkSession spark, String path) {
    return new java.util.HashSet<>(spark.read().json(path + "/_delta_log/*.json").where("add IS NOT NULL")
        .select(org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.map_keys(
            org.apache.spark.sql.functions.from_json(org.apache.spark.sql.functions.col("add.stats"),
                org.apache.spark.sql.types.DataType.fromDDL("minValues MAP<STRING, STRING>, "
                    + "nullCount MAP<STRING, STRING>")).getField("nullCount"))))
        .distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  private static String property(SparkSession spark, String path, String key) {
    return spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`").where(org.apache.spark.sql.functions.col("key")
        .equalTo(key)).first().getString(1);
  }

  private static List<String> operations(SparkSession spark, String path) {
    return spark.sql("DESCRIBE HISTORY delta.`" + path + "`").select("operation").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /**
   * A run's slice is its rows under its run_id, whatever run_id they came with, next to the other runs' slices; a
   * MERGE table refuses a slice. MERGE is idempotent.
   */
  @Test
  void aRunAppendsItsSliceAndMergeIsIdempotent() {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = Warehouse.create(spark, dir.resolve("wh").toString());
    Dataset<Row> topics = spark.sql("SELECT 'r1' AS run_id, id AS topic_id, 1 AS term_rank, 'санкции' AS term "
        + "FROM range(3)");
    w.appendRun(Tables.TOPICS, "r1", topics);
    w.appendRun(Tables.TOPICS, "r2", topics); // rows of r1 given as r2's slice: stored under r2
    assertEquals(List.of("[r1,3]", "[r2,3]"), SparkTestSession.sortedRows(
        spark.sql("SELECT run_id, count(*) FROM news.topics GROUP BY run_id")));
    assertEquals(List.of("[r2,0,санкции]", "[r2,1,санкции]", "[r2,2,санкции]"), SparkTestSession.sortedRows(
        spark.sql("SELECT run_id, topic_id, term FROM news.topics WHERE run_id = 'r2'")));
    assertThrows(IllegalStateException.class, () -> w.appendRun(Tables.ARTICLES, "r1", topics));

    Dataset<Row> a = spark.sql("SELECT 'id1' AS article_id, 'T' AS title, 'h1' AS content_hash");
    w.merge(Tables.ARTICLES, a, "t.content_hash <> s.content_hash", List.of());
    w.merge(Tables.ARTICLES, a, "t.content_hash <> s.content_hash", List.of());
    w.merge(Tables.ARTICLES, spark.sql("SELECT 'id1' AS article_id, 'T2' AS title, 'h2' AS content_hash"),
        "t.content_hash <> s.content_hash", List.of());
    assertEquals(List.of("[id1,T2]"), SparkTestSession.sortedRows(spark.sql("SELECT article_id, title FROM news.articles")));
  }

  @Test
  void appendRunsWritesSeveralTablesAtOnceAndReportsAFailedOneAfterTheOthers() {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = Warehouse.create(spark, dir.resolve("wh").toString());
    java.util.Map<TableSpec, Dataset<Row>> slices = new java.util.LinkedHashMap<>();
    slices.put(Tables.TOPICS, spark.sql("SELECT 'r1' AS run_id, id AS topic_id, 1 AS term_rank, 'нефть' AS term "
        + "FROM range(3)"));
    slices.put(Tables.VOCABULARY, spark.sql("SELECT 'r1' AS run_id, id AS term_index, concat('s', id) AS stem, 'x' AS term "
        + "FROM range(5)"));
    slices.put(Tables.ARTICLE_TOPICS, spark.sql("SELECT 'r1' AS run_id, concat('a', id) AS article_id, 0 AS topic_id, "
        + "1.0D AS probability FROM range(7)"));
    slices.put(Tables.ARTICLE_LINKS, spark.sql("SELECT 'r1' AS run_id, 'a' AS article_id, concat('b', id) AS linked_article_id, "
        + "0.5D AS similarity FROM range(2)"));
    w.appendRuns("r1", slices);
    assertEquals(List.of("[article_links,2]", "[article_topics,7]", "[topics,3]", "[vocabulary,5]"),
        SparkTestSession.sortedRows(spark.sql("SELECT 'topics', count(*) FROM news.topics UNION ALL "
            + "SELECT 'vocabulary', count(*) FROM news.vocabulary UNION ALL "
            + "SELECT 'article_topics', count(*) FROM news.article_topics UNION ALL "
            + "SELECT 'article_links', count(*) FROM news.article_links")));

    // one write fails at run time (assert_true on its rows): the others of the batch still land
    java.util.Map<TableSpec, Dataset<Row>> withBad = new java.util.LinkedHashMap<>();
    withBad.put(Tables.TOPICS, spark.sql("SELECT 'r2' AS run_id, id AS topic_id, 1 AS term_rank, 't' AS term "
        + "FROM range(2)"));
    withBad.put(Tables.VOCABULARY, spark.sql("SELECT 'r2' AS run_id, id AS term_index, "
        + "concat('s', assert_true(id < 0, 'bad row')) AS stem, 'x' AS term FROM range(5)"));
    withBad.put(Tables.ARTICLE_TOPICS, spark.sql("SELECT 'r2' AS run_id, concat('a', id) AS article_id, "
        + "0 AS topic_id, 1.0D AS probability FROM range(4)"));
    Exception e = assertThrows(Exception.class, () -> w.appendRuns("r2", withBad));
    // (an optimized write runs the rows in a shuffle stage first: the row's error is a cause of Spark's)
    StringBuilder messages = new StringBuilder();
    for (Throwable c = e; c != null && messages.length() < 100_000; c = c.getCause()) {
      messages.append(c.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("bad row"), e.toString());
    assertEquals(2, spark.sql("SELECT * FROM news.topics WHERE run_id = 'r2'").count());
    assertEquals(4, spark.sql("SELECT * FROM news.article_topics WHERE run_id = 'r2'").count());
    assertEquals(0, spark.sql("SELECT * FROM news.vocabulary WHERE run_id = 'r2'").count());
  }

  @Test
  void openingAWarehouseThatIsNotThereSaysSo() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Warehouse.open(SparkTestSession.get(), dir.resolve("none").toString()));
    assertTrue(e.getMessage().contains("no news-topics warehouse"), e.getMessage());
  }

  @Test
  void aWarehouseThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThrows(ConfigException.class, () -> Warehouse.create(SparkTestSession.get(), file.toString()));
  }
}
