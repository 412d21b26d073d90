package io.newstopics.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks as committed: executed with `notebooks/run --telegram` (every code cell ran, none failed, charts
 * present), their outputs from the telegram warehouse, named by a relative path, with no local absolute path
 * anywhere in them, and each under 1 MB. NotebooksIT executes copies of them on the seeds; this reads the files.
 */
class CommittedNotebooksTest {
  private static final Path NOTEBOOKS = Path.of("notebooks");
  private static final List<String> EXPECTED = List.of("01-corpus-overview.ipynb", "02-topics-and-themes.ipynb",
      "03-run-comparison.ipynb", "04-topics-over-time.ipynb");
  private static final Pattern WAREHOUSE_LINE =
      Pattern.compile("^warehouse \\.\\./target/telegram-warehouse: (\\d+) articles, (\\d+) runs");

  private static List<Path> notebooks() throws Exception {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void theFourNotebooksAreThere() throws Exception {
    List<String> names = notebooks().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(EXPECTED), "expected " + EXPECTED + " in notebooks/, found " + names);
  }

  @Test
  void everyNotebookIsExecutedOnTheTelegramWarehouse() throws Exception {
    for (Path nb : notebooks()) {
      JsonNode cells = new ObjectMapper().readTree(nb.toFile()).get("cells");
      List<JsonNode> code = new ArrayList<>();
      cells.forEach(c -> {
        if ("code".equals(c.get("cell_type").asText())) {
          code.add(c);
        }
      });
      assertFalse(code.isEmpty(), nb + " has no code cell");
      int images = 0;
      for (JsonNode c : code) {
        assertTrue(c.get("execution_count").isInt(), nb + ": a code cell was not executed: " + c.get("source"));
        for (JsonNode o : c.get("outputs")) {
          assertFalse("error".equals(o.path("output_type").asText()), nb + ": a cell failed: " + o);
          images += o.path("data").has("image/png") ? 1 : 0;
        }
      }
      assertTrue(images >= 2, nb + " shows " + images + " charts");

      // the first cell opens the warehouse and says which: the telegram one, by a relative path, with its two runs
      String first = concat(code.get(0).get("outputs").path(0).path("text"));
      Matcher m = WAREHOUSE_LINE.matcher(first);
      assertTrue(m.find(), nb + ": the outputs are not from notebooks/run --telegram: " + first);
      assertTrue(Long.parseLong(m.group(1)) > 10_000, nb + ": " + first);
      assertEquals("2", m.group(2), nb + ": " + first);
    }
  }

  @Test
  void noLocalPathAndUnderOneMegabyte() throws Exception {
    List<String> local = new ArrayList<>(List.of("file:/", Path.of("").toAbsolutePath().toString(),
        System.getProperty("user.home"), System.getProperty("java.io.tmpdir")));
    Path parent = Path.of("").toAbsolutePath().getParent();
    if (parent != null && parent.getParent() != null) {
      local.add(parent.toString() + "/");   // where the shared corpora sit, beside the checkout
    }
    for (Path nb : notebooks()) {
      assertTrue(Files.size(nb) < 1_000_000, nb + " is " + Files.size(nb) + " bytes");
      String json = Files.readString(nb);
      for (String path : local) {
        assertFalse(json.contains(path), nb + " shows the local path " + path);
      }
    }
  }

  private static String concat(JsonNode lines) {
    StringBuilder s = new StringBuilder();
    if (lines.isArray()) {
      lines.forEach(l -> s.append(l.asText()));
    } else {
      s.append(lines.asText());
    }
    return s.toString();
  }
}
