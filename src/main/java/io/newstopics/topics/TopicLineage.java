package io.newstopics.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which topic of the previous training run each topic of this run continues: the cosine similarity of the two
 * topics' top-term weights (by model term, the {@code stem} column both runs write to news.topics, renormalised to
 * sum 1 per topic), matched one-to-one greedily by descending similarity (ties by topic ids). A topic keeps the
 * matched topic's {@code topic_key} when the similarity is at least the threshold; otherwise it gets a new key,
 * {@code <run_id>:<topic_id>}. Both inputs are k x top-N rows, so they are compared on the driver.
 */
public final class TopicLineage {
  private TopicLineage() {}

  /** One row of news.topic_lineage with the topic's key: previous_* null when no previous topic is close enough. */
  public record Link(int topicId, String topicKey, String previousRunId, Integer previousTopicId, Double similarity) {}

  /** The columns of {@link #trace}'s result. */
  public static final StructType SCHEMA = new StructType()
      .add("topic_id", DataTypes.IntegerType, false)
      .add("topic_key", DataTypes.StringType, false)
      .add("previous_run_id", DataTypes.StringType, true)
      .add("previous_topic_id", DataTypes.IntegerType, true)
      .add("similarity", DataTypes.DoubleType, true);

  /** The key of a topic that continues none: where it first appeared. */
  public static String newKey(String runId, int topicId) {
    return runId + ":" + topicId;
  }

  /**
   * The lineage of run {@code runId}'s topics. {@code current}: (topic_id, stem, weight) of this run's top terms;
   * {@code previous}: (topic_id, stem, weight, topic_key) of run {@code previousRunId}'s, or null when there is no
   * previous run. A previous topic without a key (written before keys) is keyed {@link #newKey} of its own run.
   */
  public static Dataset<Row> trace(SparkSession spark, String runId, Dataset<Row> current, String previousRunId,
                                   Dataset<Row> previous, double minSimilarity) {
    Map<Integer, Map<String, Double>> cur = weights(current.select("topic_id", "stem", "weight").collectAsList());
    Map<Integer, Map<String, Double>> prev = new TreeMap<>();
    Map<Integer, String> prevKeys = new HashMap<>();
    if (previous != null) {
      List<Row> rows = previous.select("topic_id", "stem", "weight", "topic_key").collectAsList();
      prev = weights(rows);
      for (Row r : rows) {
        int t = r.getInt(0);
        prevKeys.put(t, r.isNullAt(3) ? newKey(previousRunId, t) : r.getString(3));
      }
    }
    List<Row> out = new ArrayList<>();
    for (Link l : match(runId, cur, previousRunId, prev, prevKeys, minSimilarity)) {
      out.add(RowFactory.create(l.topicId(), l.topicKey(), l.previousRunId(), l.previousTopicId(), l.similarity()));
    }
    return spark.createDataFrame(out, SCHEMA);
  }

  /**
   * The links of every current topic, in topic order. {@code similarity} is that of the pair the greedy assignment
   * gave the topic, also when it is below {@code minSimilarity} (then previous_* are null and the key is new); null
   * when it got no pair (no previous run, or fewer previous topics).
   */
  static List<Link> match(String runId, Map<Integer, Map<String, Double>> current, String previousRunId,
                          Map<Integer, Map<String, Double>> previous, Map<Integer, String> previousKeys,
                          double minSimilarity) {
    record Pair(int cur, int prev, double sim) {}
    List<Pair> pairs = new ArrayList<>();
    for (var c : current.entrySet()) {
      for (var p : previous.entrySet()) {
        pairs.add(new Pair(c.getKey(), p.getKey(), cosine(c.getValue(), p.getValue())));
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::sim).reversed().thenComparingInt(Pair::cur)
        .thenComparingInt(Pair::prev));
    Map<Integer, Pair> chosen = new HashMap<>();
    Set<Integer> taken = new HashSet<>();
    for (Pair p : pairs) {
      if (!chosen.containsKey(p.cur()) && !taken.contains(p.prev())) {
        chosen.put(p.cur(), p);
        taken.add(p.prev());
      }
    }
    List<Link> links = new ArrayList<>();
    for (int t : new TreeMap<>(current).keySet()) {
      Pair p = chosen.get(t);
      if (p != null && p.sim() >= minSimilarity) {
        links.add(new Link(t, previousKeys.get(p.prev()), previousRunId, p.prev(), p.sim()));
      } else {
        links.add(new Link(t, newKey(runId, t), null, null, p == null ? null : p.sim()));
      }
    }
    return links;
  }

  /** Cosine of two term-weight vectors (renormalising does not change it; 0 when either is empty). */
  static double cosine(Map<String, Double> a, Map<String, Double> b) {
    double dot = 0;
    for (var e : a.entrySet()) {
      Double w = b.get(e.getKey());
      if (w != null) {
        dot += e.getValue() * w;
      }
    }
    double na = norm(a);
    double nb = norm(b);
    return na == 0 || nb == 0 ? 0 : Math.min(1.0, dot / (na * nb));
  }

  private static double norm(Map<String, Double> v) {
    double s = 0;
    for (double w : v.values()) {
      s += w * w;
    }
    return Math.sqrt(s);
  }

  /** Per topic: its terms' weights renormalised to sum 1 (a term listed twice counts once, summed). */
  private static Map<Integer, Map<String, Double>> weights(List<Row> rows) {
    Map<Integer, Map<String, Double>> out = new TreeMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.getInt(0), t -> new HashMap<>()).merge(r.getString(1), r.getDouble(2), Double::sum);
    }
    for (Map<String, Double> terms : out.values()) {
      double sum = terms.values().stream().mapToDouble(Double::doubleValue).sum();
      if (sum > 0) {
        terms.replaceAll((term, w) -> w / sum);
      }
    }
    return out;
  }
}
