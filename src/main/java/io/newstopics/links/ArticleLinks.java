package io.newstopics.links;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.newstopics.config.JobConfig.LinkOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Stage: links same-story and near-duplicate articles by the cosine of their TF-IDF vectors over the
 * concept-mapped model terms (the run's vocabulary and IDF).
 *
 * <ul>
 *   <li>Articles of the same language are compared on all their terms ({@value #SAME_LANGUAGE}).</li>
 *   <li>Articles of different languages are compared on the terms both languages use in the corpus: concepts,
 *       names spelled alike, latin words ({@value #CROSS_LANGUAGE}). Their other terms cannot match by
 *       construction, and would only dilute the cosine of a translation pair.</li>
 * </ul>
 *
 * <p>No cross join of rows: a pair is a candidate when its dot product over the terms found in at most
 * {@code links.max-term-docs} articles reaches half of {@code links.min-similarity}; candidates are scored exactly,
 * over all their shared terms, and kept at or above the threshold. When no term is over the cap (small corpora) this
 * finds exactly the pairs at or above the threshold; otherwise a pair whose similarity comes mostly from common terms
 * is not linked. Each pair is listed once, with article_id &lt; linked_article_id.
 *
 * <p>How: each article becomes a sparse vector (its term indices and counts; the vocabulary's document frequencies,
 * IDF and readable terms travel in a broadcast, vocabulary-sized). The articles fall into B blocks by key (one block
 * per {@value #BLOCK_ARTICLES} articles), and one task per pair of blocks finds the pairs between them in plain
 * arrays: an inverted index of one block's rarer terms, a running dot product per article of the other block, then
 * the exact cosine of the candidates by merging two sorted term lists. Each article is shipped to B tasks, and no
 * candidate pair ever becomes a row (a self-join on the terms makes a row per shared term of every pair).
 *
 * <p>Numeric keys: an article's key is {@code xxhash64(article_id)}; the ids are joined back only for the linked
 * pairs. Two articles whose ids hash alike would be one vector, so the keys are checked to be as many as the
 * articles first, and the stage fails with an {@link IllegalStateException} if not (at 400k articles the odds of a
 * collision are below 1 in 10^8, no reason to pay for a tie-break on every pair).
 */
public final class ArticleLinks {
  private static final Logger LOG = LoggerFactory.getLogger(ArticleLinks.class);

  public static final String SAME_LANGUAGE = "tfidf_cosine";
  public static final String CROSS_LANGUAGE = "tfidf_cosine_shared_terms";

  /** Share of links.min-similarity the terms under links.max-term-docs must give a pair for it to be scored. */
  static final double CANDIDATE_SHARE = 0.5;

  /**
   * Articles per block: a task holds two blocks (about 30 bytes per article and term: index, count, two unit
   * weights) and an index of one block's rarer terms (20 bytes per entry); every article is shipped once per block.
   */
  static final int BLOCK_ARTICLES = 100_000;

  private static final StructType PAIRS = new StructType()
      .add("a", DataTypes.LongType, false)
      .add("b", DataTypes.LongType, false)
      .add("similarity", DataTypes.DoubleType, false)
      .add("method", DataTypes.StringType, false)
      .add("same_language", DataTypes.BooleanType, false)
      .add("shared_terms", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private ArticleLinks() {}

  /**
   * @param articles article_id, lang, terms (the modelled articles, concept-mapped terms; one row per article)
   * @param vocabulary term_index, stem, term, doc_freq, idf (the run's vocabulary)
   * @return article_id, linked_article_id, similarity, method, same_language, shared_terms
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o) {
    return links(articles, vocabulary, o, UnaryOperator.identity());
  }

  /**
   * As {@link #links(Dataset, Dataset, LinkOptions)}, with {@code keep} applied to the article ids (id and key),
   * which are read twice: the job persists them there.
   *
   * @throws IllegalStateException if two articles have the same 64-bit key (see the class comment)
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o,
                                   UnaryOperator<Dataset<Row>> keep) {
    return links(articles, vocabulary, o, keep, BLOCK_ARTICLES);
  }

  /** As above, with at most {@code blockArticles} articles per block. */
  static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o,
                            UnaryOperator<Dataset<Row>> keep, int blockArticles) {
    SparkSession spark = articles.sparkSession();
    Dataset<Row> ids = unique(keep.apply(ids(articles)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Vocabulary> vb = jsc.broadcast(Vocabulary.of(vocabulary, o.maxTermDocs()));
    // an article without a language is never linked (as with SQL's comparison of two nulls)
    JavaRDD<Row> keyed = articles.where(col("lang").isNotNull())
        .select(key(col("article_id")).as("key"), col("lang"), col("terms")).javaRDD();
    // the languages each term is used in: a term of two or more is compared across languages
    Usage usage = keyed.map(r -> Vector.of(r, vb.value()))
        .aggregate(new Usage(), Usage::add, Usage::merge);
    Vocabulary v = vb.value().withCrossLingual(usage.crossLingual());
    Broadcast<Vocabulary> scoring = jsc.broadcast(v);
    int blocks = Math.max(1, (int) Math.ceil(usage.articles / (double) blockArticles));
    BlockPairs pairs = new BlockPairs(blocks);
    LOG.info("links: {} articles in {} block(s), {} task(s); {} terms used across languages",
        usage.articles, blocks, pairs.numPartitions(), v.crossLingual.cardinality());
    JavaPairRDD<Integer, Vector> shipped = keyed.flatMapToPair(r -> {
      Vector x = Vector.of(r, scoring.value());
      int block = pairs.block(x.key);
      List<Tuple2<Integer, Vector>> out = new ArrayList<>(blocks);
      for (int other = 0; other < blocks; other++) {
        out.add(new Tuple2<>(pairs.task(block, other), x));
      }
      return out.iterator();
    });
    double t = o.minSimilarity();
    int sharedTerms = o.sharedTerms();
    JavaRDD<Row> found = shipped.partitionBy(pairs)
        .mapPartitionsWithIndex((task, it) -> new BlockLinker(scoring.value(), pairs, t, sharedTerms)
            .link(task, it), true);
    return withIds(spark.createDataFrame(found, PAIRS), ids);
  }

  /** The article's 64-bit key. */
  private static Column key(Column articleId) {
    return xxhash64(articleId);
  }

  /** article_id, key: each article's id with its key. */
  static Dataset<Row> ids(Dataset<Row> articles) {
    return articles.select(col("article_id"), key(col("article_id")).as("key"));
  }

  /** The ids (article_id, key), after checking that no two articles have the same key. */
  static Dataset<Row> unique(Dataset<Row> ids) {
    Row n = ids.agg(count(lit(1)), count_distinct(col("key"))).first();
    if (n.getLong(0) != n.getLong(1)) {
      throw new IllegalStateException("links: " + n.getLong(0) + " article ids have only " + n.getLong(1)
          + " distinct xxhash64 keys; two articles would be merged into one");
    }
    return ids;
  }

  /** The pairs on keys as article_id &lt; linked_article_id: the pair's order on the keys is not the ids' one. */
  private static Dataset<Row> withIds(Dataset<Row> pairs, Dataset<Row> ids) {
    // an article without an id (none is expected) is never linked
    Dataset<Row> known = ids.where(col("article_id").isNotNull());
    return pairs
        .join(known.select(col("key").as("a"), col("article_id").as("a_id")), "a")
        .join(known.select(col("key").as("b"), col("article_id").as("b_id")), "b")
        .select(least(col("a_id"), col("b_id")).as("article_id"),
            greatest(col("a_id"), col("b_id")).as("linked_article_id"),
            col("similarity"), col("method"), col("same_language"), col("shared_terms"));
  }

  /** What the pairs need of the vocabulary, by term_index: vocabulary-sized, whatever the corpus. */
  static final class Vocabulary implements Serializable {
    final Map<String, Integer> index;
    final double[] idf;
    final boolean[] rare;
    final String[] term;
    final BitSet crossLingual;

    private Vocabulary(Map<String, Integer> index, double[] idf, boolean[] rare, String[] term, BitSet crossLingual) {
      this.index = index;
      this.idf = idf;
      this.rare = rare;
      this.term = term;
      this.crossLingual = crossLingual;
    }

    static Vocabulary of(Dataset<Row> vocabulary, int maxTermDocs) {
      List<Row> rows = vocabulary.select(col("term_index"), col("stem"), col("term"), col("doc_freq").cast("long"),
          col("idf")).collectAsList();
      int size = 0;
      for (Row r : rows) {
        size = Math.max(size, r.getInt(0) + 1);
      }
      Vocabulary v = new Vocabulary(new HashMap<>(), new double[size], new boolean[size], new String[size],
          new BitSet());
      for (Row r : rows) {
        int i = r.getInt(0);
        v.index.put(r.getString(1), i);
        v.term[i] = r.getString(2);
        v.rare[i] = r.getLong(3) <= maxTermDocs;
        v.idf[i] = r.getDouble(4);
      }
      return v;
    }

    /** This vocabulary, with the terms used across languages. */
    Vocabulary withCrossLingual(BitSet terms) {
      return new Vocabulary(index, idf, rare, term, terms);
    }
  }

  /** An article: its key, language, term indices (ascending, each once, IDF above 0) and TF-IDF weights. */
  static final class Vector implements Serializable {
    final long key;
    final String lang;
    final int[] terms;
    final double[] w;

    private Vector(long key, String lang, int[] terms, double[] w) {
      this.key = key;
      this.lang = lang;
      this.terms = terms;
      this.w = w;
    }

    /** From a row (key, lang, terms): each vocabulary term's count times its IDF. */
    static Vector of(Row r, Vocabulary v) {
      List<String> stems = r.isNullAt(2) ? List.of() : r.getList(2);
      int[] found = new int[stems.size()];
      int n = 0;
      for (String s : stems) {
        Integer i = v.index.get(s);
        if (i != null && v.idf[i] > 0) {
          found[n++] = i;
        }
      }
      java.util.Arrays.sort(found, 0, n);
      int distinct = 0;
      for (int k = 0; k < n; k++) {
        if (k == 0 || found[k] != found[k - 1]) {
          distinct++;
        }
      }
      int[] terms = new int[distinct];
      double[] w = new double[distinct];
      int d = -1;
      for (int k = 0; k < n; k++) {
        if (k == 0 || found[k] != found[k - 1]) {
          terms[++d] = found[k];
        }
        w[d]++; // the count, then times the IDF: as count * idf, not a sum of idfs
      }
      for (int k = 0; k < distinct; k++) {
        w[k] *= v.idf[terms[k]];
      }
      return new Vector(r.getLong(0), r.getString(1), terms, w);
    }
  }

  /** The number of articles and, per language, the terms it uses (vocabulary-sized). */
  static final class Usage implements Serializable {
    long articles;
    final Map<String, BitSet> byLang = new HashMap<>();

    Usage add(Vector x) {
      articles++;
      BitSet used = byLang.computeIfAbsent(x.lang, l -> new BitSet());
      for (int t : x.terms) {
        used.set(t);
      }
      return this;
    }

    Usage merge(Usage other) {
      articles += other.articles;
      other.byLang.forEach((lang, used) -> byLang.merge(lang, used, (a, b) -> {
        a.or(b);
        return a;
      }));
      return this;
    }

    /** The terms used in two or more languages. */
    BitSet crossLingual() {
      BitSet seen = new BitSet();
      BitSet twice = new BitSet();
      for (BitSet used : byLang.values()) {
        BitSet again = (BitSet) used.clone();
        again.and(seen);
        twice.or(again);
        seen.or(used);
      }
      return twice;
    }
  }

  /** Blocks by key, and one task (partition) per pair of blocks i &lt;= j. */
  static final class BlockPairs extends Partitioner {
    final int blocks;

    BlockPairs(int blocks) {
      this.blocks = blocks;
    }

    int block(long key) {
      return (int) Math.floorMod(key, (long) blocks);
    }

    /** The task of blocks a and b, in either order. */
    int task(int a, int b) {
      int i = Math.min(a, b);
      int j = Math.max(a, b);
      return i * blocks - i * (i - 1) / 2 + (j - i);
    }

    /** The blocks {i, j} of a task. */
    int[] blocksOf(int task) {
      for (int i = 0; i < blocks; i++) {
        for (int j = i; j < blocks; j++) {
          if (task(i, j) == task) {
            return new int[] {i, j};
          }
        }
      }
      throw new IllegalArgumentException("no task " + task + " for " + blocks + " blocks");
    }

    @Override
    public int numPartitions() {
      return blocks * (blocks + 1) / 2;
    }

    @Override
    public int getPartition(Object task) {
      return (Integer) task;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BlockPairs p && p.blocks == blocks;
    }

    @Override
    public int hashCode() {
      return blocks;
    }
  }
}
