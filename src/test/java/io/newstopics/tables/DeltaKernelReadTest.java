package io.newstopics.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.newstopics.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables are open Delta tables: Delta Kernel, the reference reader that is not Spark, reads every one of them
 * (schema, row count, key values) exactly as Spark does. A table feature Kernel cannot read fails here.
 */
class DeltaKernelReadTest {
  /** The tables a default run over seeds/ leaves empty: the seeds are all good articles, and nothing is scored. */
  private static final Set<String> EMPTY_AFTER_SEEDS = Set.of("quarantine", "scored_articles");

  private static final Engine ENGINE = DefaultEngine.create(new Configuration());

  @TempDir
  Path dir;

  @Test
  void kernelReadsEveryTableAsSparkDoes() throws java.io.IOException {
    String warehouse = SparkTestSession.seedsWarehouse();
    SparkSession spark = SparkTestSession.get();
    // news.theme_evaluations is written by `evaluate`, not by a run: evaluate the run once
    Path labels = dir.resolve("labels.jsonl");
    java.nio.file.Files.writeString(labels,
        "{\"id\": \"001_0043cdf7d8d0b7ad.txt\", \"themes\": [\"military-aid\"]}\n"
            + "{\"id\": \"000_c0863a5619ddd9ef.txt\", \"themes\": []}\n");
    io.newstopics.themes.ThemeEvaluation.run(spark, warehouse, "latest", labels.toString());
    for (TableSpec t : Tables.ALL) {
      String path = warehouse + "/" + Tables.DATABASE + "/" + t.name();
      Snapshot snapshot = Table.forPath(ENGINE, path).getLatestSnapshot(ENGINE);

      List<String> kernelColumns = snapshot.getSchema().fields().stream().map(StructField::getName).toList();
      assertEquals(t.columnNames(), kernelColumns, t.name() + ": columns as Kernel sees them");
      assertEquals(t.partitionBy(), snapshot.getPartitionColumnNames(), t.name() + ": partition columns");

      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = spark.read().format("delta").load(path);
      long sparkCount = df.count();
      KernelRead read = readAll(path, t.keys());
      System.out.println("kernel read " + t.name() + " v" + snapshot.getVersion() + ": " + read.rows() + " rows");
      assertEquals(sparkCount, read.rows(), t.name() + ": rows read by Kernel vs Spark");
      if (EMPTY_AFTER_SEEDS.contains(t.name())) {
        assertEquals(0, sparkCount, t.name() + " should be empty after the seeds run");
      } else {
        assertTrue(sparkCount > 0, t.name() + " should have rows after the seeds run");
      }
      // the key values too, so a reader that counted right but decoded wrong (e.g. lost partition values) fails
      assertEquals(SparkTestSession.sortedRows(df.selectExpr(t.keys().toArray(String[]::new))), read.keys(),
          t.name() + ": key values read by Kernel vs Spark");
    }
  }

  /** The helper honours deletion vectors (the seeds tables have none): rows deleted through a DV are not counted. */
  @Test
  void kernelCountSkipsRowsDeletedThroughDeletionVectors() {
    SparkSession spark = SparkTestSession.get();
    String path = dir.resolve("dv").toString();
    spark.sql("CREATE TABLE delta.`" + path + "` (id BIGINT, part STRING) USING DELTA PARTITIONED BY (part) "
        + "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    spark.sql("INSERT INTO delta.`" + path + "` SELECT id, CAST(id % 2 AS STRING) FROM range(100)");
    spark.sql("DELETE FROM delta.`" + path + "` WHERE id % 10 = 3");
    long sparkCount = spark.read().format("delta").load(path).count();
    assertEquals(90, sparkCount);
    long dvFiles = spark.read().json(path + "/_delta_log/*.json")
        .where("add.deletionVector IS NOT NULL").count();
    assertTrue(dvFiles > 0, "the DELETE should have written deletion vectors, not rewritten files");
    assertEquals(sparkCount, readAll(path, List.of("id", "part")).rows());
  }

  /** What Kernel read from a table: the row count and the key columns of each row, as sorted "[a,b]" strings. */
  record KernelRead(long rows, List<String> keys) {}

  /**
   * Reads the latest snapshot of the Delta table at {@code path} the way a Kernel connector does: list the scan
   * files, read each one's physical data with the engine's Parquet reader, let {@link Scan#transformPhysicalData}
   * turn it into table rows (partition values, column mapping, deletion vectors as a selection vector), and keep
   * only the selected rows.
   */
  static KernelRead readAll(String path, List<String> keyColumns) {
    try {
      Snapshot snapshot = Table.forPath(ENGINE, path).getLatestSnapshot(ENGINE);
      Scan scan = snapshot.getScanBuilder().build();
      Row scanState = scan.getScanState(ENGINE);
      StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
      long rows = 0;
      List<String> keys = new ArrayList<>();
      try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(ENGINE)) {
        while (scanFiles.hasNext()) {
          try (CloseableIterator<Row> fileRows = scanFiles.next().getRows()) { // honours the scan files' selection
            while (fileRows.hasNext()) {
              Row scanFile = fileRows.next();
              FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
              CloseableIterator<ColumnarBatch> physical = ENGINE.getParquetHandler()
                  .readParquetFiles(singleton(file), physicalSchema, Optional.empty())
                  .map(FileReadResult::getData);
              try (CloseableIterator<FilteredColumnarBatch> data =
                       Scan.transformPhysicalData(ENGINE, scanState, scanFile, physical)) {
                while (data.hasNext()) {
                  FilteredColumnarBatch batch = data.next();
                  ColumnarBatch b = batch.getData();
                  int[] keyOrdinals = keyColumns.stream().mapToInt(c -> b.getSchema().indexOf(c)).toArray();
                  Optional<ColumnVector> selection = batch.getSelectionVector();
                  for (int i = 0; i < b.getSize(); i++) {
                    if (selection.isPresent() && (selection.get().isNullAt(i) || !selection.get().getBoolean(i))) {
                      continue; // deleted (deletion vector) or filtered out
                    }
                    rows++;
                    List<String> key = new ArrayList<>();
                    for (int k : keyOrdinals) {
                      key.add(value(b.getColumnVector(k), i));
                    }
                    keys.add("[" + String.join(",", key) + "]");
                  }
                }
              }
            }
          }
        }
      }
      Collections.sort(keys);
      return new KernelRead(rows, keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key value as Spark's Row.toString prints it (keys are STRING, INT or BIGINT). */
  private static String value(ColumnVector v, int row) {
    if (v.isNullAt(row)) {
      return "null";
    }
    DataType type = v.getDataType();
    if (type instanceof StringType) {
      return v.getString(row);
    } else if (type instanceof IntegerType) {
      return Integer.toString(v.getInt(row));
    } else if (type instanceof LongType) {
      return Long.toString(v.getLong(row));
    }
    throw new IllegalArgumentException("key column of type " + type + ": add it to DeltaKernelReadTest.value");
  }

  private static <T> CloseableIterator<T> singleton(T item) {
    return io.delta.kernel.internal.util.Utils.singletonCloseableIterator(item);
  }
}
