package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newstopics.SparkTestSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Topic matching on hand-made topic term tables. Previous run p: topic 0 = sanctions (санкция .5, нефть .3, эмбарго
 * .2), keyed K-sanctions; topic 1 = football (матч .6, гол .4), written before keys (null key); topic 2 = weather
 * (дождь 1). Current run c: topic 0 = football with one term changed (матч .5, гол .3, тренер .2), topic 1 =
 * sanctions reweighted (нефть .5, санкция .4, газ .1), topic 2 = elections (выборы 1), which shares nothing.
 */
class TopicLineageTest {
  private static final double EPS = 1e-9;

  private static Dataset<Row> previous(SparkSession spark) {
    return spark.sql("""
        SELECT * FROM VALUES
          (0, 'санкция', 0.5D, 'K-sanctions'), (0, 'нефть', 0.3D, 'K-sanctions'), (0, 'эмбарго', 0.2D, 'K-sanctions'),
          (1, 'матч', 0.06D, CAST(NULL AS STRING)), (1, 'гол', 0.04D, CAST(NULL AS STRING)),
          (2, 'дождь', 0.2D, 'K-weather')
        AS t(topic_id, stem, weight, topic_key)""");
  }

  private static Dataset<Row> current(SparkSession spark) {
    return spark.sql("""
        SELECT * FROM VALUES
          (0, 'матч', 0.5D), (0, 'гол', 0.3D), (0, 'тренер', 0.2D),
          (1, 'нефть', 0.5D), (1, 'санкция', 0.4D), (1, 'газ', 0.1D),
          (2, 'выборы', 0.3D)
        AS t(topic_id, stem, weight)""");
  }

  private static Map<Integer, Row> byTopic(Dataset<Row> lineage) {
    Map<Integer, Row> out = new HashMap<>();
    for (Row r : lineage.collectAsList()) {
      out.put(r.getInt(r.fieldIndex("topic_id")), r);
    }
    return out;
  }

  @Test
  void keysFollowTheMostSimilarPreviousTopic() {
    SparkSession spark = SparkTestSession.get();
    Map<Integer, Row> rows = byTopic(TopicLineage.trace(spark, "c", current(spark), "p", previous(spark), 0.5));
    assertEquals(3, rows.size(), "one row per current topic");

    Row football = rows.get(0);
    double footballSim = (0.5 * 0.6 + 0.3 * 0.4) / (Math.sqrt(0.25 + 0.09 + 0.04) * Math.sqrt(0.36 + 0.16));
    assertEquals(footballSim, football.getDouble(football.fieldIndex("similarity")), EPS,
        "cosine over the renormalised weights (previous football 0.06/0.04 -> 0.6/0.4)");
    assertEquals(1, football.getInt(football.fieldIndex("previous_topic_id")));
    assertEquals("p", football.getString(football.fieldIndex("previous_run_id")));
    assertEquals("p:1", football.getString(football.fieldIndex("topic_key")), "a previous topic without a key is "
        + "keyed by its own run and topic");

    Row sanctions = rows.get(1);
    assertEquals(0, sanctions.getInt(sanctions.fieldIndex("previous_topic_id")));
    assertEquals("K-sanctions", sanctions.getString(sanctions.fieldIndex("topic_key")), "the key is carried");

    Row elections = rows.get(2);
    assertEquals("c:2", elections.getString(elections.fieldIndex("topic_key")), "no shared term: a new key");
    assertNull(elections.get(elections.fieldIndex("previous_run_id")));
    assertNull(elections.get(elections.fieldIndex("previous_topic_id")));
    assertEquals(0.0, elections.getDouble(elections.fieldIndex("similarity")), EPS,
        "the greedy pair left to it (weather) shares nothing");
  }

  @Test
  void aThresholdAboveTheSimilarityGivesNewKeys() {
    SparkSession spark = SparkTestSession.get();
    Map<Integer, Row> rows = byTopic(TopicLineage.trace(spark, "c", current(spark), "p", previous(spark), 0.99));
    for (Row r : rows.values()) {
      int t = r.getInt(r.fieldIndex("topic_id"));
      assertEquals("c:" + t, r.getString(r.fieldIndex("topic_key")));
      assertNull(r.get(r.fieldIndex("previous_topic_id")));
    }
  }

  @Test
  void theFirstRunHasNoPrevious() {
    SparkSession spark = SparkTestSession.get();
    Map<Integer, Row> rows = byTopic(TopicLineage.trace(spark, "c", current(spark), null, null, 0.5));
    assertEquals(3, rows.size());
    for (Row r : rows.values()) {
      assertEquals("c:" + r.getInt(r.fieldIndex("topic_id")), r.getString(r.fieldIndex("topic_key")));
      assertNull(r.get(r.fieldIndex("previous_run_id")));
      assertNull(r.get(r.fieldIndex("similarity")));
    }
  }

  @Test
  void eachPreviousTopicIsTakenOnce() {
    // two current topics both closest to previous topic 0: the closer one takes it, the other gets topic 1
    Map<Integer, Map<String, Double>> cur = Map.of(
        0, Map.of("a", 0.9, "b", 0.1),
        1, Map.of("a", 1.0));
    Map<Integer, Map<String, Double>> prev = Map.of(
        0, Map.of("a", 1.0),
        1, Map.of("a", 0.5, "b", 0.5));
    List<TopicLineage.Link> links = TopicLineage.match("c", cur, "p", prev, Map.of(0, "A", 1, "B"), 0.5);
    assertEquals(List.of(0, 1), links.stream().map(TopicLineage.Link::topicId).toList());
    assertEquals("B", links.get(0).topicKey());
    assertEquals("A", links.get(1).topicKey());
    assertEquals(1.0, links.get(1).similarity(), EPS);
  }
}
