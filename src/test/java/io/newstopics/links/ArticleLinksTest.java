package io.newstopics.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig.LinkOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class ArticleLinksTest {
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> articles(Map<String, String[]> docs) {
    List<Row> rows = new ArrayList<>();
    docs.forEach((id, d) -> rows.add(RowFactory.create(id, d[0],
        CollectionConverters.asScala(List.of(d[1].split(" "))).toList())));
    return spark.createDataFrame(rows, new StructType().add("article_id", "string").add("lang", "string")
        .add("terms", "array<string>"));
  }

  /** The vocabulary as TermFeatures builds it: term_index, doc_freq and Spark's IDF log((n + 1) / (df + 1)). */
  private Dataset<Row> vocabulary(Dataset<Row> articles) {
    long n = articles.count();
    articles.createOrReplaceTempView("golden_articles");
    return spark.sql("SELECT CAST(row_number() OVER (ORDER BY stem) - 1 AS INT) AS term_index, "
        + "stem, upper(stem) AS term, count(DISTINCT article_id) AS doc_freq, "
        + "ln((" + n + " + 1) / (count(DISTINCT article_id) + 1)) AS idf "
        + "FROM golden_articles LATERAL VIEW explode(terms) t AS stem GROUP BY stem");
  }

  @Test
  void translationsAndRewritesAreLinkedUnrelatedArticlesNot() {
    Map<String, String[]> docs = new TreeMap<>();
    docs.put("r1", new String[] {"ru", "c:putin c:maduro c:missile c:radar c:radar просьб письм помощ modern"});
    docs.put("u1", new String[] {"uk", "c:putin c:maduro c:missile c:radar c:radar прохання лист допомога modern"});
    docs.put("r2", new String[] {"ru", "c:putin c:maduro c:missile c:radar c:radar просьб письм помощ ремонт"});
    docs.put("r3", new String[] {"ru", "футбол матч гол команд c:russia тренер"});
    docs.put("u3", new String[] {"uk", "футбол матч гол команда тренер c:sanctions"});
    docs.put("u4", new String[] {"uk", "вибори c:opposition c:guaido протест c:maduro"});
    Dataset<Row> a = articles(docs);
    Dataset<Row> v = vocabulary(a);
    Map<String, Row> links = new HashMap<>();
    for (Row r : ArticleLinks.links(a, v, new LinkOptions(0.3, 1000, 3)).collectAsList()) {
      links.put(r.getString(0) + "-" + r.getString(1), r);
    }
    assertEquals(List.of("r1-r2", "r1-u1", "r2-u1", "r3-u3").stream().sorted().toList(),
        links.keySet().stream().sorted().toList(), links.toString());
    Row translation = links.get("r1-u1");
    assertEquals(ArticleLinks.CROSS_LANGUAGE, translation.getString(3));
    assertEquals(false, translation.getBoolean(4));
    assertEquals(1.0, translation.getDouble(2), 1e-9, "the same on every term both languages use");
    assertEquals("C:RADAR", translation.getList(5).get(0), "largest contribution first: " + translation);
    Row rewrite = links.get("r1-r2");
    assertEquals(ArticleLinks.SAME_LANGUAGE, rewrite.getString(3));
    assertTrue(rewrite.getDouble(2) > 0.7 && rewrite.getDouble(2) < 1.0, rewrite.toString());

    // with no threshold every pair that shares a term is scored: the unrelated ones lower than the stories
    double story = Math.min(translation.getDouble(2), rewrite.getDouble(2));
    for (Row r : ArticleLinks.links(a, v, new LinkOptions(0.0, 1000, 3)).collectAsList()) {
      String pair = r.getString(0) + "-" + r.getString(1);
      if (!links.containsKey(pair)) {
        assertTrue(r.getDouble(2) < 0.3 && r.getDouble(2) < story, r.toString());
      }
    }
  }

  @Test
  void findsExactlyThePairsABruteForceCosineFinds() {
    Random rnd = new Random(7);
    Map<String, String[]> docs = new TreeMap<>();
    for (int d = 0; d < 40; d++) {
      StringBuilder b = new StringBuilder();
      int base = rnd.nextInt(8) * 6; // a few "stories" of shared rare words, plus common words
      for (int i = 0; i < 12; i++) {
        int w = rnd.nextDouble() < 0.5 ? base + rnd.nextInt(8) : (int) Math.floor(Math.pow(rnd.nextDouble(), 3) * 60);
        b.append(i == 0 ? "" : " ").append("w").append(w);
      }
      docs.put(String.format("d%02d", d), new String[] {"ru", b.toString()});
    }
    Dataset<Row> a = articles(docs);
    Dataset<Row> v = vocabulary(a);
    Map<String, Double> idf = new HashMap<>();
    Map<String, Long> df = new HashMap<>();
    for (Row r : v.collectAsList()) {
      idf.put(r.getString(1), r.getDouble(4));
      df.put(r.getString(1), r.getLong(3));
    }
    Map<String, Map<String, Double>> unit = new TreeMap<>();
    docs.forEach((id, d) -> {
      Map<String, Double> w = new HashMap<>();
      for (String t : d[1].split(" ")) {
        w.merge(t, idf.get(t), Double::sum);
      }
      w.values().removeIf(x -> x <= 0);
      double norm = Math.sqrt(w.values().stream().mapToDouble(x -> x * x).sum());
      w.replaceAll((t, x) -> x / norm);
      unit.put(id, w);
    });
    // with a cap on the join terms: exactly the pairs whose terms under the cap give at least half the threshold
    for (double[] tc : new double[][] {{0.2, 1000}, {0.4, 1000}, {0.6, 1000}, {0.3, 6}}) {
      double t = tc[0];
      int cap = (int) tc[1];
      Map<String, Double> expected = new TreeMap<>();
      List<String> ids = new ArrayList<>(unit.keySet());
      for (int i = 0; i < ids.size(); i++) {
        for (int j = i + 1; j < ids.size(); j++) {
          Map<String, Double> x = unit.get(ids.get(i));
          Map<String, Double> y = unit.get(ids.get(j));
          double dot = x.entrySet().stream().mapToDouble(e -> e.getValue() * y.getOrDefault(e.getKey(), 0.0)).sum();
          double rare = x.entrySet().stream().filter(e -> df.get(e.getKey()) <= cap)
              .mapToDouble(e -> e.getValue() * y.getOrDefault(e.getKey(), 0.0)).sum();
          boolean rareShared = rare >= t * ArticleLinks.CANDIDATE_SHARE - 1e-12;
          if (dot >= t && rareShared) {
            expected.put(ids.get(i) + "-" + ids.get(j), dot);
          }
        }
      }
      assertTrue(expected.size() > 3, "a meaningful test at " + t + ", cap " + cap + ": " + expected);
      // in one block, and in 6 blocks of at most 7 articles (21 tasks: each pair of blocks, each block with itself)
      for (int block : new int[] {ArticleLinks.BLOCK_ARTICLES, 7}) {
        Map<String, Double> found = new TreeMap<>();
        for (Row r : ArticleLinks.links(a, v, new LinkOptions(t, cap, 3), d -> d, block).collectAsList()) {
          assertEquals(null, found.put(r.getString(0) + "-" + r.getString(1), r.getDouble(2)), "listed once");
        }
        assertEquals(expected.keySet(), found.keySet(), "pairs at " + t + ", cap " + cap + ", blocks of " + block);
        expected.forEach((p, s) -> assertEquals(s, found.get(p), 1e-9, p));
      }
    }
  }

  @Test
  void twoIdsWithOneKeyAreAnErrorNotOneArticle() {
    Dataset<Row> ids = spark.createDataFrame(List.of(RowFactory.create("a", 7L), RowFactory.create("b", 7L),
        RowFactory.create("c", 8L)), new StructType().add("article_id", "string").add("key", "long"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ArticleLinks.unique(ids));
    assertTrue(e.getMessage().contains("3 article ids have only 2 distinct"), e.getMessage());
    Dataset<Row> distinct = ids.where("article_id <> 'b'");
    assertEquals(distinct, ArticleLinks.unique(distinct));
  }
}
