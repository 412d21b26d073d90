package io.newstopics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import io.newstopics.SparkTestSession;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Text cleaning on hostile input: texts that made the former patterns backtrack for minutes or overflow the stack
 * are cleaned in bounded time, the one-pass scanners do exactly what the patterns they replace specify, and a step
 * that throws or runs past its budget fails only its own article.
 */
class HostileTextTest {
  private static final Pattern PREFIXES = PageDebris.prefixLines(List.of("Поделиться", "Фото:"));
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  /** Each of these ran for minutes (or overflowed the stack) in the former cleaning; each takes well under 30 s. */
  @Test
  void pathologicalTextsAreCleanedInBoundedTime() {
    Map<String, String> hostile = new HashMap<>();
    hostile.put("unclosed comments", repeat("<!--", 200_000));
    hostile.put("unclosed scripts", repeat("<script>x", 100_000));
    hostile.put("brace then spaces", "{" + repeat(" ", 200_000) + "x;");
    hostile.put("carriage returns", "{\n" + repeat("x\r", 200_000));
    hostile.put("blank lines", "{\n" + repeat("\n", 400_000) + "x");
    hostile.put("spaces before a prefix", repeat(" ", 400_000) + "x\nПоделиться");
    hostile.put("at signs", repeat("a@", 200_000) + " b.c");
    hostile.put("at signs and dots", repeat("a@b.", 100_000));
    hostile.put("digit chain", repeat("1.", 300_000) + "1");
    hostile.put("links in parentheses", repeat("(http://", 100_000));
    hostile.forEach((name, text) -> assertTimeoutPreemptively(BOUND, () -> {
      PageDebris.strip(text, PREFIXES);
      TextNormalizer.normalize(text);
      BoilerplateRemover.key(text);
    }, name));
    assertEquals(" ", TextNormalizer.normalize(repeat("1.", 300_000) + "1"), "one number, one space");
    assertEquals(repeat("<!--", 200_000), PageDebris.strip(repeat("<!--", 200_000), null),
        "an unclosed comment is left as it is (as the pattern left it)");
  }

  private static final String[] FRAGMENTS = {"<", ">", "!--", "-->", "--", "<!--", "script", "SCRIPT", "</", "style",
      "svg", "iframe", "noscript", "scripts", " ", "\n", "\t", "x", "Мадуро", "@", ".", ",", ":", "1", "23", "_",
      "a", "b.c", "é", "ſ"};

  private static String random(Random r, int parts) {
    StringBuilder b = new StringBuilder();
    for (int n = 1 + r.nextInt(parts); n > 0; n--) {
      b.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
    }
    return b.toString();
  }

  private static void sameAsPattern(String pattern, String replacement, UnaryOperator<String> scanner, long seed) {
    Pattern p = Pattern.compile(pattern);
    Random r = new Random(seed);
    int changed = 0;
    for (int i = 0; i < 100_000; i++) {
      String t = random(r, 12);
      String expected = p.matcher(t).replaceAll(replacement);
      assertEquals(expected, scanner.apply(t), () -> "of: " + t.replace("\n", "\\n"));
      changed += expected.equals(t) ? 0 : 1;
    }
    assertTrue(changed > 1_000, changed + " texts changed: the fragments must exercise the pattern");
  }

  @Test
  void scannersDoWhatThePatternsSpecify() {
    sameAsPattern(PageDebris.BLOCKS, "\n", PageDebris::stripBlocks, 1);
    sameAsPattern("\\d+(?:[.,:]\\d+)*", " ", TextNormalizer::withoutNumbers, 2);
    sameAsPattern("\\S+@\\S+\\.\\w+", " ", TextNormalizer::withoutEmails, 3);
  }

  @Test
  void aStepThatThrowsOrRunsLongFailsOnlyItsArticle() {
    var spark = SparkTestSession.get();
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create("a", "fine"), RowFactory.create("b", "throw"),
        RowFactory.create("c", "spin")), new StructType().add("id", DataTypes.StringType)
        .add("text", DataTypes.StringType));
    RecordGuard guard = new RecordGuard(0.2);
    var step = guard.udf("test step", (UDF1<String, String>) t -> {
      if (t.equals("throw")) {
        throw new IllegalArgumentException("bad article");
      }
      while (t.equals("spin")) {
        Deadline.check();
      }
      return t.toUpperCase();
    }, DataTypes.StringType, "");
    var second = guard.udf("second step", (UDF1<String, String>) t -> t + "!", DataTypes.StringType, "");
    Map<String, Row> out = new HashMap<>();
    Dataset<Row> once = RecordGuard.apply(df, "out", step.apply(col("text")));
    for (Row r : RecordGuard.apply(once, "out", second.apply(col("out")))
        .select("id", "out", RecordGuard.REASON, RecordGuard.MESSAGE).collectAsList()) {
      out.put(r.getString(0), r);
    }
    assertEquals("FINE!", out.get("a").getString(1));
    assertNull(out.get("a").get(2));
    assertEquals(RecordGuard.FAILED, out.get("b").getString(2));
    assertTrue(out.get("b").getString(3).contains("test step failed on this article: "
        + "java.lang.IllegalArgumentException: bad article"), out.get("b").getString(3));
    assertEquals(RecordGuard.TIMEOUT, out.get("c").getString(2), "the first failure is kept");
    assertTrue(out.get("c").getString(3).contains("text.max-seconds-per-article"), out.get("c").getString(3));
    assertEquals("!", out.get("c").getString(1), "the later step ran on the failed step's empty value");
  }
}
