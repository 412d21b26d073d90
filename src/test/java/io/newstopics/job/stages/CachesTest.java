package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The run's caches ({@link Caches}), the text stage's and the modelled articles' partitions
 * ({@link Partitions#sized}, {@link Partitions#byContent}). */
class CachesTest {
  private final SparkSession spark = SparkTestSession.get();

  /** Caches stacked five deep, each read twice by the next: the plan's text stays the size of one level. */
  @Test
  void cachesOnCachesKeepTheirPlansSmall() {
    try (Caches cached = new Caches()) {
      Dataset<Row> d = cached.keep(spark.range(100).withColumn("k", col("id").mod(7)));
      int oneLevel = plan(d).length();
      for (int level = 0; level < 5; level++) {
        Dataset<Row> left = d.select(col("id"), col("k"));
        Dataset<Row> right = d.select(col("id").as("id2"), col("k"));
        d = cached.keep(left.join(right, "k").where(col("id").leq(col("id2"))).select("id", "k")
            .dropDuplicates("id"));
      }
      assertEquals(100, d.count(), "the rows survive the stack of caches");
      assertTrue(d.where(col("k").equalTo(3)).count() > 0);
      // a join of two reads of the last cache: without detaching, every level would print the one below it twice
      int top = plan(d.as("a").join(d.as("b"), "id")).length();
      assertTrue(top < 20 * oneLevel, "plan text " + top + " chars vs " + oneLevel + " for one cache");
      assertEquals(6, cached.size(), "every cache is listed for the end of the run");
    }
  }

  @Test
  void theTextStageGetsAtMostFiveThousandArticlesPerPartitionInAMultipleOfTheCores() {
    Dataset<Row> records = spark.range(0, 12_001, 1, 2).withColumn("article_id", col("id").cast("string"));
    Dataset<Row> sized = Partitions.sized(records, 12_001);
    assertEquals(4, sized.javaRDD().getNumPartitions(), "3 tasks' worth on the test session's 2 cores: 4");
    assertEquals(12_001, sized.count());
    Dataset<Row> small = spark.range(0, 100, 1, 2).withColumn("article_id", col("id").cast("string"));
    assertEquals(2, Partitions.sized(small, 100).javaRDD().getNumPartitions(), "never fewer partitions");
    Dataset<Row> three = spark.range(0, 8_000, 1, 3).withColumn("article_id", col("id").cast("string"));
    assertEquals(2, Partitions.sized(three, 8_000).javaRDD().getNumPartitions(), "3 partitions on 2 cores: 2");
  }

  @Test
  void textTasksEndTogetherButKeepAThousandArticlesEach() {
    assertEquals(6, Partitions.balancedTasks(22_000, 2), "5 tasks' worth on 2 cores");
    assertEquals(80, Partitions.balancedTasks(400_000, 2));
    assertEquals(81, Partitions.balancedTasks(400_000, 3));
    assertEquals(5, Partitions.balancedTasks(22_000, 1));
    assertEquals(22, Partitions.balancedTasks(22_000, 200), "not 200 tasks of 110 articles");
    assertEquals(1, Partitions.balancedTasks(4_000, 8), "one task's worth stays one task");
  }

  @Test
  void theModelledArticlesGetAtMostFiveThousandPerPartitionToo() {
    Dataset<Row> docs = spark.range(0, 15_001, 1, 1).withColumn("content_hash", col("id").cast("string"));
    Dataset<Row> byContent = Partitions.byContent(docs, 15_001);
    assertEquals(4, byContent.javaRDD().getNumPartitions(), "15,001 articles: 4 partitions, more than the 2 shuffle"
        + " partitions of the test session");
    assertEquals(15_001, byContent.count());
    // 2,500 articles keep spark.sql.shuffle.partitions, all of them: adaptive execution would coalesce these small
    // rows into one partition, and the LDA fit, one task per partition, would run on one core
    Dataset<Row> small = Partitions.byContent(docs.limit(2_500), 2_500);
    assertEquals(2, small.javaRDD().getNumPartitions());
    assertEquals(2_500, small.count());
    // under 1,000 articles per partition: fewer partitions (one for 100)
    assertEquals(1, Partitions.byContent(docs.limit(100), 100).javaRDD().getNumPartitions());
  }

  private static String plan(Dataset<Row> d) {
    return d.queryExecution().executedPlan().toString();
  }
}
