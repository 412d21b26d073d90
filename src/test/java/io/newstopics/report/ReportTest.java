package io.newstopics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.CliRun;
import io.newstopics.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** news-topics report on the shared seeds warehouse (one run of the job per test JVM). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTest {
  @TempDir
  static Path dir;

  private String wh;
  private String html;
  private String data;

  @BeforeAll
  void writeTheReport() throws Exception {
    wh = SparkTestSession.seedsWarehouse();
    CliRun r = CliRun.of("report", "--warehouse", wh, "--out", dir.resolve("report.html").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("wrote "), r.out());
    html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL)
        .matcher(html);
    assertTrue(m.find(), "the data element");
    data = m.group(1);
  }

  /** Occurrences of {@code s} in {@code in}. */
  private static int count(String in, String s) {
    int n = 0;
    for (int i = in.indexOf(s); i >= 0; i = in.indexOf(s, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void theDataHasTopicsThemesArticlesAndTheRun() {
    SparkSession spark = SparkTestSession.get();
    SparkTestSession.seedsWarehouse();
    long k = spark.sql("SELECT DISTINCT topic_id FROM news.current_topics").count();
    assertTrue(k >= 2, "the seeds run has topics");
    assertEquals(k, count(data, "\"terms\":["), "one entry per topic, with its terms");
    for (String title : spark.sql("SELECT title FROM news.articles").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()) {
      assertTrue(data.contains(title.replace("<", "\\u003c").replace("\"", "\\\"")), "article in the report: " + title);
    }
    for (String theme : List.of("military-aid", "opposition")) {
      assertTrue(data.contains("{\"theme\":\"" + theme + "\""), "theme " + theme);
    }
    assertTrue(data.contains("\"run_id\":\"" + spark.sql("SELECT run_id FROM news.runs").first().getString(0)),
        "the run");
    assertTrue(data.contains("\"lang\":\"uk\"") && data.contains("\"lang\":\"ru\""), "articles by language");
    assertTrue(data.contains("\"x\":") && data.contains("\"pw\":"), "map places and term marginals");
    assertTrue(html.contains("echarts"), "echarts inlined");
    assertTrue(html.length() > 1_000_000, "the library is in the page: " + html.length());
  }

  @Test
  void thePageLoadsNothingFromTheNetwork() {
    for (String ref : List.of("src=\"http", "href=\"http", "url(http", "@import", "src='http", "href='http")) {
      assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains(ref), "external reference " + ref);
    }
    assertFalse(Pattern.compile("<script[^>]+src=").matcher(html).find(), "no script is loaded from a file");
    assertFalse(Pattern.compile("<link[^>]+href=").matcher(html).find(), "no stylesheet is loaded");
  }

  @Test
  void textFromTheDataCannotCloseTheScriptOrBecomeMarkup() {
    String hostile = "{\"topics\":[],\"t\":\"<img src=x onerror=alert(1)></script><script>alert(2)</script>\"}";
    String page = ReportPage.html(hostile);
    assertFalse(page.contains("<img src=x"), "the title stays text");
    assertFalse(page.contains("</script><script>alert(2)"), "cannot close the data element");
    assertTrue(page.contains("\\u003cimg src=x onerror=alert(1)>\\u003c/script>"), "escaped as \\u003c");
    assertFalse(data.contains("<"), "no < in the data of the seeds report either");
  }

  @Test
  void anUnknownRunOrWarehouseIsAUsageErrorNamingTheFix() {
    CliRun unknown = CliRun.of("report", "--warehouse", wh, "--run", "no-such-run", "--out",
        dir.resolve("x.html").toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("no run 'no-such-run'") && unknown.err().contains("--run latest"),
        unknown.err());
    CliRun none = CliRun.of("report", "--warehouse", dir.resolve("none").toString(), "--out",
        dir.resolve("y.html").toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("no news-topics warehouse") && none.err().contains("bin/news-topics run"),
        none.err());
    assertFalse(Files.exists(dir.resolve("x.html")) || Files.exists(dir.resolve("y.html")), "no page written");
    CliRun noOut = CliRun.of("report", "--warehouse", wh);
    assertEquals(2, noOut.code());
    assertTrue(noOut.err().contains("--out"), noOut.err());
  }
}
