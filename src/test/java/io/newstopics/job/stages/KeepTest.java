package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link Caches#keep}: what the run caches is a Dataset's rows under a plan of one scan of them. */
class KeepTest {
  private final SparkSession spark = SparkTestSession.get();

  /** Strings (Cyrillic, empty, null), arrays, maps, a vector, a date and numbers, after a shuffle and a join. */
  private Dataset<Row> varied() {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType)
        .add("terms", DataTypes.createArrayType(DataTypes.StringType))
        .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("tf", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
        .add("n", DataTypes.LongType);
    List<Row> rows = List.of(
        RowFactory.create("a", List.of("санкции", "нефть"), java.util.Map.of("source", "ТАСС"),
            Vectors.sparse(5, new int[] {1, 3}, new double[] {2, 1}), 7L),
        RowFactory.create("b", List.of(), java.util.Map.of(), Vectors.dense(0.5, 1.5), null),
        RowFactory.create("c", null, null, null, 9L),
        RowFactory.create("", java.util.Arrays.asList("опозиція", null), java.util.Map.of("k", ""),
            Vectors.sparse(5, new int[0], new double[0]), -1L));
    Dataset<Row> base = spark.createDataFrame(rows, schema).repartition(2, col("id"));
    Dataset<Row> other = spark.createDataFrame(List.of(RowFactory.create("a", "2025-01-03"),
            RowFactory.create("c", "2026-11-24")),
        new StructType().add("id", DataTypes.StringType).add("day", DataTypes.StringType));
    return base.join(other, base.col("id").equalTo(other.col("id")), "left").drop(other.col("id"))
        .withColumn("day", col("day").cast("date"));
  }

  @Test
  void aKeptDatasetHasTheSameRowsUnderOneScan() {
    Dataset<Row> d = varied();
    Caches cached = new Caches();
    Dataset<Row> detached = cached.keep(d);
    assertEquals(1, cached.size());
    assertEquals(d.schema(), detached.schema());
    assertEquals(SparkTestSession.sortedRows(d), SparkTestSession.sortedRows(detached));
    String plan = detached.queryExecution().optimizedPlan().toString();
    // cached: an InMemoryRelation over a scan of the rows (LogicalRDD, printed as "Scan ExistingRDD")
    assertTrue((plan.contains("LogicalRDD") || plan.contains("ExistingRDD")) && !plan.contains("Join")
            && !plan.contains("Repartition"),
        "one scan of the rows, not the plan that made them: " + plan);
    // and it is cached, filtered and joined like any Dataset
    Dataset<Row> kept = detached;
    assertTrue(kept.storageLevel().useMemory(), "persisted");
    try {
      assertEquals(1, kept.where(org.apache.spark.sql.functions.array_contains(col("terms"), "опозиція")).count());
      assertEquals(SparkTestSession.sorted("[a,2025-01-03]", "[c,2026-11-24]", "[b,null]", "[,null]"),
          SparkTestSession.sortedRows(kept.select("id", "day")));
    } finally {
      cached.close();
    }
  }
}
