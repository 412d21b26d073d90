package io.newstopics.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.cli.SqlCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Runs every query of docs/cookbook.md on the seeds warehouse and checks it against the output printed under it:
 * same columns, same number of rows. {@code -Dcookbook.update=true} rewrites the printed outputs from this run.
 */
class CookbookTest {
  static final Path COOKBOOK = Path.of("docs/cookbook.md");
  private static final Pattern BLOCK = Pattern.compile("```sql\\n(.*?)```\\s*```text\\n(.*?)```", Pattern.DOTALL);

  record Example(String sql, String output, int start, int end) {}

  static List<Example> examples(String doc) {
    List<Example> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      out.add(new Example(m.group(1).strip(), m.group(2), m.start(2), m.end(2)));
    }
    return out;
  }

  static String render(SparkSession spark, String sql) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Dataset<Row> df = spark.sql(sql);
    SqlCommand.printTable(df, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** The header line (column names) and the "N rows" line of a printed table. */
  static List<String> shape(String printed) {
    List<String> lines = printed.lines().toList();
    return List.of(lines.get(1).replaceAll("\\s+", " "), lines.get(lines.size() - 1));
  }

  @Test
  void everyCookbookQueryRunsAndMatchesItsPrintedShape() throws IOException {
    SparkTestSession.seedsWarehouse();
    SparkSession spark = SparkTestSession.get();
    String doc = Files.readString(COOKBOOK);
    List<Example> examples = examples(doc);
    assertTrue(examples.size() >= 10, "the cookbook has " + examples.size() + " queries; it promises 10 or more");
    assertEquals(examples.size(), doc.split("```sql", -1).length - 1, "every ```sql block needs a ```text output");
    boolean update = Boolean.getBoolean("cookbook.update");
    StringBuilder rewritten = new StringBuilder();
    int last = 0;
    for (Example e : examples) {
      String printed = render(spark, e.sql());
      assertTrue(!printed.endsWith("\n0 rows\n"), "cookbook queries should show something on the seeds: " + e.sql());
      if (update) {
        rewritten.append(doc, last, e.start()).append(printed);
        last = e.end();
      } else {
        assertEquals(shape(e.output()), shape(printed), "docs/cookbook.md is stale for:\n" + e.sql()
            + "\n(re-run with -Dcookbook.update=true -Dtest=CookbookTest to refresh the outputs)");
      }
    }
    if (update) {
      rewritten.append(doc.substring(last));
      Files.writeString(COOKBOOK, rewritten.toString());
    }
  }
}
