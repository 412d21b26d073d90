package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.udf;

import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Normalises article text for analysis: ё→е, Ukrainian apostrophes (’ ʼ ‘ `) → ', URLs, e-mail addresses and
 * numbers dropped. Case and punctuation are left to the Lucene analyzers, which keep the original spelling as the
 * surface form shown to people. In Java, as Spark's translate and regexp_replace would do it (the same patterns),
 * each pattern only on a text that has what a match needs (the e-mail pattern, tried at every character, runs only
 * on a text with an {@code @}).
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final String FROM = "ёЁ’ʼ‘`";
  private static final String TO = "еЕ''''";

  /** The normalised text; null for null. */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String t = text;
    for (int i = 0; i < FROM.length(); i++) {
      if (t.indexOf(FROM.charAt(i)) >= 0) { // most texts have none of them: no copy
        t = t.replace(FROM.charAt(i), TO.charAt(i));
      }
    }
    if (t.contains("://") || containsWww(t)) {
      t = URL.matcher(Deadline.chars(t)).replaceAll(" ");
    }
    if (t.indexOf('@') >= 0) {
      t = withoutEmails(t);
    }
    return withoutNumbers(t);
  }

  /**
   * {@code t} with every match of {@code \\d+(?:[.,:]\\d+)*} replaced by a space, in one pass (the pattern's
   * repeated group recursed once per separator: a long chain of "1.1.1…" overflowed the stack).
   */
  static String withoutNumbers(String t) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < t.length(); i++) {
      if (!digit(t, i)) {
        continue;
      }
      int end = i;
      while (digit(t, end)) {
        end++;
      }
      while (end + 1 < t.length() && ".,:".indexOf(t.charAt(end)) >= 0 && digit(t, end + 1)) {
        end++;
        while (digit(t, end)) {
          end++;
        }
      }
      out = out == null ? new StringBuilder(t.length()) : out;
      out.append(t, copied, i).append(' ');
      copied = end;
      i = end - 1;
    }
    return out == null ? t : out.append(t, copied, t.length()).toString();
  }

  private static boolean digit(String t, int i) {
    return i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9';
  }

  /**
   * {@code t} with every match of {@code \\S+@\\S+\\.\\w+} replaced by a space, in time linear in the text (the
   * pattern backtracked over every '@' and '.' of a long run from every start in it). Within a run of non-space
   * characters, the pattern matches from the run's start to the end of the word after the run's last '.' that is
   * followed by a word character, when an '@' lies at least one character after the start and two before that '.';
   * the rest of the run then cannot match.
   */
  static String withoutEmails(String t) {
    StringBuilder out = null;
    int copied = 0;
    int start = 0;
    while (start < t.length()) {
      if (space(t.charAt(start))) {
        start++;
        continue;
      }
      int end = start;
      while (end < t.length() && !space(t.charAt(end))) {
        end++;
      }
      int dot = -1;
      for (int d = end - 2; d > start && dot < 0; d--) {
        if (t.charAt(d) == '.' && wordChar(t.charAt(d + 1))) {
          dot = d;
        }
      }
      boolean at = false;
      for (int a = start + 1; a <= dot - 2 && !at; a++) {
        at = t.charAt(a) == '@';
      }
      if (at) {
        int matchEnd = dot + 1;
        while (matchEnd < end && wordChar(t.charAt(matchEnd))) {
          matchEnd++;
        }
        out = out == null ? new StringBuilder(t.length()) : out;
        out.append(t, copied, start).append(' ');
        copied = matchEnd;
      }
      start = end;
    }
    return out == null ? t : out.append(t, copied, t.length()).toString();
  }

  /** Java's regex white space, {@code \\s}. */
  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** Java's regex word character, {@code \\w}. */
  private static boolean wordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** Whether {@code t} has "www." in any ASCII case (what the URL pattern's (?i) matches). */
  private static boolean containsWww(String t) {
    for (int i = t.indexOf('.'); i >= 0; i = t.indexOf('.', i + 1)) {
      if (i >= 3 && t.regionMatches(true, i - 3, "www", 0, 3)) {
        return true;
      }
    }
    return false;
  }

  private static final UserDefinedFunction NORMALIZE = udf((UDF1<String, String>) TextNormalizer::normalize,
      DataTypes.StringType);

  /** {@link #normalize(String)} as a column. */
  public static Column normalize(Column text) {
    return NORMALIZE.apply(text);
  }

  private static final UserDefinedFunction LOWER = udf(
      (UDF1<String, String>) s -> s == null ? null : s.toLowerCase(java.util.Locale.ROOT), DataTypes.StringType);

  /**
   * Lower case, in Java ({@code Locale.ROOT}). Not Spark's {@code lower}: the first time an executor JVM calls it,
   * Spark 4 builds ICU's title-case table of every Unicode code point, a fixed cost per JVM for the same result.
   */
  public static Column lowerCase(Column text) {
    return LOWER.apply(text);
  }

  /** Adds {@code clean_text}: title and the boilerplate-free body ({@code model_text}), normalised. */
  public static Dataset<Row> apply(Dataset<Row> articles, RecordGuard guard) {
    UserDefinedFunction normalize = guard.udf("normalisation", (UDF1<String, String>) TextNormalizer::normalize,
        DataTypes.StringType, "");
    return RecordGuard.apply(articles, "clean_text",
        normalize.apply(concat_ws("\n", col("title"), col("model_text"))));
  }
}
