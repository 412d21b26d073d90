package io.newstopics.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.newstopics.tables.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report page: report.html with the echarts library (from its WebJar on the classpath) and the data inlined, so
 * the file opens offline and loads nothing from the network.
 */
public final class ReportPage {
  private static final Logger LOG = LoggerFactory.getLogger(ReportPage.class);
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private ReportPage() {}

  /** What {@link #write} wrote. */
  public record Written(String runId, Path file, long bytes) {}

  /** Opens the warehouse, resolves {@code run} (an id or latest) and writes the report of that run to {@code out}. */
  public static Written write(SparkSession spark, String warehouse, String run, Path out) throws IOException {
    long start = System.nanoTime();
    Warehouse.open(spark, warehouse, ReportData.TABLES);
    String runId = ReportData.resolveRun(spark, warehouse, run);
    LOG.info("report: warehouse opened and run {} found in {} ms", runId, (System.nanoTime() - start) / 1_000_000);
    String html = html(ReportData.json(spark, runId));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, html, StandardCharsets.UTF_8);
    return new Written(runId, out, Files.size(out));
  }

  /**
   * The page around a JSON object. In the data, every {@code <} becomes {@code \u003c} (the same string to JSON), so
   * no text of an article can close the script element; the texts are put in the page as text, never as markup.
   */
  public static String html(String json) {
    String page = resource("io/newstopics/report/report.html");
    String data = json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    String js = resource(ECHARTS).replace("</script", "<\\/script");
    int d = page.indexOf("__DATA__");
    page = page.substring(0, d) + data + page.substring(d + "__DATA__".length());
    int e = page.indexOf("/*__ECHARTS__*/");
    return page.substring(0, e) + js + page.substring(e + "/*__ECHARTS__*/".length());
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath: rebuild the jar (mvn package), which "
            + "packs it from the org.webjars.npm:echarts dependency of pom.xml");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
