package io.newstopics.cli;

import io.newstopics.report.ReportPage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-topics report}: one self-contained HTML page about a run ({@link ReportPage}). */
@Command(name = "report", sortOptions = false,
    description = {"Writes one HTML page about a run: summary, intertopic map, themes, cross-language links.",
        "Scripts, styles and data are inlined: the file opens offline and can be mailed."})
public final class ReportCommand implements Callable<Integer> {
  @Mixin
  WarehouseOption warehouse;

  @Option(names = "--run", paramLabel = "RUN_ID|latest", defaultValue = "latest",
      description = "The succeeded run to report (news.runs.run_id). Default: ${DEFAULT-VALUE}")
  String run;

  @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "The HTML file to write.")
  Path out;

  @Mixin
  HelpOption help;

  ReportCommand() {}

  @Override
  public Integer call() throws java.io.IOException {
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.getOrCreate("news-topics-report");
    ReportPage.Written w = ReportPage.write(spark, warehouse.warehouse, run, out);
    System.out.println(String.format(Locale.ROOT, "wrote %s (run %s, %,d bytes) in %.1f s", w.file(), w.runId(),
        w.bytes(), (System.nanoTime() - start) / 1e9));
    return 0;
  }
}
