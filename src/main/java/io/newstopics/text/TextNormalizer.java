package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Normalises article text for analysis with Spark built-ins: ё→е, Ukrainian apostrophes (’ ʼ ‘ `) → ',
 * URLs, e-mail addresses and numbers dropped. Case and punctuation are left to the Lucene analyzers, which
 * keep the original spelling as the surface form shown to people.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  public static Column normalize(Column text) {
    Column t = translate(text, "ёЁ’ʼ‘`\u02bc", "еЕ''''" + "'");
    t = regexp_replace(t, "(?i)\\b(?:https?://|www\\.)\\S+", " ");
    t = regexp_replace(t, "\\S+@\\S+\\.\\w+", " ");
    t = regexp_replace(t, "\\d+(?:[.,:]\\d+)*", " ");
    return t;
  }

  /** Adds {@code clean_text}: title and the boilerplate-free body ({@code model_text}), normalised. */
  public static Dataset<Row> apply(Dataset<Row> articles) {
    return articles.withColumn("clean_text", normalize(concat_ws("\n", col("title"), col("model_text"))));
  }
}
