package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tags each article {@code ru}, {@code uk} or {@code other} from its letters, with Spark built-ins only.
 * Ukrainian has і ї є ґ, Russian has ы э ё; other Cyrillic languages have letters of their own (ў, ә, ј, љ…).
 * A valid {@code lang} given in the input wins.
 */
public final class LanguageTagger {
  private LanguageTagger() {}

  private static Column count(Column text, String letters) {
    return length(regexp_replace(text, "[^" + letters + "]", ""));
  }

  /** Expects columns {@code text} and {@code input_lang}; adds {@code lang}. */
  public static Dataset<Row> tag(Dataset<Row> articles) {
    Column text = col("text");
    Column cyrillic = count(text, "а-яА-ЯёЁіІїЇєЄґҐ");
    Column latin = count(text, "a-zA-Z");
    Column uk = count(text, "іІїЇєЄґҐ");
    Column ru = count(text, "ыЫэЭёЁ");
    Column foreignCyrillic = count(text, "ўЎәӘғҒқҚңҢөӨұҰүҮһҺјЈљЉњЊћЋџЏђЂ");
    Column given = lower(trim(col("input_lang")));
    Column detected = when(text.isNull().or(cyrillic.equalTo(lit(0))).or(cyrillic.lt(latin)), lit("other"))
        .when(foreignCyrillic.gt(cyrillic.divide(lit(200))), lit("other"))
        .when(uk.gt(ru), lit("uk"))
        .otherwise(lit("ru"));
    return articles.withColumn("lang",
        when(given.isin("ru", "uk", "other"), given)
            .when(given.isin("rus", "russian"), lit("ru"))
            .when(given.isin("ukr", "ukrainian", "ua"), lit("uk"))
            .otherwise(detected));
  }
}
