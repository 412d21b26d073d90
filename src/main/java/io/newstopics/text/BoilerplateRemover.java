package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Removes page and channel debris before modelling: a line whose words (links, markup and emoji ignored) recur in
 * many articles — "Подписаться | Прислать новость", "Читать нас без VPN", share and player blocks — is boilerplate,
 * not news. Adds {@code model_text}; the stored article text is left as it was.
 *
 * <p>A line's key is computed in Java ({@link #key}), in one pass after the link pattern, rather than with Spark's
 * {@code regexp_replace} and {@code lower}: those copy the line per call, and Spark 4's {@code lower} sets up ICU's
 * case mapping (a table of every Unicode code point) in each executor JVM on its first non-ASCII text.
 */
public final class BoilerplateRemover {
  private BoilerplateRemover() {}

  /** Lines found in at least max(minArticles, minShare * articles) articles are removed. */
  public static long threshold(long articles, int minArticles, double minShare) {
    return Math.max(minArticles, (long) Math.ceil(minShare * articles));
  }

  /** A link in parentheses (no nested parenthesis: each '(' is read up to the next one at most), or a bare link. */
  private static final Pattern LINKS = Pattern.compile("\\((?:https?://|www\\.)[^()]*+\\)|(?:https?://|www\\.)\\S+");

  /**
   * The key of a line: without links (a URL, or one in parentheses), lower case, every run of characters other than
   * letters and digits (Unicode L and N) as one space, no space at either end. Null: null.
   */
  static String key(String line) {
    if (line == null) {
      return null;
    }
    String text = LINKS.matcher(Deadline.chars(line)).replaceAll(" ").toLowerCase(Locale.ROOT);
    StringBuilder key = new StringBuilder(text.length());
    boolean gap = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (letterOrNumber(c)) {
        if (gap && key.length() > 0) {
          key.append(' ');
        }
        gap = false;
        key.appendCodePoint(c);
      } else {
        gap = true;
      }
    }
    return key.toString();
  }

  private static boolean letterOrNumber(int c) {
    if (Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** The text without its lines whose key is in {@code keys}, the others in their order. Null: null. */
  static String withoutLines(String text, java.util.Set<String> keys) {
    if (text == null || keys.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean[] first = {true};
    forEachLine(text, line -> {
      if (!keys.contains(key(line))) {
        if (!first[0]) {
          out.append('\n');
        }
        out.append(line);
        first[0] = false;
      }
    });
    return out.toString();
  }

  /** Each line of {@code text} (split at '\n', empty lines and a last empty one included), in order. */
  private static void forEachLine(String text, java.util.function.Consumer<String> action) {
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      action.accept(text.substring(start, end));
      start = end + 1;
    }
  }

  /** Page debris ({@link PageDebris}) first, then the recurring lines (no time budget per article). */
  public static Dataset<Row> apply(Dataset<Row> articles, long threshold, List<String> linePrefixes) {
    return apply(articles, threshold, linePrefixes, null, RecordGuard.unbounded());
  }

  /**
   * The distinct non-empty keys of the lines of {@code text} (null: none) once page debris is gone
   * ({@link PageDebris#strip(String, Pattern)} with {@code prefixLines}).
   */
  static String[] lineKeys(String text, Pattern prefixLines) {
    java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
    forEachLine(PageDebris.strip(text, prefixLines), line -> {
      String k = key(line);
      if (!k.isEmpty()) {
        keys.add(k);
      }
    });
    return keys.toArray(new String[0]);
  }

  /**
   * The boilerplate of these articles: the keys (column key) of the lines found in at least threshold of them. Each
   * article gives its distinct line keys ({@link #lineKeys}), so a key's article count is a plain count: one
   * aggregation over keys, no row per line and no distinct count.
   */
  public static Dataset<Row> commonKeys(Dataset<Row> articles, long threshold, List<String> linePrefixes,
                                        RecordGuard guard) {
    Pattern prefixes = PageDebris.prefixLines(linePrefixes);
    // an article this step fails on counts no line; the same failure in remove() sends it to quarantine
    UserDefinedFunction keys = guard.udf("boilerplate line keys", (UDF1<String, String[]>) t -> lineKeys(t, prefixes),
        DataTypes.createArrayType(DataTypes.StringType, false), new String[0]);
    return articles.select(explode(RecordGuard.value(keys.apply(col("text")))).as("key"))
        .groupBy("key").count()
        .where(col("count").geq(lit(threshold))).select("key");
  }

  /**
   * As {@link #apply(Dataset, long, List)}, also removing the lines whose key is in {@code known} (the boilerplate
   * of the corpus a model was trained on, so that scoring a few articles removes what training removed); null: none.
   */
  public static Dataset<Row> apply(Dataset<Row> articles, long threshold, List<String> linePrefixes,
                                   Dataset<Row> known, RecordGuard guard) {
    return remove(articles, keys(commonKeys(articles, threshold, linePrefixes, guard), known), linePrefixes, guard);
  }

  /**
   * The keys of {@code common} and {@code known} (null: none), sorted, on the driver. They are few whatever the
   * corpus size: each is the key of a line found in at least the threshold's number of articles, and the threshold
   * grows with the corpus ({@link #threshold}).
   */
  public static List<String> keys(Dataset<Row> common, Dataset<Row> known) {
    Dataset<Row> all = known == null ? common.select("key") : common.select("key").union(known.select("key"));
    List<String> out = new java.util.ArrayList<>();
    for (Row r : all.distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    java.util.Collections.sort(out);
    return out;
  }

  /**
   * Adds {@code model_text}: the text without page debris and without the lines whose key is in {@code keys}, in
   * their order. Row by row, with the keys in a hash set: no shuffle of the corpus's lines.
   */
  public static Dataset<Row> remove(Dataset<Row> articles, List<String> keys, List<String> linePrefixes,
                                    RecordGuard guard) {
    HashSet<String> boilerplate = new HashSet<>(keys);
    java.util.regex.Pattern prefixes = PageDebris.prefixLines(linePrefixes);
    UserDefinedFunction without = guard.udf("page debris and boilerplate removal",
        (UDF1<String, String>) text -> withoutLines(PageDebris.strip(text, prefixes), boilerplate),
        DataTypes.StringType, "");
    return RecordGuard.apply(articles, "model_text", without.apply(col("text")));
  }
}
