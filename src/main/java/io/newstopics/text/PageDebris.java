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
 * blocks and tags, a {@code &} for entities, for code lines what one of its alternatives needs ({@link #mayHaveCode}):
 * the code-line pattern tries its alternatives at every character of every line, so it runs only where it can match.
 */
public final class PageDebris {
  private PageDebris() {}

  static final String BLOCKS = "(?is)<(script|style|noscript|iframe|svg)\\b.*?</\\1\\s*>|<!--.*?-->";
  static final String TAGS = "(?s)</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]{0,2000})?/?>";
  static final String ENTITIES = "&(?:[a-zA-Z]{2,8}|#\\d{1,6}|#x[0-9a-fA-F]{1,6});";
  /**
   * A line with a call of a known player/DOM API, a function literal, a var declaration, or braces and semicolons.
   * Lines end at '\n' only ({@code (?d)}), and every quantifier after a fixed first character is possessive or
   * bounded by the line: each line is tried in time linear in its length, whatever it holds.
   */
  static final String CODE_LINES = "(?md)^[^\\n]*(?:\\bfunction\\s*+\\(|\\bjwplayer\\s*+\\(|\\bdocument\\.[a-zA-Z]"
      + "|\\bwindow\\.[a-zA-Z]|\\b(?:var|let|const)\\s++[A-Za-z_$][\\w$]*+\\s*+=|=>\\s*+\\{|[{}]\\s*+(?:\\)\\s*+)?;"
      + "|^[ \\t\\x0B\\f]*+[{}\\[\\]();]++[ \\t\\x0B\\f]*+$)[^\\n]*$";

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
    // the leading class stays within the line, so each line is tried in time linear in its length
    return Pattern.compile("(?imud)^[ \\t\\x0B\\f\\p{So}\\p{Sk}*_>•\\-–—]*(?:" + alternatives
        + ")(?![\\p{L}])[^\\n]*$");
  }

  /**
   * Removes scripts, markup, code lines and the lines of {@code prefixLines} ({@link #prefixLines}; null: none) from
   * {@code text} (null: the empty text).
   */
  public static String strip(String text, Pattern prefixLines) {
    String t = text == null ? "" : text;
    if (t.indexOf('<') >= 0) {
      t = stripBlocks(t);
      t = TAGS_RE.matcher(Deadline.chars(t)).replaceAll(" ");
    }
    if (t.indexOf('&') >= 0) {
      t = ENTITIES_RE.matcher(Deadline.chars(t)).replaceAll(" ");
    }
    if (mayHaveCode(t)) {
      t = CODE_LINES_RE.matcher(Deadline.chars(t)).replaceAll("");
    }
    return prefixLines == null ? t : prefixLines.matcher(Deadline.chars(t)).replaceAll("");
  }

  private static final String[] BLOCK_TAGS = {"script", "style", "noscript", "iframe", "svg"};

  /**
   * {@code t} with every match of {@link #BLOCKS} replaced by a line break, as {@code replaceAll} would, in one pass:
   * the pattern's lazy {@code .*?} read to the end of the text from every opening that is never closed (a page cut
   * off inside a comment), time quadratic in the text. Here a closing that is not found is not looked for again.
   */
  static String stripBlocks(String t) {
    StringBuilder out = new StringBuilder(t.length());
    int copied = 0;
    boolean commentsUnclosed = false;
    boolean[] unclosed = new boolean[BLOCK_TAGS.length];
    for (int p = t.indexOf('<'); p >= 0; ) {
      int end = -1;
      if (t.startsWith("<!--", p)) {
        int close = commentsUnclosed ? -1 : t.indexOf("-->", p + 4);
        commentsUnclosed = close < 0;
        end = close < 0 ? -1 : close + 3;
      } else {
        int tag = blockTag(t, p + 1);
        if (tag >= 0 && !unclosed[tag]) {
          end = closing(t, p + 1 + BLOCK_TAGS[tag].length(), BLOCK_TAGS[tag]);
          unclosed[tag] = end < 0;
        }
      }
      if (end >= 0) {
        out.append(t, copied, p).append('\n');
        copied = end;
        p = t.indexOf('<', end);
      } else {
        p = t.indexOf('<', p + 1);
      }
    }
    return copied == 0 ? t : out.append(t, copied, t.length()).toString();
  }

  /** The index in {@link #BLOCK_TAGS} of the name at {@code from} (any ASCII case, then a word boundary); -1: none. */
  private static int blockTag(String t, int from) {
    for (int i = 0; i < BLOCK_TAGS.length; i++) {
      String name = BLOCK_TAGS[i];
      int after = from + name.length();
      if (asciiIgnoringCase(t, from, name) && (after == t.length() || !wordChar(t.codePointAt(after)))) {
        return i;
      }
    }
    return -1;
  }

  /** What {@code \\b} takes for a word character. */
  private static boolean wordChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Whether {@code t} has the lower-case ASCII {@code name} at {@code from}, in any ASCII case (as {@code (?i)}). */
  private static boolean asciiIgnoringCase(String t, int from, String name) {
    if (from + name.length() > t.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = t.charAt(from + i);
      char n = name.charAt(i);
      if (c != n && c != Character.toUpperCase(n)) {
        return false;
      }
    }
    return true;
  }

  /** The end of the first {@code </name\s*>} (any ASCII case of name) at or after {@code from}; -1: none. */
  private static int closing(String t, int from, String name) {
    for (int q = t.indexOf("</", from); q >= 0; q = t.indexOf("</", q + 2)) {
      if (asciiIgnoringCase(t, q + 2, name)) {
        int k = q + 2 + name.length();
        while (k < t.length() && " \t\n\u000B\f\r".indexOf(t.charAt(k)) >= 0) {
          k++;
        }
        if (k < t.length() && t.charAt(k) == '>') {
          return k + 1;
        }
      }
    }
    return -1;
  }

  /**
   * Whether {@code t} has what some alternative of {@link #CODE_LINES} needs (when not, the pattern cannot match and
   * is not run): "function" and "(", "jwplayer", "document.", "window.", var/let/const and "=", "=>", a brace and
   * ";", or a line of nothing but white space and {@code {}[]();} (with at least one of those). A single bracket or
   * parenthesis, common in news, is not enough: the check must say no wherever the pattern cannot match.
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
