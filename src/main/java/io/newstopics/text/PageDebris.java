package io.newstopics.text;

import static org.apache.spark.sql.functions.udf;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Page debris that is never news, removed before modelling: embedded scripts and styles
 * ({@code <script>…</script>}, player set-up such as {@code jwplayer("…").setup({…})}), HTML tags and entities, lines
 * that read as code ({@code function(…)}, {@code var x = …}, lone braces), and the lines that sites and channels add
 * around a story ("Читайте также: …", "Поделиться", "Подписывайтесь на …"; {@code text.boilerplate.line-prefixes}
 * in conf/news-topics.conf). Recurring lines that no pattern knows are left to {@link BoilerplateRemover}'s count.
 *
 * <p>The patterns are applied in Java, in order, each as Spark's {@code regexp_replace} would (the same
 * java.util.regex patterns and replacements), but only to a text that has what a match needs: a {@code <} for
 * blocks and tags, a {@code &} for entities, for code lines what one of its alternatives needs ({@link #mayHaveCode}).
 * The code-line pattern tries its alternatives at every character of every line, 1.4 s of CPU per pass over 22k
 * telegram articles.
 */
public final class PageDebris {
  private PageDebris() {}

  static final String BLOCKS = "(?is)<(script|style|noscript|iframe|svg)\\b.*?</\\1\\s*>|<!--.*?-->";
  static final String TAGS = "(?s)</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]{0,2000})?/?>";
  static final String ENTITIES = "&(?:[a-zA-Z]{2,8}|#\\d{1,6}|#x[0-9a-fA-F]{1,6});";
  /** A line with a call of a known player/DOM API, a function literal, a var declaration, or braces and semicolons. */
  static final String CODE_LINES = "(?m)^[^\\n]*(?:\\bfunction\\s*\\(|\\bjwplayer\\s*\\(|\\bdocument\\.[a-zA-Z]"
      + "|\\bwindow\\.[a-zA-Z]|\\b(?:var|let|const)\\s+[A-Za-z_$][\\w$]*\\s*=|=>\\s*\\{|[{}]\\s*\\)?\\s*;"
      + "|^\\s*[{}\\[\\]();]+\\s*$)[^\\n]*$";

  private static final Pattern BLOCKS_RE = Pattern.compile(BLOCKS);
  private static final Pattern TAGS_RE = Pattern.compile(TAGS);
  private static final Pattern ENTITIES_RE = Pattern.compile(ENTITIES);
  private static final Pattern CODE_LINES_RE = Pattern.compile(CODE_LINES);

  /**
   * The pattern of the lines starting with one of {@code linePrefixes} (any case): the prefix, then the end of the
   * line or a non-letter (so "Поделиться" does not take "Поделитесь мнением…"); null when there are none.
   */
  public static Pattern prefixLines(List<String> linePrefixes) {
    if (linePrefixes.isEmpty()) {
      return null;
    }
    String alternatives = linePrefixes.stream().map(p -> Pattern.quote(p.strip())).collect(Collectors.joining("|"));
    return Pattern.compile("(?imu)^[\\s\\p{So}\\p{Sk}*_>•\\-–—]*(?:" + alternatives + ")(?![\\p{L}])[^\\n]*$");
  }

  /**
   * Removes scripts, markup, code lines and the lines of {@code prefixLines} ({@link #prefixLines}; null: none) from
   * {@code text} (null: the empty text).
   */
  public static String strip(String text, Pattern prefixLines) {
    String t = text == null ? "" : text;
    if (t.indexOf('<') >= 0) {
      t = BLOCKS_RE.matcher(t).replaceAll("\n");
      t = TAGS_RE.matcher(t).replaceAll(" ");
    }
    if (t.indexOf('&') >= 0) {
      t = ENTITIES_RE.matcher(t).replaceAll(" ");
    }
    if (mayHaveCode(t)) {
      t = CODE_LINES_RE.matcher(t).replaceAll("");
    }
    return prefixLines == null ? t : prefixLines.matcher(t).replaceAll("");
  }

  /**
   * Whether {@code t} has what some alternative of {@link #CODE_LINES} needs (when not, the pattern cannot match and
   * is not run): "function" and "(", "jwplayer", "document.", "window.", var/let/const and "=", "=>", a brace and
   * ";", or a line of nothing but white space and {@code {}[]();} (with at least one of those). Before, any one of
   * {@code (){}[];=} let the pattern run: 14,105 of the 22,099 telegram texts (parentheses), 0.95 s a pass.
   */
  static boolean mayHaveCode(String t) {
    boolean brace = t.indexOf('{') >= 0 || t.indexOf('}') >= 0;
    boolean equals = t.indexOf('=') >= 0;
    return brace && t.indexOf(';') >= 0
        || t.contains("function") && t.indexOf('(') >= 0
        || t.contains("jwplayer") || t.contains("document.") || t.contains("window.")
        || equals && (t.contains("var") || t.contains("let") || t.contains("const"))
        || equals && t.contains("=>")
        || hasBracketLine(t);
  }

  /**
   * Whether a line of {@code t} (between the line terminators of a multi-line {@code ^}/{@code $}) has one of
   * {@code {}[]();} and nothing else but regex white space: what the pattern's last alternative needs.
   */
  static boolean hasBracketLine(String t) {
    boolean bracket = false;
    boolean other = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '\n', '\r', '\u0085', '\u2028', '\u2029' -> {
          if (bracket && !other) {
            return true;
          }
          bracket = false;
          other = false;
        }
        case '{', '}', '[', ']', '(', ')', ';' -> bracket = true;
        case ' ', '\t', '\u000B', '\f' -> { }
        default -> other = true;
      }
    }
    return bracket && !other;
  }

  /** {@link #strip(String, Pattern)} as a column: the text (null: the empty text) without its page debris. */
  public static Column strip(Column text, List<String> linePrefixes) {
    Pattern prefixes = prefixLines(linePrefixes);
    return udf((UDF1<String, String>) t -> strip(t, prefixes), DataTypes.StringType).apply(text);
  }
}
