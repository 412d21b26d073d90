package io.newstopics.topics;

import static java.lang.Math.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * NPMI and UMass on a corpus small enough to count by hand. D = 8 documents:
 * <pre>
 *   d1 a b d a a x    d2 a b    d3 b a y    d4 a b z    d5 c d    d6 c    d7 d x    d8 (no tokens)
 * </pre>
 * D(a) = 4, D(b) = 4, D(c) = 2, D(d) = 3; D(a,b) = 4 (always together), D(a,c) = D(b,c) = 0 (never),
 * D(a,d) = D(b,d) = D(c,d) = 1. Repeats within a document (a in d1) count once.
 */
class CoherenceTest {
  private static final double EPS = 1e-9;

  private static Dataset<Row> corpus() {
    return SparkTestSession.get().sql("""
        SELECT * FROM VALUES
          (1, array('a', 'b', 'd', 'a', 'a', 'x')), (2, array('a', 'b')), (3, array('b', 'a', 'y')),
          (4, array('a', 'b', 'z')), (5, array('c', 'd')), (6, array('c')), (7, array('d', 'x')),
          (8, CAST(array() AS array<string>))
        AS docs(doc, tokens)""");
  }

  private static Map<Integer, List<String>> topics() {
    Map<Integer, List<String>> t = new TreeMap<>();
    t.put(0, List.of("a", "b", "c"));
    t.put(1, List.of("d", "a", "c"));
    return t;
  }

  @Test
  void npmiAndUmassByHand() {
    Coherence.Result r = Coherence.score(corpus(), "tokens", topics(), 10);
    assertEquals(8, r.documents());
    Coherence.TopicScore t0 = r.topics().get(0);
    // (a,b) always together: log(.5 / (.5 * .5)) / -log .5 = 1; (a,c), (b,c) never: -1
    assertEquals((1.0 - 1.0 - 1.0) / 3, t0.npmi(), EPS);
    // Mimno order: log((D(b,a) + 1) / D(a)), log((D(c,a) + 1) / D(a)), log((D(c,b) + 1) / D(b))
    assertEquals((log(5.0 / 4) + log(1.0 / 4) + log(1.0 / 4)) / 3, t0.umass(), EPS);

    Coherence.TopicScore t1 = r.topics().get(1);
    double da = log((1.0 / 8) / ((3.0 / 8) * (4.0 / 8))) / -log(1.0 / 8);
    double dc = log((1.0 / 8) / ((3.0 / 8) * (2.0 / 8))) / -log(1.0 / 8);
    assertEquals((da + dc - 1.0) / 3, t1.npmi(), EPS);
    // conditioned on the higher-ranked term: (a | d), (c | d), (c | a)
    assertEquals((log(2.0 / 3) + log(2.0 / 3) + log(1.0 / 4)) / 3, t1.umass(), EPS);

    assertEquals((t0.npmi() + t1.npmi()) / 2, r.meanNpmi(), EPS);
    assertEquals((t0.umass() + t1.umass()) / 2, r.meanUmass(), EPS);
    assertEquals(4.0 / 6, r.diversity(), EPS); // a, b, c, d among 6 listed terms
    assertEquals(0, r.best().orElseThrow().topicId());
    assertEquals(1, r.worst().orElseThrow().topicId());
    assertEquals(0, t0.missingTerms());
  }

  @Test
  void perfectPairIsOneAndNeverTogetherIsMinusOne() {
    Coherence.Result r = Coherence.score(corpus(), "tokens",
        List.of(List.of("a", "b", "c"), List.of("a", "c"), List.of("b", "a")), 2);
    assertEquals(List.of("a", "b"), r.topics().get(0).terms(), "only the top 2 terms are scored");
    assertEquals(1.0, r.topics().get(0).npmi(), EPS);
    assertEquals(log(5.0 / 4), r.topics().get(0).umass(), EPS);
    assertEquals(-1.0, r.topics().get(1).npmi(), EPS);
    assertEquals(log(1.0 / 4), r.topics().get(1).umass(), EPS);
    assertEquals(1.0, r.topics().get(2).npmi(), EPS);
    // terms in every document: the 0/0 of the formula is its limit, 1
    assertEquals(1.0, Coherence.npmi(8, 8, 8, 8), EPS);
  }

  @Test
  void termsAbsentFromTheCorpus() {
    Coherence.Result r = Coherence.score(corpus(), "tokens", List.of(List.of("a", "q"), List.of("q", "a")), 10);
    assertEquals(-1.0, r.topics().get(0).npmi(), EPS);
    assertEquals(log(1.0 / 4), r.topics().get(0).umass(), EPS);
    assertEquals(1, r.topics().get(0).missingTerms());
    assertTrue(Double.isNaN(r.topics().get(1).umass()), "log(1 / D(q)) with D(q) = 0 is undefined");
    assertEquals(log(1.0 / 4), r.meanUmass(), EPS, "undefined topics are left out of the mean");
  }

  @Test
  void termIndicesGiveTheSameScoresAsTerms() {
    // a=0 b=1 c=2 d=3 x=4 y=5 z=6, with a null document instead of the empty one
    Dataset<Row> indexed = SparkTestSession.get().sql("""
        SELECT * FROM VALUES
          (1, array(0, 1, 3, 0, 0, 4)), (2, array(0, 1)), (3, array(1, 0, 5)), (4, array(0, 1, 6)),
          (5, array(2, 3)), (6, array(2)), (7, array(3, 4)), (8, CAST(NULL AS array<int>))
        AS docs(doc, idx)""");
    Coherence.Result byIndex = Coherence.scoreIndices(indexed, "idx",
        Map.of(0, new int[] {0, 1, 2}, 1, new int[] {3, 0, 2}), 10);
    Coherence.Result byTerm = Coherence.score(corpus(), "tokens", topics(), 10);
    assertEquals(8, byIndex.documents());
    for (int i = 0; i < 2; i++) {
      assertEquals(byTerm.topics().get(i).npmi(), byIndex.topics().get(i).npmi(), EPS);
      assertEquals(byTerm.topics().get(i).umass(), byIndex.topics().get(i).umass(), EPS);
    }
  }

  @Test
  void deterministicAndPerTopicTable() {
    Coherence.Result a = Coherence.score(corpus().repartition(3), "tokens", topics(), 10);
    Coherence.Result b = Coherence.score(corpus().coalesce(1), "tokens", topics(), 10);
    assertEquals(a, b);
    List<Row> rows = a.asTable(SparkTestSession.get()).orderBy("topic_id").collectAsList();
    assertEquals(2, rows.size());
    assertEquals(a.topics().get(1).npmi(), rows.get(1).getDouble(1), 0.0);
    assertEquals(a.topics().get(1).umass(), rows.get(1).getDouble(2), 0.0);
  }

  @Test
  void rejectsWhatItCannotScore() {
    assertThrows(IllegalArgumentException.class, () -> Coherence.score(corpus(), "tokens", topics(), 1));
    assertThrows(IllegalArgumentException.class, () -> Coherence.score(corpus(), "doc", topics(), 10));
  }

  /**
   * The counts are those of the Spark built-ins they replaced (array_intersect, the pairs, explode, groupBy): on 400
   * random documents over 30 words, with repeats, null tokens, empty and null documents, across 7 partitions and an
   * empty one.
   */
  @Test
  void sameCountsAsSparkBuiltIns() {
    java.util.Random rnd = new java.util.Random(7);
    List<Row> docs = new java.util.ArrayList<>();
    for (int d = 0; d < 400; d++) {
      if (d % 97 == 0) {
        docs.add(org.apache.spark.sql.RowFactory.create((Object) null));
        continue;
      }
      List<String> tokens = new java.util.ArrayList<>();
      for (int i = rnd.nextInt(12); i > 0; i--) {
        tokens.add(rnd.nextInt(40) == 0 ? null : "w" + rnd.nextInt(30));
      }
      docs.add(org.apache.spark.sql.RowFactory.create(tokens));
    }
    var spark = SparkTestSession.get();
    Dataset<Row> corpus = spark.createDataFrame(docs, new org.apache.spark.sql.types.StructType()
        .add("tokens", org.apache.spark.sql.types.DataTypes.createArrayType(
            org.apache.spark.sql.types.DataTypes.StringType, true))).repartition(7)
        .union(spark.emptyDataFrame().selectExpr("CAST(NULL AS array<string>) AS tokens").where("false"));
    String[] terms = {"w0", "w1", "w10", "w11", "w12", "w2", "w3", "w5", "w8", "w9", "w29", "absent"};
    Coherence.Counts counts = Coherence.count(corpus, "tokens", terms);

    var tokens = org.apache.spark.sql.functions.coalesce(org.apache.spark.sql.functions.col("tokens"),
        org.apache.spark.sql.functions.array().cast("array<string>"));
    var present = org.apache.spark.sql.functions.array_sort(
        org.apache.spark.sql.functions.array_intersect(tokens, org.apache.spark.sql.functions.lit(terms)));
    var marker = org.apache.spark.sql.functions.array(org.apache.spark.sql.functions.struct(
        org.apache.spark.sql.functions.lit(null).cast("string").as("a"),
        org.apache.spark.sql.functions.lit(null).cast("string").as("b")));
    List<Row> builtIn = corpus.select(present.as("p"))
        .select(org.apache.spark.sql.functions.concat(marker, org.apache.spark.sql.functions.expr(
            "flatten(transform(p, (x, i) -> transform(slice(p, i + 1, size(p) - i), y -> named_struct('a', x, 'b', y))))"))
            .as("pairs"))
        .select(org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.col("pairs")).as("q"))
        .groupBy(org.apache.spark.sql.functions.col("q.a").as("a"), org.apache.spark.sql.functions.col("q.b").as("b"))
        .count().collectAsList();
    int pairs = 0;
    for (Row r : builtIn) {
      if (r.isNullAt(0)) {
        assertEquals(r.getLong(2), counts.documents());
      } else {
        assertEquals(r.getLong(2), counts.df(r.getString(0), r.getString(1)), r.getString(0) + "," + r.getString(1));
        assertEquals(r.getLong(2), counts.df(r.getString(1), r.getString(0)));
        pairs += r.getString(0).equals(r.getString(1)) ? 0 : 1;
      }
    }
    assertEquals(400, counts.documents());
    assertEquals(builtIn.size() - 1 - pairs, counts.single().size(), "the same terms found");
    assertEquals(2 * pairs, counts.pair().values().stream().mapToInt(Map::size).sum(), "the same pairs found");
    assertEquals(0, counts.df("absent"));
  }
}
