package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Page debris and normalisation in Java give what Spark's regexp_replace and translate gave before (the expressions
 * are kept here as the reference), on the seed articles and on texts made to trip the shortcuts: markup without
 * a match, code spread over lines, other line terminators, e-mails, URLs in capitals.
 */
class TextCleanupTest {
  private static final List<String> PREFIXES = List.of("Читайте также", "Поделиться", "Подписывайтесь", "Фото:",
      "Читайте також");

  private static final List<String> TRICKY = List.of(
      "",
      "Просто текст без особых знаков",
      "a < b и c > d, но не тег; x = 1",
      "<p>Абзац</p>\n<script>var a = 1;</script>\n<!-- комментарий\nв две строки -->конец",
      "<SCRIPT type=x>\nfunction f() {}\n</SCRIPT >после",
      "function\n(x) вызов через строку\nи дальше",
      "строка\r\nvar x = 5\r\nещё\u2028{ }\u2029;\u0085конец",
      "  {\n  }\n  [ ] ;\n(\n)",
      "document.write('x') и window.open и document. без буквы",
      "Письмо на Ivan.Petrov@mail.ru или @channel, а также a@b и x@y.z",
      "Сайт WWW.Example.COM/путь, http://x.y/z?q=1 и HTTPS://A.B и ftp://c.d и wWw.",
      "Тысяча 1,000.5 и 12:30, 3.14.15, год 2025-й",
      "Ёлка, п’ять, Мʼята, ‘цитата` и ЁЖ",
      "&nbsp;&amp; &#1234; &#x1F600; & просто амперсанд &abc",
      "Подписывайтесь на канал\n👉 Поделиться\nПоделитесь мнением\n  — Фото: ТАСС\nЧитайте також: ще",
      "=> { стрелка\n} ) ;\nx => y");

  private static Column oldStrip(Column text) {
    Column t = regexp_replace(text, PageDebris.BLOCKS, "\n");
    t = regexp_replace(t, PageDebris.TAGS, " ");
    t = regexp_replace(t, PageDebris.ENTITIES, " ");
    t = regexp_replace(t, PageDebris.CODE_LINES, "");
    return regexp_replace(t, PageDebris.prefixLines(PREFIXES).pattern(), "");
  }

  private static Column oldNormalize(Column text) {
    Column t = translate(text, "ёЁ’ʼ‘`\u02bc", "еЕ''''" + "'");
    t = regexp_replace(t, "(?i)\\b(?:https?://|www\\.)\\S+", " ");
    t = regexp_replace(t, "\\S+@\\S+\\.\\w+", " ");
    return regexp_replace(t, "\\d+(?:[.,:]\\d+)*", " ");
  }

  private static List<String> texts() throws Exception {
    List<String> out = new ArrayList<>(TRICKY);
    try (var files = Files.list(Path.of("seeds"))) {
      for (Path p : files.sorted().toList()) {
        out.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void sameTextsAsTheSparkBuiltIns() throws Exception {
    var spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    for (String t : texts()) {
      rows.add(RowFactory.create(t));
    }
    rows.add(RowFactory.create((Object) null));
    var df = spark.createDataFrame(rows, new StructType().add("t", DataTypes.StringType));
    List<Row> out = df.select(col("t"), oldStrip(col("t")), PageDebris.strip(col("t"), PREFIXES),
        oldNormalize(col("t")), TextNormalizer.normalize(col("t"))).collectAsList();
    assertEquals(rows.size(), out.size());
    int seeds = 0;
    for (Row r : out) {
      if (r.isNullAt(0)) {
        assertTrue(r.isNullAt(3) && r.isNullAt(4), "null stays null");
        assertEquals("", r.getString(2), "a missing text strips to the empty text");
        continue;
      }
      assertEquals(r.getString(1), r.getString(2), "strip of: " + r.getString(0));
      assertEquals(r.getString(3), r.getString(4), "normalize of: " + r.getString(0));
      seeds += r.getString(0).length() > 500 ? 1 : 0;
    }
    assertEquals(5, seeds, "the seed articles were compared");
  }

  @Test
  void shortcutsOnlySkipTextsThatCannotMatch() {
    assertFalse(PageDebris.mayHaveCode("Просто текст, без скобок."));
    assertFalse(PageDebris.mayHaveCode("x = 1 (в скобках); и [ещё]"));
    assertTrue(PageDebris.mayHaveCode("var x = 1"));
    assertTrue(PageDebris.mayHaveCode("текст\r  ( ;\u2028ещё"));
    assertTrue(PageDebris.mayHaveCode("см. document.title"));
    assertEquals("Просто текст", PageDebris.strip("Просто текст", null));
    assertEquals("", PageDebris.strip("function () { x(); }", null));
    assertEquals("адрес   и  ", TextNormalizer.normalize("адрес WWW.A.B и me@x.org"));
  }

  /**
   * Where {@link PageDebris#mayHaveCode} says no, the code-line pattern finds nothing: random texts of the
   * fragments its alternatives are made of, letters, brackets, spaces and every line terminator.
   */
  @Test
  void codeLinesNeverMatchWhereTheCheckSaysNo() {
    String[] parts = {"function", "jwplayer", "document.", "window.", "var", "let", "const", "=", "=>", "{", "}",
        "(", ")", "[", "]", ";", " ", "\t", "\u000B", "\f", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029",
        "x", "Мадуро", ".", "a", "_$"};
    java.util.regex.Pattern code = java.util.regex.Pattern.compile(PageDebris.CODE_LINES);
    java.util.Random random = new java.util.Random(11);
    int skipped = 0;
    int matched = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = 1 + random.nextInt(8); n > 0; n--) {
        b.append(parts[random.nextInt(parts.length)]);
      }
      String t = b.toString();
      boolean found = code.matcher(t).find();
      matched += found ? 1 : 0;
      if (!PageDebris.mayHaveCode(t)) {
        skipped++;
        assertFalse(found, () -> "skipped, but the pattern matches: " + t.chars()
            .mapToObj(c -> String.format("%04x", c)).collect(Collectors.joining(" ")));
      }
    }
    assertTrue(skipped > 50_000 && matched > 10_000, skipped + " skipped, " + matched + " matched");
  }
}
