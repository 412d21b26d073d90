package io.newstopics.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.CliRun;
import io.newstopics.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One table of a warehouse made by a real run has a damaged Delta log: the other tables still answer `sql`, and a
 * query on the damaged one fails with its name and the way back, which works.
 */
class DamagedTableTest {
  @TempDir
  Path dir;

  private static CliRun sql(Path warehouse, String query) {
    return CliRun.of("sql", "--warehouse", warehouse.toString(), "--output", "csv", query);
  }

  /** A copy of the shared seeds warehouse (one real run), which must stay intact for the other tests. */
  private Path copyOfSeedsWarehouse(String name) throws Exception {
    return SparkTestSession.seedsWarehouseCopy(dir.resolve(name));
  }

  private static Path latestCommit(Path log) throws Exception {
    try (Stream<Path> s = Files.list(log)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).sorted().reduce((a, b) -> b)
          .orElseThrow();
    }
  }

  @Test
  void aGarbledLatestCommitNamesTheTableAndTheCommitToMoveAway() throws Exception {
    Path wh = copyOfSeedsWarehouse("garbled");
    Path table = wh.resolve("news/article_terms");
    Path commit = latestCommit(table.resolve("_delta_log"));
    long version = Long.parseLong(commit.getFileName().toString().substring(0, 20));
    assertTrue(version > 0, commit.toString());
    Files.writeString(commit, "{\"add\": garbage\n");

    CliRun articles = sql(wh, "SELECT count(*) AS n FROM news.articles");
    assertEquals(0, articles.code(), articles.err());
    assertEquals("n\n5", articles.out().strip());

    CliRun damaged = sql(wh, "SELECT count(*) AS n FROM news.article_terms");
    assertEquals(1, damaged.code(), damaged.err());
    assertEquals(1, damaged.err().strip().lines().count(), damaged.err());
    String err = damaged.err();
    assertTrue(err.startsWith("news-topics: news.article_terms cannot be read: its Delta log "), err);
    assertTrue(err.contains(commit.getFileName().toString()) && err.contains("version " + (version - 1)), err);
    assertTrue(err.contains("move the folder ") && err.contains("/news/article_terms away"), err);

    // the way back it names works: the table reads as of the version before the damaged commit
    Files.move(commit, dir.resolve("moved-away.json"));
    Files.deleteIfExists(commit.resolveSibling("." + commit.getFileName() + ".crc"));
    Files.deleteIfExists(commit.resolveSibling(commit.getFileName().toString().replace(".json", ".crc")));
    CliRun back = sql(wh, "SELECT count(*) AS n FROM news.article_terms");
    assertEquals(0, back.code(), back.err());
  }

  @Test
  void aLogWithoutItsFirstCommitStillOpensTheWarehouse() throws Exception {
    Path wh = copyOfSeedsWarehouse("truncated");
    Path table = wh.resolve("news/article_themes");
    Files.delete(table.resolve("_delta_log/00000000000000000000.json"));

    CliRun articles = sql(wh, "SELECT count(*) AS n FROM news.articles");
    assertEquals(0, articles.code(), articles.err());
    assertEquals("n\n5", articles.out().strip());
    CliRun topics = sql(wh, "SELECT count(DISTINCT topic_id) > 0 AS any FROM news.current_topics");
    assertEquals("any\ntrue", topics.out().strip(), topics.err());

    // the table and a view built on it: the same clear error, not "table not found"
    for (String q : new String[] {"SELECT theme FROM news.article_themes", "SELECT count(*) FROM news.article_themes",
        "SELECT * FROM news.theme_trends"}) {
      CliRun damaged = sql(wh, q);
      assertEquals(1, damaged.code(), damaged.err());
      String err = damaged.err();
      assertTrue(err.startsWith("news-topics: news.article_themes cannot be read: its Delta log "), err);
      assertTrue(err.contains("move the folder ") && err.contains("/news/article_themes away"), err);
      assertTrue(!err.contains("move " + table.resolve("_delta_log")), "no earlier version to go back to: " + err);
    }

    // the way back it names works: with the folder moved away, creating the warehouse makes the table again
    Files.move(table, dir.resolve("article_themes.damaged"));
    Warehouse.create(SparkTestSession.get(), wh.toString());
    CliRun again = sql(wh, "SELECT count(*) AS n FROM news.article_themes");
    assertEquals(0, again.code(), again.err());
    assertEquals("n\n0", again.out().strip());
  }
}
