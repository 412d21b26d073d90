package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-article isolation of the text steps: a step that throws, or runs past its time budget
 * ({@code text.max-seconds-per-article}, checked through {@link Deadline}), fails only that article. The step's
 * value is then a fallback (empty), and the article carries the first failure in {@link #REASON} and
 * {@link #MESSAGE} (step, exception class and message) until the job sends it to news.quarantine.
 */
public final class RecordGuard implements Serializable {
  /** Quarantine reason: a text step threw on this article. */
  public static final String FAILED = "text_failed";
  /** Quarantine reason: a text step ran past the article's time budget. */
  public static final String TIMEOUT = "text_timeout";
  public static final String REASON = "_text_failure";
  public static final String MESSAGE = "_text_failure_message";
  private static final String RESULT = "_guarded";

  private final long budgetNanos;

  public RecordGuard(double secondsPerArticle) {
    this.budgetNanos = (long) (secondsPerArticle * 1e9);
  }

  /** A guard whose budget never ends: exceptions are still isolated. */
  public static RecordGuard unbounded() {
    return new RecordGuard(Double.MAX_VALUE / 1e10);
  }

  /** {@code fn} as a guarded UDF of one argument ({@link #apply} reads its result). */
  public <A> UserDefinedFunction udf(String step, UDF1<A, ?> fn, DataType type, Object fallback) {
    return functions.udf((UDF1<A, Row>) a -> call(step, () -> fn.call(a), fallback), result(type))
        .asNondeterministic(); // so the optimizer never inlines (and runs) the call once per field read
  }

  /** {@code fn} as a guarded UDF of two arguments ({@link #apply} reads its result). */
  public <A, B> UserDefinedFunction udf(String step, UDF2<A, B, ?> fn, DataType type, Object fallback) {
    return functions.udf((UDF2<A, B, Row>) (a, b) -> call(step, () -> fn.call(a, b), fallback), result(type))
        .asNondeterministic();
  }

  private static StructType result(DataType type) {
    return new StructType().add("value", type).add("reason", DataTypes.StringType)
        .add("message", DataTypes.StringType);
  }

  private Row call(String step, java.util.concurrent.Callable<?> body, Object fallback) {
    long[] previous = Deadline.start(budgetNanos);
    try {
      return RowFactory.create(body.call(), null, null);
    } catch (Deadline.Exceeded e) {
      return RowFactory.create(fallback, TIMEOUT, step + " ran " + e.getMessage()
          + " on this article; raise text.max-seconds-per-article, or lower text.max-chars, in conf/news-topics.conf");
    } catch (Exception | StackOverflowError e) { // a pattern's recursion on hostile text ends in StackOverflowError
      String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ");
      return RowFactory.create(fallback, FAILED, step + " failed on this article: " + e.getClass().getName()
          + (message.length() > 500 ? message.substring(0, 500) : message));
    } finally {
      Deadline.restore(previous);
    }
  }

  /**
   * {@code d} with column {@code out} set to the value of {@code guardedCall} (a UDF of {@link #udf}), and the
   * article's first failure kept in {@link #REASON} and {@link #MESSAGE}.
   */
  public static Dataset<Row> apply(Dataset<Row> d, String out, Column guardedCall) {
    boolean earlier = Arrays.asList(d.columns()).contains(REASON);
    Column failedBefore = col(REASON).isNotNull();
    Column message = col(RESULT + ".message");
    Column reason = col(RESULT + ".reason");
    return d.withColumn(RESULT, guardedCall)
        .withColumn(out, col(RESULT + ".value"))
        .withColumn(MESSAGE, earlier ? when(failedBefore, col(MESSAGE)).otherwise(message) : message)
        .withColumn(REASON, earlier ? when(failedBefore, col(REASON)).otherwise(reason) : reason)
        .drop(RESULT);
  }

  /** The value of a guarded call without its failure (for steps whose failure recurs in a later, recorded step). */
  public static Column value(Column guardedCall) {
    return guardedCall.getField("value");
  }
}
