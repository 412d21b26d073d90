package io.newstopics.topics;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Topic coherence of any topic model against any reference corpus: one scorer for every model (Spark LDA here,
 * MALLET or gensim in a benchmark), as long as the topics' terms and the documents' tokens are the same
 * representation (stems/lemmas, surface words, or term indices).
 *
 * <p><b>Counts.</b> Co-occurrence is document-level and binary: a document counts once for a term however often
 * the term occurs in it. With {@code D} the number of reference documents, {@code D(w)} the number of documents
 * containing {@code w} and {@code D(wi, wj)} the number containing both, {@code P(w) = D(w) / D} and
 * {@code P(wi, wj) = D(wi, wj) / D}. A topic is scored on its top {@code N} terms {@code w1..wN} (its own order,
 * w1 the most probable; N = {@code topics.coherence-terms}, 10 by default).
 *
 * <p><b>NPMI</b> (Bouma 2009; the C_NPMI of Röder et al. 2015 with a document window): the mean over the
 * {@code N(N-1)/2} unordered pairs {@code i < j} of
 * <pre>
 *   NPMI(wi, wj) = log( P(wi, wj) / (P(wi) P(wj)) ) / -log P(wi, wj)
 * </pre>
 * in [-1, 1]: -1 for a pair that never co-occurs ({@code D(wi, wj) = 0}, the limit of the formula), 0 for
 * independent terms, 1 for terms that always occur together ({@code P(wi, wj) = P(wi) = P(wj)}; also when both
 * occur in every document, where the formula is 0/0).
 *
 * <p><b>UMass</b> (Mimno et al. 2011), ordered by topic rank: the mean over the {@code N(N-1)/2} pairs
 * {@code l < m} (wl ranked above wm) of
 * <pre>
 *   UMass(wm, wl) = log( (D(wm, wl) + 1) / D(wl) )
 * </pre>
 * at most {@code log(1 + 1/D(wl))}, close to 0 for coherent topics, more negative for less coherent ones. Mimno
 * define the sum; the mean (as gensim's default) makes topics of different N comparable. A pair whose conditioning
 * term {@code wl} occurs in no reference document is undefined and left out of the mean (such terms are counted in
 * {@link TopicScore#missingTerms()}; a model scored on its own training corpus has none).
 *
 * <p><b>In Spark.</b> The distinct top terms of all topics (at most k·N) travel with the task, sorted. Each task counts
 * its documents into one array (a term's distinct occurrences per document, turned into the pairs of the present top
 * terms, a term with itself included, which gives D(w); plus the documents, which gives D), and only those arrays
 * reach the driver: (k·N)(k·N+1)/2 + 1 numbers per partition, whatever the corpus size. The scores are then computed
 * on the driver in topic and rank order, so the same counts always give the same numbers.
 */
public final class Coherence {
  /** Top terms per topic scored by default ({@code topics.coherence-terms}). */
  public static final int DEFAULT_TERMS = 10;

  private Coherence() {}

  /** One topic's scores: NaN when the topic has fewer than two terms (or no defined UMass pair). */
  public record TopicScore(int topicId, List<String> terms, double npmi, double umass, int missingTerms)
      implements Serializable {}

  /** Scores of all topics against {@code documents} reference documents, in topic id order. */
  public record Result(long documents, int termsPerTopic, List<TopicScore> topics) implements Serializable {
    public double meanNpmi() {
      return mean(topics.stream().mapToDouble(TopicScore::npmi).toArray());
    }

    public double meanUmass() {
      return mean(topics.stream().mapToDouble(TopicScore::umass).toArray());
    }

    /** Topic diversity (Dieng et al. 2020): distinct terms among all scored top-N lists / their total length. */
    public double diversity() {
      int total = 0;
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (TopicScore t : topics) {
        total += t.terms().size();
        distinct.addAll(t.terms());
      }
      return total == 0 ? Double.NaN : (double) distinct.size() / total;
    }

    /** The topic with the highest NPMI (the lowest topic id among equals). */
    public Optional<TopicScore> best() {
      return topics.stream().filter(t -> !Double.isNaN(t.npmi()))
          .min(Comparator.comparingDouble((TopicScore t) -> -t.npmi()).thenComparingInt(TopicScore::topicId));
    }

    /** The topic with the lowest NPMI (the lowest topic id among equals). */
    public Optional<TopicScore> worst() {
      return topics.stream().filter(t -> !Double.isNaN(t.npmi()))
          .min(Comparator.comparingDouble(TopicScore::npmi).thenComparingInt(TopicScore::topicId));
    }

    /** topic_id INT, coherence_npmi DOUBLE, coherence_umass DOUBLE: k rows, to join onto per-topic tables. */
    public Dataset<Row> asTable(SparkSession spark) {
      StructType schema = new StructType().add("topic_id", DataTypes.IntegerType)
          .add("coherence_npmi", DataTypes.DoubleType).add("coherence_umass", DataTypes.DoubleType);
      List<Row> rows = new ArrayList<>();
      for (TopicScore t : topics) {
        rows.add(RowFactory.create(t.topicId(), nullIfNaN(t.npmi()), nullIfNaN(t.umass())));
      }
      return spark.createDataFrame(rows, schema);
    }

    private static Double nullIfNaN(double v) {
      return Double.isNaN(v) ? null : v;
    }

    private static double mean(double[] values) {
      double sum = 0;
      int n = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }
  }

  /**
   * Scores topics given as term-index lists against documents whose {@code tokensColumn} is an array of term
   * indices (any integral element type).
   */
  public static Result scoreIndices(Dataset<Row> documents, String tokensColumn, Map<Integer, int[]> topics,
                                    int termsPerTopic) {
    Map<Integer, List<String>> asText = new TreeMap<>();
    topics.forEach((id, idx) -> {
      List<String> terms = new ArrayList<>();
      for (int i : idx) {
        terms.add(Integer.toString(i));
      }
      asText.put(id, terms);
    });
    return score(documents, tokensColumn, asText, termsPerTopic);
  }

  /** Scores topics given in order (topic id = position in the list). */
  public static Result score(Dataset<Row> documents, String tokensColumn, List<List<String>> topics,
                             int termsPerTopic) {
    Map<Integer, List<String>> byId = new TreeMap<>();
    for (int i = 0; i < topics.size(); i++) {
      byId.put(i, topics.get(i));
    }
    return score(documents, tokensColumn, byId, termsPerTopic);
  }

  /**
   * Scores each topic's first {@code termsPerTopic} terms (in the given order, most probable first) against the
   * documents of {@code documents}: one document per row, its tokens in {@code tokensColumn}, an array of strings
   * or of integral term indices (compared as their decimal text). Frequency within a document is ignored.
   */
  public static Result score(Dataset<Row> documents, String tokensColumn, Map<Integer, List<String>> topics,
                             int termsPerTopic) {
    if (termsPerTopic < 2) {
      throw new IllegalArgumentException("coherence needs at least 2 terms per topic, not " + termsPerTopic);
    }
    Map<Integer, List<String>> top = new TreeMap<>();
    TreeSet<String> distinct = new TreeSet<>();
    topics.forEach((id, terms) -> {
      List<String> t = terms.subList(0, Math.min(termsPerTopic, terms.size()));
      top.put(id, List.copyOf(t));
      distinct.addAll(t);
    });
    Counts counts = count(documents, tokensColumn, distinct.toArray(new String[0]));
    List<TopicScore> scores = new ArrayList<>();
    top.forEach((id, terms) -> scores.add(scoreTopic(id, terms, counts)));
    return new Result(counts.documents(), termsPerTopic, List.copyOf(scores));
  }

  /** Document frequencies of single terms and of unordered pairs, and the number of documents. */
  record Counts(long documents, Map<String, Long> single, Map<String, Map<String, Long>> pair) {
    long df(String w) {
      return single.getOrDefault(w, 0L);
    }

    long df(String a, String b) {
      if (a.equals(b)) {
        return df(a);
      }
      Map<String, Long> m = pair.get(a);
      return m == null ? 0L : m.getOrDefault(b, 0L);
    }
  }

  static Counts count(Dataset<Row> documents, String tokensColumn, String[] terms) {
    DataType type = documents.schema().apply(tokensColumn).dataType();
    if (!(type instanceof ArrayType at)
        || !(at.elementType() == DataTypes.StringType || at.elementType() == DataTypes.IntegerType
        || at.elementType() == DataTypes.LongType || at.elementType() == DataTypes.ShortType
        || at.elementType() == DataTypes.ByteType)) {
      throw new IllegalArgumentException("coherence needs an array of strings or of term indices in column '"
          + tokensColumn + "', not " + type.simpleString());
    }
    String[] sorted = terms.clone();
    java.util.Arrays.sort(sorted);
    long[] sums = documents.select(col(tokensColumn).cast("array<string>")).javaRDD()
        .mapPartitions(new PartitionCounts(sorted)).fold(new long[1 + sorted.length * (sorted.length + 1) / 2],
            Coherence::add);
    int m = sorted.length;
    long docs = sums[0];
    Map<String, Long> single = new HashMap<>();
    Map<String, Map<String, Long>> pair = new HashMap<>();
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) {
        long n = sums[1 + cell(i, j, m)];
        if (n == 0) {
          continue; // as a groupBy, which has no row for a pair no document has
        }
        if (i == j) {
          single.put(sorted[i], n);
        } else {
          pair.computeIfAbsent(sorted[i], x -> new HashMap<>()).put(sorted[j], n);
          pair.computeIfAbsent(sorted[j], x -> new HashMap<>()).put(sorted[i], n);
        }
      }
    }
    return new Counts(docs, single, pair);
  }

  /** Index of the pair (i, j), i <= j < m, in the upper triangle (diagonal included) of an m x m matrix. */
  static int cell(int i, int j, int m) {
    return i * m - i * (i - 1) / 2 + (j - i);
  }

  private static long[] add(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /**
   * The counts of one partition's documents: [documents, then D(wi, wj) for i <= j over the sorted terms, upper
   * triangle by rows, D(wi, wi) = D(wi)]. In plain arrays with the terms in a hash map: the same counts as Spark's
   * array_intersect, pairs, explode and groupBy, without a row or a shuffle per term pair.
   */
  private static final class PartitionCounts
      implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Row>, long[]> {
    private final String[] terms;

    PartitionCounts(String[] sortedTerms) {
      this.terms = sortedTerms;
    }

    @Override
    public java.util.Iterator<long[]> call(java.util.Iterator<Row> rows) {
      int m = terms.length;
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < m; i++) {
        index.put(terms[i], i);
      }
      long[] counts = new long[1 + m * (m + 1) / 2];
      boolean[] seen = new boolean[m];
      int[] present = new int[m];
      while (rows.hasNext()) {
        Row r = rows.next();
        counts[0]++;
        if (r.isNullAt(0)) {
          continue;
        }
        int n = 0;
        for (Object token : r.getList(0)) {
          Integer i = token == null ? null : index.get((String) token);
          if (i != null && !seen[i]) {
            seen[i] = true;
            present[n++] = i;
          }
        }
        java.util.Arrays.sort(present, 0, n);
        for (int a = 0; a < n; a++) {
          seen[present[a]] = false;
          for (int b = a; b < n; b++) {
            counts[1 + cell(present[a], present[b], m)]++;
          }
        }
      }
      return java.util.List.of(counts).iterator();
    }
  }

  static TopicScore scoreTopic(int id, List<String> terms, Counts c) {
    int n = terms.size();
    double npmiSum = 0;
    int npmiPairs = 0;
    double umassSum = 0;
    int umassPairs = 0;
    for (int m = 1; m < n; m++) {
      for (int l = 0; l < m; l++) {
        String wl = terms.get(l);
        String wm = terms.get(m);
        long joint = c.df(wl, wm);
        npmiSum += npmi(joint, c.df(wl), c.df(wm), c.documents());
        npmiPairs++;
        long dl = c.df(wl);
        if (dl > 0) {
          umassSum += Math.log((joint + 1.0) / dl);
          umassPairs++;
        }
      }
    }
    int missing = (int) new LinkedHashSet<>(terms).stream().filter(w -> c.df(w) == 0).count();
    return new TopicScore(id, terms, npmiPairs == 0 ? Double.NaN : npmiSum / npmiPairs,
        umassPairs == 0 ? Double.NaN : umassSum / umassPairs, missing);
  }

  /** NPMI of one pair from document counts: -1 if they never co-occur, 1 if they always do. */
  static double npmi(long joint, long dfI, long dfJ, long documents) {
    if (joint == 0) {
      return -1.0;
    }
    double pij = (double) joint / documents;
    if (joint == documents) {
      return 1.0; // both in every document: log(1 / (1 * 1)) / -log 1 = 0/0, the limit of perfect co-occurrence
    }
    double pi = (double) dfI / documents;
    double pj = (double) dfJ / documents;
    return Math.log(pij / (pi * pj)) / -Math.log(pij);
  }
}
