package io.newstopics.text;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cap on what text preparation reads ({@code text.max-chars}): {@link #cut} gives the steps at most that many
 * characters of the title and of the text, and flags an article that was longer {@code text_truncated};
 * {@link #restore} puts the whole title and text back, so the stored article is never cut.
 */
public final class TextLimit {
  public static final String TRUNCATED = "text_truncated";
  private static final String FULL_TITLE = "_full_title";
  private static final String FULL_TEXT = "_full_text";

  private TextLimit() {}

  /** Expects {@code title}, {@code text} and {@code quality_flags}. */
  public static Dataset<Row> cut(Dataset<Row> articles, int maxChars) {
    Column longTitle = length(col("title")).gt(maxChars);
    Column longText = length(col("text")).gt(maxChars);
    return articles
        .withColumn(FULL_TITLE, col("title"))
        .withColumn(FULL_TEXT, col("text"))
        .withColumn("quality_flags", when(longTitle.or(longText),
            concat(col("quality_flags"), array(lit(TRUNCATED)))).otherwise(col("quality_flags")))
        .withColumn("title", when(longTitle, substring(col("title"), 1, maxChars)).otherwise(col("title")))
        .withColumn("text", when(longText, substring(col("text"), 1, maxChars)).otherwise(col("text")));
  }

  /** The whole title and text of {@link #cut}'s articles, back in {@code title} and {@code text}. */
  public static Dataset<Row> restore(Dataset<Row> articles) {
    return articles.withColumn("title", col(FULL_TITLE)).withColumn("text", col(FULL_TEXT))
        .drop(FULL_TITLE, FULL_TEXT);
  }
}
