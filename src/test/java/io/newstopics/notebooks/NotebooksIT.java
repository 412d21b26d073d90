package io.newstopics.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.newstopics.SparkTestSession;
import io.newstopics.job.NewsTopicsJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook of notebooks/ headless — `notebooks/run` on copies, so the committed notebooks and their
 * saved outputs stay as they are — against a warehouse built here from the seeds with two runs, and fails with the
 * output of Jupyter when a cell fails. The copies sit in one folder, so they share one kernel (notebooks/execute.py),
 * as they do in `notebooks/run`: each notebook must also tolerate what the notebooks before it declared. Needs
 * notebooks/setup (Jupyter, the Java kernel, the kernelspec): without it the test fails and says so rather than skip.
 */
class NotebooksIT {
  private static final Path NOTEBOOKS = Path.of("notebooks");

  @TempDir
  Path dir;

  private static String missingSetup() {
    List<String> missing = new ArrayList<>();
    if (!onPath("jupyter-nbconvert")) {
      missing.add("jupyter nbconvert (Debian: jupyter-nbconvert, python3-nbclient)");
    }
    if (!Files.isRegularFile(Path.of("target/jupyter/kernels/news-topics-java/kernel.json"))) {
      missing.add("the news-topics-java kernelspec (target/jupyter/kernels)");
    }
    try (Stream<Path> libs = Files.isDirectory(Path.of("target/notebook-libs"))
        ? Files.list(Path.of("target/notebook-libs")) : Stream.empty()) {
      if (libs.noneMatch(p -> p.getFileName().toString().startsWith("rapaio-jupyter-kernel-"))) {
        missing.add("the Java kernel jar (target/notebook-libs)");
      }
    } catch (IOException e) {
      missing.add("target/notebook-libs (" + e.getMessage() + ")");
    }
    return missing.isEmpty() ? null : String.join(", ", missing);
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyNotebookRunsOnTheSeedsWarehouse() throws Exception {
    String missing = missingSetup();
    if (missing != null) {
      fail("The notebook environment is not installed (missing: " + missing + "): run notebooks/setup");
    }

    // the seeds warehouse, with two runs for 03-run-comparison (as notebooks/run builds its default one)
    String warehouse = dir.resolve("warehouse").toString();
    var spark = SparkTestSession.get();
    NewsTopicsJob.run(spark, SparkTestSession.config("seeds", warehouse, Map.of("topics.max-iterations", "20")));
    NewsTopicsJob.run(spark, SparkTestSession.config("seeds", warehouse, Map.of("topics.max-iterations", "20",
        "themes.threshold", "0.4", "topics.seed", "7")));

    Path copies = Files.createDirectories(dir.resolve("notebooks"));
    Map<Path, byte[]> committed = new LinkedHashMap<>();
    List<String> command = new ArrayList<>(List.of("bash", NOTEBOOKS.resolve("run").toString()));
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".ipynb") || name.endsWith(".jsh")) {
          committed.put(f, Files.readAllBytes(f));
          Files.copy(f, copies.resolve(name));
          if (name.endsWith(".ipynb")) {
            command.add(copies.resolve(name).toString());
          }
        }
      }
    }
    assertTrue(command.size() >= 4, "expected notebooks in notebooks/: " + command);

    Path log = dir.resolve("notebooks-run.log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("NEWS_TOPICS_WAREHOUSE", warehouse);
    pb.environment().put("NEWS_TOPICS_NOTEBOOK_MEMORY", "1g");
    Process p = pb.start();
    // took 11 minutes with other builds sharing the 2 cores (load ~15); the margin is for such machines
    if (!p.waitFor(25, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      fail("notebooks/run did not finish in 25 minutes:\n" + tail(Files.readString(log)));
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), "notebooks/run failed (a cell raised an error):\n" + tail(output));

    for (String arg : command.subList(2, command.size())) {
      String json = Files.readString(Path.of(arg));
      assertFalse(json.contains("\"output_type\": \"error\""), arg + " has an error output");
      assertTrue(count(json, "\"image/png\"") >= 1, arg + " shows no chart");
    }
    for (Map.Entry<Path, byte[]> e : committed.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " was rewritten");
    }
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String tail(String s) {
    return s.length() <= 20_000 ? s : "…" + s.substring(s.length() - 20_000);
  }
}
