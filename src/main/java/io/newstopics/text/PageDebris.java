package io.newstopics.text;

import static org.apache.spark.sql.functions.regexp_replace;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * Page debris that is never news, removed before modelling with Spark built-ins (no UDF): embedded scripts and styles
 * ({@code <script>…</script>}, player set-up such as {@code jwplayer("…").setup({…})}), HTML tags and entities, lines
 * that read as code ({@code function(…)}, {@code var x = …}, lone braces), and the lines that sites and channels add
 * around a story ("Читайте также: …", "Поделиться", "Подписывайтесь на …"; {@code text.boilerplate.line-prefixes}
 * in conf/news-topics.conf). Recurring lines that no pattern knows are left to {@link BoilerplateRemover}'s count.
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

  /** Removes scripts, markup, code lines and the lines starting with one of {@code linePrefixes} (any case). */
  public static Column strip(Column text, List<String> linePrefixes) {
    Column t = regexp_replace(text, BLOCKS, "\n");
    t = regexp_replace(t, TAGS, " ");
    t = regexp_replace(t, ENTITIES, " ");
    t = regexp_replace(t, CODE_LINES, "");
    if (!linePrefixes.isEmpty()) {
      String alternatives = linePrefixes.stream().map(p -> java.util.regex.Pattern.quote(p.strip()))
          .collect(Collectors.joining("|"));
      // the prefix, then the end of the line or a non-letter (so "Поделиться" does not take "Поделитесь мнением…")
      t = regexp_replace(t, "(?imu)^[\\s\\p{So}\\p{Sk}*_>•\\-–—]*(?:" + alternatives + ")(?![\\p{L}])[^\\n]*$", "");
    }
    return t;
  }
}
