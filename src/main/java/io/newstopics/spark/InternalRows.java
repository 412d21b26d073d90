package io.newstopics.spark;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A Dataset's rows under a plan of one scan of them, kept in Spark's internal form (UTF8String, ArrayData, ...):
 * without the conversion to Java Rows and back that {@code javaRDD} and {@code createDataFrame} do for every row.
 *
 * <p>A Dataset is made by {@code SparkSession.internalCreateDataFrame}, what {@code createDataFrame} ends in: Spark's
 * own method, public in its bytecode, but a member of the classic SparkSession, which is a different class in Spark
 * 3.5 ({@code org.apache.spark.sql}) and 4.x ({@code org.apache.spark.sql.classic}): it is looked up on the session's
 * class, once per class.
 */
public final class InternalRows {
  private InternalRows() {}

  private static final ClassValue<MethodHandle> CREATE = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      for (java.lang.reflect.Method m : type.getMethods()) {
        if (m.getName().equals("internalCreateDataFrame") && m.getParameterCount() == 3) {
          try {
            return MethodHandles.publicLookup().unreflect(m);
          } catch (IllegalAccessException e) {
            break;
          }
        }
      }
      throw new IllegalStateException(type.getName() + " has no public internalCreateDataFrame: this Spark version is"
          + " not one news-topics was built for (pom.xml: Spark 4.1, or the spark-3.5 profile)");
    }
  };

  /**
   * The rows of {@code d}, computed by its plan whenever the RDD is read. Spark may reuse one row object for the next
   * row: a row kept beyond the iteration that read it must be {@code copy()}'d.
   */
  private static RDD<InternalRow> of(Dataset<Row> d) {
    return d.queryExecution().toRdd();
  }

  /** A Dataset of {@code rows}, which must hold {@code schema}'s types in Spark's internal form. */
  @SuppressWarnings("unchecked")
  private static Dataset<Row> frame(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
    try {
      return (Dataset<Row>) CREATE.get(spark.getClass()).invoke(spark, rows, schema, false);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Spark's SparkSession.internalCreateDataFrame failed: " + e, e);
    }
  }

  /** {@code d}'s rows under a plan of one scan of them ({@link #of} then {@link #frame}). */
  public static Dataset<Row> detached(Dataset<Row> d) {
    return frame(d.sparkSession(), of(d), d.schema());
  }
}
