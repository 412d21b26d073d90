package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The run the crash tests start in a child JVM, and what they assert of the warehouse afterwards. */
final class CrashChecks {
  private CrashChecks() {}

  /** A run over seeds/ with few LDA iterations, as the CLI's arguments. */
  static String[] quickRunArgs(Path wh) {
    return new String[] {"run", "--input", "seeds", "--warehouse", wh.toString(),
        "--set", "topics.max-iterations=5"};
  }

  /**
   * Every table readable, the five seed articles once each, every table's rows unique on its keys, and the current_
   * views showing one complete, succeeded run.
   */
  static void assertConsistent(SparkSession spark, Path wh) {
    Warehouse.open(spark, wh.toString());
    for (TableSpec t : Tables.ALL) {
      spark.sql("SELECT count(*) FROM " + t.qualifiedName()).first(); // every table readable
    }
    assertEquals(5, spark.sql("SELECT * FROM news.articles").count());
    assertEquals(5, spark.sql("SELECT DISTINCT article_id FROM news.articles").count());
    // each table's rows are unique on its keys, in every run
    for (TableSpec t : List.of(Tables.TOPICS, Tables.ARTICLE_TOPICS, Tables.ARTICLE_THEMES, Tables.ARTICLE_TERMS,
        Tables.VOCABULARY, Tables.RUNS)) {
      String keys = String.join(", ", t.keys());
      assertEquals(0, spark.sql("SELECT " + keys + " FROM " + t.qualifiedName() + " GROUP BY " + keys
          + " HAVING count(*) > 1").count(), t.name());
    }
    // the current views show one complete, successful run
    Row current = spark.sql("SELECT DISTINCT run_id FROM news.current_topics").first();
    Row run = spark.sql("SELECT status, metrics['topics_k'] FROM news.runs WHERE run_id = '" + current.getString(0)
        + "'").first();
    assertEquals("succeeded", run.getString(0));
    assertEquals((long) (run.getDouble(1) * 15), spark.sql("SELECT * FROM news.current_topics").count());
    assertEquals(5, spark.sql("SELECT * FROM news.current_article_topics WHERE is_dominant").count());
  }
}
