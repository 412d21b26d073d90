package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newstopics.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The quality rule and the per-topic label/quality table, on a corpus small enough to count by hand. */
class TopicQualityTest {
  @Test
  void belowZeroOrUndefinedNpmiIsIncoherent() {
    assertEquals(TopicQuality.INCOHERENT, TopicQuality.of(-0.001));
    assertEquals(TopicQuality.INCOHERENT, TopicQuality.of(-1.0));
    assertEquals(TopicQuality.INCOHERENT, TopicQuality.of(Double.NaN));
    assertEquals(TopicQuality.OK, TopicQuality.of(0.0));
    assertEquals(TopicQuality.OK, TopicQuality.of(0.4));
  }

  /**
   * Documents: a b | a b | a b | c | d | c d. Topic 0 (a, b: always together) NPMI 1: ok. Topic 1 (a, c, d: a never
   * with c or d, c and d once together) NPMI below 0: incoherent, whatever its labels say.
   */
  @Test
  void tableFlagsTheIncoherentTopicAndLabelsFromTheHeaviestDistinctTerms() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> docs = spark.sql("SELECT * FROM VALUES (array('a', 'b')), (array('a', 'b')), (array('a', 'b')), "
        + "(array('c')), (array('d')), (array('c', 'd')) AS d(tokens)");
    Map<Integer, List<String>> topics = new TreeMap<>();
    topics.put(0, List.of("a", "b"));
    topics.put(1, List.of("a", "c", "d"));
    Coherence.Result c = Coherence.score(docs, "tokens", topics, 10);
    assertEquals(1.0, c.topics().get(0).npmi(), 1e-9);
    assertEquals(true, c.topics().get(1).npmi() < 0, c.topics().get(1).toString());
    assertEquals(1, TopicQuality.incoherent(c));

    // display terms, rows in no particular order; topic 1 shows "Путин/Путін" twice (two stems, one concept name)
    Dataset<Row> terms = spark.sql("SELECT * FROM VALUES (0, 2, 'Беларусь'), (0, 1, 'Лукашенко'), (0, 3, 'выборы'), "
        + "(0, 4, 'оппозиция'), (1, 3, 'Путин/Путін'), (1, 1, 'санкция/санкція'), (1, 2, 'Путин/Путін'), "
        + "(1, 4, 'нефть'), (1, 5, 'газ') AS t(topic_id, term_rank, term)");
    Map<Integer, Row> byTopic = new TreeMap<>();
    for (Row r : TopicQuality.table(spark, terms, c).collectAsList()) {
      byTopic.put(r.getInt(r.fieldIndex("topic_id")), r);
    }
    assertEquals(2, byTopic.size());
    assertEquals("Лукашенко, Беларусь, выборы", byTopic.get(0).getAs("label"));
    assertEquals(TopicQuality.OK, byTopic.get(0).getAs("quality"));
    assertEquals("санкция/санкція, Путин/Путін, нефть", byTopic.get(1).getAs("label"));
    assertEquals(TopicQuality.INCOHERENT, byTopic.get(1).getAs("quality"));
  }
}
