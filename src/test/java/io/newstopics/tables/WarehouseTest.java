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
  void replaceRunAndMergeAreIdempotent() {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = Warehouse.create(spark, dir.resolve("wh").toString());
    Dataset<Row> topics = spark.sql("SELECT 'r1' AS run_id, id AS topic_id, 1 AS term_rank, 'санкции' AS term "
        + "FROM range(3)");
    w.replaceRun(Tables.TOPICS, "r1", topics);
    w.replaceRun(Tables.TOPICS, "r1", topics);
    w.replaceRun(Tables.TOPICS, "r2", topics.selectExpr("'r2' AS run_id", "topic_id", "term_rank", "term"));
    assertEquals(6, spark.sql("SELECT * FROM news.topics").count());

    Dataset<Row> a = spark.sql("SELECT 'id1' AS article_id, 'T' AS title, 'h1' AS content_hash");
    w.merge(Tables.ARTICLES, a, "t.content_hash <> s.content_hash", List.of());
    w.merge(Tables.ARTICLES, a, "t.content_hash <> s.content_hash", List.of());
    w.merge(Tables.ARTICLES, spark.sql("SELECT 'id1' AS article_id, 'T2' AS title, 'h2' AS content_hash"),
        "t.content_hash <> s.content_hash", List.of());
    assertEquals(List.of("[id1,T2]"), SparkTestSession.sortedRows(spark.sql("SELECT article_id, title FROM news.articles")));
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
