package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Tags each article {@code ru}, {@code uk} or {@code other} from its letters. Ukrainian has і ї є ґ, Russian has
 * ы э ё; other Cyrillic languages have letters of their own (ў, ә, ј, љ…). A valid {@code lang} given in the input
 * wins.
 *
 * <p>The letters are counted by {@link #detect} in one pass over the text, in a UDF: the built-in alternative is a
 * {@code regexp_replace} per letter class, each copying the whole text.
 */
public final class LanguageTagger {
  private LanguageTagger() {}

  private static final String UK = "іІїЇєЄґҐ";
  private static final String RU = "ыЫэЭёЁ";
  private static final String FOREIGN_CYRILLIC = "ўЎәӘғҒқҚңҢөӨұҰүҮһҺјЈљЉњЊћЋџЏђЂ";

  /**
   * The language of {@code text} from its letters: other when it has no Cyrillic letters, fewer Cyrillic than
   * Latin letters, or letters of another Cyrillic language in more than 1 of 200 Cyrillic letters; else uk when it
   * has more Ukrainian-only than Russian-only letters; else ru.
   */
  public static String detect(String text) {
    if (text == null) {
      return "other";
    }
    int cyrillic = 0;
    int latin = 0;
    int uk = 0;
    int ru = 0;
    int foreign = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'а' && c <= 'я') || (c >= 'А' && c <= 'Я')) {
        cyrillic++;
        if (RU.indexOf(c) >= 0) {
          ru++;
        }
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        latin++;
      } else if (c >= '\u0400' && c <= '\u04ff') {
        if (UK.indexOf(c) >= 0) {
          cyrillic++;
          uk++;
        } else if (c == 'ё' || c == 'Ё') {
          cyrillic++;
          ru++;
        } else if (FOREIGN_CYRILLIC.indexOf(c) >= 0) {
          foreign++;
        }
      }
    }
    if (cyrillic == 0 || cyrillic < latin || foreign > cyrillic / 200.0) {
      return "other";
    }
    return uk > ru ? "uk" : "ru";
  }

  private static final UserDefinedFunction DETECT =
      udf((UDF1<String, String>) LanguageTagger::detect, DataTypes.StringType).asNonNullable();

  /** Expects columns {@code text} and {@code input_lang}; adds {@code lang}. */
  public static Dataset<Row> tag(Dataset<Row> articles) {
    Column given = TextNormalizer.lowerCase(trim(col("input_lang")));
    return articles.withColumn("lang",
        when(given.isin("ru", "uk", "other"), given)
            .when(given.isin("rus", "russian"), lit("ru"))
            .when(given.isin("ukr", "ukrainian", "ua"), lit("uk"))
            .otherwise(DETECT.apply(col("text"))));
  }
}
