package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newstopics.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The display order on a corpus counted by hand: a, b, c always occur together (d1-d4); r1 and r2 are rare names of
 * two unrelated stories (one document each, never with a, b, c); e occurs with a in d2 only. Each document is there
 * {@code copies} times: the same probabilities, so the same NPMI, at any number of documents.
 */
class CoherentTermsTest {
  private static final Predicate<String> NO_VERBS = t -> false;

  private static Dataset<Row> corpus(int copies) {
    return SparkTestSession.get().sql("""
        SELECT doc, tokens FROM VALUES
          (1, array('a', 'b', 'c')), (2, array('a', 'b', 'c', 'e')), (3, array('c', 'b', 'a')),
          (4, array('a', 'b', 'c', 'a')), (5, array('r1', 'x')), (6, array('r2', 'y')), (7, array('e', 'z')),
          (8, array('x', 'y', 'z'))
        AS docs(doc, tokens) LATERAL VIEW explode(sequence(1, %d)) c AS k""".formatted(copies));
  }

  private static Map<Integer, List<String>> candidates() {
    Map<Integer, List<String>> candidates = new TreeMap<>();
    candidates.put(0, List.of("r1", "a", "r2", "b", "e", "c")); // heaviest first: two rare names among the top 3
    candidates.put(1, List.of("x", "y")); // no more candidates than scored terms: the weight order stays
    return candidates;
  }

  @Test
  void heavyTermsThatNeverOccurWithTheRestAreShownAfterThem() {
    Dataset<Row> corpus = corpus(13); // 104 documents: at least CoherentTerms.MIN_DOCUMENTS
    Map<Integer, List<String>> candidates = candidates();
    CoherentTerms.Ranked r = CoherentTerms.rank(corpus, "tokens", candidates, 3, NO_VERBS);

    assertEquals(List.of("a", "b", "c", "r1", "r2", "e"), r.order().get(0));
    assertEquals(List.of("x", "y"), r.order().get(1));
    // the chosen three always occur together: NPMI 1 from the same counts, where the weight order's top 3 scores -1
    assertEquals(List.of("a", "b", "c"), r.displayed().topics().get(0).terms());
    assertEquals(1.0, r.displayed().topics().get(0).npmi(), 1e-9);
    // the topic itself is still judged on its heaviest terms (no verbs here): as Coherence scores them, -1 (r1, a, r2
    // never meet)
    assertEquals(List.of("r1", "a", "r2"), r.judged().topics().get(0).terms());
    assertEquals(-1.0, r.judged().topics().get(0).npmi(), 1e-9);
    assertEquals(Coherence.score(corpus, "tokens", candidates, 3).topics(), r.judged().topics());
    assertEquals(104, r.displayed().documents());
    // x and y: 2 documents each, 1 together: log(2) / log(8)
    assertEquals(1.0 / 3, r.displayed().topics().get(1).npmi(), 1e-9);
  }

  @Test
  void inFewerArticlesThanTheMinimumTheWeightOrderStays() {
    CoherentTerms.Ranked r = CoherentTerms.rank(corpus(1), "tokens", candidates(), 3, NO_VERBS);
    assertEquals(candidates(), r.order());
    assertEquals(r.judged().topics(), r.displayed().topics());
    // verbs too keep their weight place there, in the display and in the judgement
    r = CoherentTerms.rank(corpus(1), "tokens", candidates(), 3, "a"::equals);
    assertEquals(List.of("r1", "a", "r2"), r.judged().topics().get(0).terms());
  }

  @Test
  void verbsComeLastUnlessTooFewOtherTermsRemain() {
    Dataset<Row> corpus = corpus(13);
    // b is a verb: the other five still give three terms (a, c and e, which meets them in d2), and b comes last
    CoherentTerms.Ranked r = CoherentTerms.rank(corpus, "tokens", candidates(), 3, "b"::equals);
    assertEquals(List.of("a", "e", "c", "r1", "r2", "b"), r.order().get(0));
    assertEquals(List.of("a", "e", "c"), r.displayed().topics().get(0).terms());
    // x and y are both verbs: no other term is left, so they are chosen as before
    assertEquals(List.of("x", "y"), r.order().get(1));
    // four of six are verbs: too few others, so all six are reordered by co-occurrence as without verbs
    r = CoherentTerms.rank(corpus, "tokens", candidates(), 3, t -> !t.equals("r1") && !t.equals("e"));
    assertEquals(List.of("a", "b", "c", "r1", "r2", "e"), r.order().get(0));
  }

  @Test
  void aTopicIsJudgedOnTheKindsOfTermsItIsReadFrom() {
    Dataset<Row> corpus = corpus(13);
    Map<Integer, List<String>> candidates = new TreeMap<>(candidates());
    candidates.put(0, List.of("a", "b", "c", "r1", "r2", "e")); // its three heaviest always occur together...
    // ...but they are verbs: the topic is judged on its heaviest other terms, unrelated stories that never meet
    CoherentTerms.Ranked r = CoherentTerms.rank(corpus, "tokens", candidates, 3,
        Set.of("a", "b", "c", "x", "y")::contains);
    assertEquals(List.of("r1", "r2", "e"), r.judged().topics().get(0).terms());
    assertEquals(-1.0, r.judged().topics().get(0).npmi(), 1e-9);
    assertEquals(1.0, CoherentTerms.rank(corpus, "tokens", candidates, 3, NO_VERBS).judged().topics().get(0).npmi(),
        1e-9);
    // x and y are verbs and there is nothing else: judged on them
    assertEquals(List.of("x", "y"), r.judged().topics().get(1).terms());
    // too few other terms: the heaviest verb fills up
    assertEquals(List.of("r1", "r2", "a"), CoherentTerms.judgedTerms(candidates.get(0), 3, t -> !t.startsWith("r")));
  }
}
