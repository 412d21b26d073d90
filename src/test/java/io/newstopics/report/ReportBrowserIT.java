package io.newstopics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.job.NewsTopicsJob;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a seeds run opened in Debian's headless chromium: the scripts run without error (the page records
 * any in its #errors element), echarts draws the intertopic map, and the topics, themes and articles are in the DOM;
 * a screenshot is left in target/report.png. Skipped only where chromium is missing and CI is unset.
 */
class ReportBrowserIT {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  @TempDir
  Path dir;

  private static String chromium() {
    for (String c : List.of("chromium", "chromium-browser")) {
      for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(p, c))) {
          return Path.of(p, c).toString();
        }
      }
    }
    return null;
  }

  /** Runs chromium headless on the page with extra flags; its standard output (the DOM for --dump-dom). */
  private static String browse(String chromium, Path page, Path profile, String... flags) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=5000",
        "--window-size=1400,2400"));
    cmd.addAll(List.of(flags));
    cmd.add(page.toUri().toString());
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(profile.getParent().resolve("chromium.err").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + cmd);
    }
    assertEquals(0, p.exitValue(), "chromium failed: " + cmd + "\n"
        + Files.readString(profile.getParent().resolve("chromium.err")));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static int count(String in, Pattern p) {
    Matcher m = p.matcher(in);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theReportRendersInChromium() throws Exception {
    String chromium = chromium();
    Assumptions.assumeTrue(chromium != null || System.getenv("CI") != null,
        "chromium is not installed (apt-get install chromium; CI installs it in .ci/run)");
    assertTrue(chromium != null, "CI is set but chromium is not installed: .ci/run installs it (apt-get install "
        + "chromium)");
    SparkSession spark = SparkTestSession.get();
    String wh = dir.resolve("wh").toString();
    NewsTopicsJob.run(spark, SparkTestSession.config("seeds", wh, Map.of()));
    // a title that would run script if the page put data into markup
    spark.sql("UPDATE news.articles SET title = concat('" + HOSTILE + " ', title) "
        + "WHERE source_ref LIKE '%/001_%'");
    Path target = Path.of(System.getProperty("newstopics.build.dir", "target"));
    Path page = target.resolve("report.html");
    ReportPage.write(spark, wh, "latest", page);
    int topics = (int) spark.sql("SELECT DISTINCT topic_id FROM news.current_topics").count();
    long themes = spark.sql("SELECT DISTINCT theme FROM news.current_article_themes WHERE theme_rank = 1").count();

    String dom = browse(chromium, page, dir.resolve("profile-dom"), "--dump-dom");
    Matcher errors = Pattern.compile("<div id=\"errors\">(.*?)</div>\\s*</main>", Pattern.DOTALL).matcher(dom);
    assertTrue(errors.find(), "the errors element is in the DOM");
    assertEquals("", errors.group(1).strip(), "script errors of the page");
    assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to the end");
    assertTrue(Pattern.compile("<div id=\"topic-map\"[^>]*>.*?<canvas", Pattern.DOTALL).matcher(dom).find(),
        "echarts drew the intertopic map on a canvas");
    assertEquals(topics, count(dom, Pattern.compile("<tr class=\"topic-entry[^\"]*\"")), "one entry per topic");
    for (Row r : spark.sql("SELECT lang, count(*) FROM news.articles GROUP BY lang")
        .collectAsList()) { // the run's counts by language, from its metrics
      assertTrue(dom.contains("<td>" + r.getString(0) + "</td><td>" + r.getLong(1) + "</td>"),
          "articles by language in the summary: " + r);
    }
    assertEquals(themes, count(dom, Pattern.compile("<section class=\"theme\"")), "one section per theme");
    assertTrue(count(dom, Pattern.compile("<tr class=\"article theme-article\"")) >= 5, "the themes' articles");
    assertTrue(count(dom, Pattern.compile("<tr class=\"article topic-article\"")) >= 1, "the topic's articles");
    assertTrue(dom.contains("<mark>"), "evidence words highlighted");
    assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "the hostile title is shown as text");
    assertFalse(Pattern.compile("<img[^>]*onerror", Pattern.CASE_INSENSITIVE).matcher(dom).find(),
        "the hostile title never becomes an element");

    Path png = target.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    browse(chromium, page, dir.resolve("profile-png"), "--screenshot=" + png, "--hide-scrollbars");
    assertTrue(Files.size(png) > 20_000, "a screenshot with something in it: " + Files.size(png) + " bytes");
  }
}
