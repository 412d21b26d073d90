package io.newstopics.topics;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.xxhash64;

import io.newstopics.config.JobConfig.TopicOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.sql.Column;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import org.apache.spark.ml.feature.ElementwiseProduct;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LDA topic modelling with Spark MLlib, on the term counts ({@code tf}) of the modelled articles. */
public final class TopicModel {
  private static final Logger LOG = LoggerFactory.getLogger(TopicModel.class);
  /** Share of the modelled articles from which a language's own terms keep weight 1 ({@link #languageWeights}). */
  public static final double DOMINANT_SHARE = 0.9;

  private TopicModel() {}

  /**
   * The fitted model and the parameters actually used: k, the online batch share, the iterations the progress
   * listener counted (online optimizer), and the number of topics that started from a theme lexicon (0: unguided).
   */
  public record Fitted(LDAModel model, int k, double subsamplingRate, int iterations, int seededTopics) {}

  /** k is capped at half the corpus (min 2) so that a tiny corpus still gets distinct topics. */
  public static int effectiveK(TopicOptions o, long docs) {
    return effectiveK(o.k(), docs);
  }

  static int effectiveK(int k, long docs) {
    return (int) Math.max(2, Math.min(k, docs / 2));
  }

  /** "auto": about {@code passes} passes over the corpus in max-iterations, at least min-batch-docs a batch. */
  public static double subsamplingRate(TopicOptions o, long docs) {
    if (!"auto".equals(o.subsamplingRate())) {
      double r = Double.parseDouble(o.subsamplingRate());
      if (r <= 0 || r > 1) {
        throw new io.newstopics.config.ConfigException("topics.subsampling-rate must be in (0, 1] or \"auto\"");
      }
      return r;
    }
    double byPasses = o.passes() / o.maxIterations();
    double byBatch = docs == 0 ? 1.0 : (double) o.minBatchDocs() / docs;
    return Math.min(1.0, Math.max(byPasses, byBatch));
  }

  /** Fits on the plain {@code tf} column (LDA caches its own input), k = {@link #effectiveK}, unguided. */
  public static Fitted fit(Dataset<Row> tf, TopicOptions o, long docs) {
    return fit(tf, o, docs, null);
  }

  /**
   * Fits k = {@link #effectiveK}(o.k(), docs) topics on {@code tf} ({@code docs} rows). With {@code seeds}
   * (online optimizer only), topic t of the seeds starts from its theme's terms ({@link GuidedSeeds}); Spark ML's
   * LDA has no initial-model parameter, so that fit drives MLlib's {@code OnlineLDAOptimizer} itself, as
   * {@code LDA.run} does, with the topic-word matrix (lambda) set after its random initialisation.
   */
  public static Fitted fit(Dataset<Row> tf, TopicOptions o, long docs, GuidedSeeds seeds) {
    int k = effectiveK(o, docs);
    double rate = subsamplingRate(o, docs);
    LDA lda = new LDA().setK(k).setMaxIter(o.maxIterations()).setSeed(o.seed()).setOptimizer(o.optimizer())
        .setFeaturesCol("tf").setTopicDistributionCol("topic_distribution");
    if (o.optimizer().equals("online")) {
      lda.setSubsamplingRate(rate).setLearningOffset(o.learningOffset()).setLearningDecay(o.learningDecay())
          .setOptimizeDocConcentration(o.optimizeDocConcentration());
    }
    if (!"auto".equals(o.docConcentration())) {
      lda.setDocConcentration(Double.parseDouble(o.docConcentration()));
    }
    if (!"auto".equals(o.topicConcentration())) {
      lda.setTopicConcentration(Double.parseDouble(o.topicConcentration()));
    }
    boolean guided = seeds != null && seeds.topics() > 0;
    if (guided && !o.optimizer().equals("online")) {
      throw new io.newstopics.config.ConfigException("guided topics need topics.optimizer = \"online\"; set "
          + "topics.guided = false or use the online optimizer");
    }
    LOG.info("LDA: k={} optimizer={} maxIter={} subsamplingRate={} on {} articles{}", k, o.optimizer(),
        o.maxIterations(), String.format("%.4f", rate), docs,
        guided ? ", " + Math.min(k, seeds.topics()) + " topics seeded from themes " + seeds.themes() : "");
    try (LdaProgress progress = LdaProgress.register(tf.sparkSession().sparkContext(), "k=" + k,
        o.maxIterations(), o.progressEvery())) {
      LDAModel model = guided ? fitSeeded(tf, docs, lda, k, o.maxIterations(), o.seed(), seeds, progress) : lda.fit(tf);
      progress.close();
      return new Fitted(model, k, rate, progress.iterations(), guided ? Math.min(k, seeds.topics()) : 0);
    }
  }

  /**
   * MLlib's {@code LDA.run} for the online optimizer, from Spark ML's random start plus the seeds
   * ({@link SeededLda}), with the iterations run by {@link OnlineLda}. The articles are read in at most as many
   * partitions as the cluster has cores, of about equal size ({@link ContiguousCoalescer}): each partition sums its
   * statistics in a k x vocabulary array, every iteration, and the iteration waits for the slowest.
   */
  private static LDAModel fitSeeded(Dataset<Row> tf, long corpusSize, LDA lda, int k, int maxIterations, long seed,
                                    GuidedSeeds seeds, LdaProgress progress) {
    JavaRDD<Row> rows = tf.select("tf").javaRDD();
    int cores = tf.sparkSession().sparkContext().defaultParallelism();
    if (rows.getNumPartitions() > cores) { // equal shares: each iteration waits for its slowest task
      rows = rows.rdd().coalesce(cores, false, scala.Option.apply(new ContiguousCoalescer()), null).toJavaRDD();
    }
    JavaRDD<Tuple2<Object, org.apache.spark.mllib.linalg.Vector>> docs = rows
        .zipWithUniqueId() // the online optimizer ignores ids
        .map(t -> new Tuple2<Object, org.apache.spark.mllib.linalg.Vector>(t._2(),
            org.apache.spark.mllib.linalg.Vectors.fromML(t._1().getAs(0))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      SeededLda.Start start = SeededLda.start(lda, tf);
      OnlineLda.Start s = start.state();
      OnlineLda.Start seeded = new OnlineLda.Start(seeds.seed(s.lambda(), s.k()), s.k(), s.vocab(), s.alpha(), s.eta());
      OnlineLda.Settings settings = new OnlineLda.Settings(lda.getLearningOffset(), lda.getLearningDecay(),
          lda.getSubsamplingRate(), lda.getOptimizeDocConcentration());
      OnlineLda.Fit fit = OnlineLda.fit(docs, corpusSize, seeded, settings, seed, maxIterations,
          i -> progress.iterationDone());
      return SeededLda.model(lda, start, fit);
    } finally {
      docs.unpersist(false);
    }
  }

  // ---- deterministic samples: by a hash of the article's terms (its content) and the seed, not sample()

  private static final long HASH_BUCKETS = 1_000_000L;

  /** True for about {@code fraction} of the rows, the same rows for the same content, seed and salt. */
  static Column hashShare(Dataset<Row> df, long seed, String salt, double fraction) {
    Column key = java.util.Arrays.asList(df.columns()).contains("terms") ? col("terms") : col("article_id");
    return pmod(xxhash64(lit(salt), lit(seed), key), lit(HASH_BUCKETS))
        .lt(lit(Math.round(fraction * HASH_BUCKETS)));
  }

  /** The share of the modelled articles LDA is fitted on ({@code topics.train-sample}); 1 = all. */
  public static double trainFraction(TopicOptions o, long docs) {
    String s = o.trainSample();
    if (s.equals("all")) {
      return 1.0;
    }
    double v = Double.parseDouble(s);
    return v < 1 ? v : Math.min(1.0, v / Math.max(1, docs));
  }

  /** The training sample ({@code topics.train-sample}): {@code input} itself when it is all of it. */
  public static Dataset<Row> trainSample(Dataset<Row> input, TopicOptions o, long docs) {
    double f = trainFraction(o, docs);
    return f >= 1.0 ? input : input.where(hashShare(input, o.seed(), "train", f));
  }

  /** At most about {@code topics.metric-docs} rows of the training sample, for the log-likelihood. */
  public static Dataset<Row> metricSample(Dataset<Row> train, TopicOptions o, long trainDocs) {
    return trainDocs <= o.metricDocs() ? train
        : train.where(hashShare(train, o.seed(), "metric", (double) o.metricDocs() / trainDocs));
  }

  /**
   * The LDA input weights of a corpus in several languages: {@code weight} for the terms of the vocabulary that only
   * one language uses, 1 for the others (concepts, words spelled alike). Without it, with few topics, LDA spends them
   * on the language, the largest split of the vocabulary, instead of the stories. A language of at least
   * {@link #DOMINANT_SHARE} of the articles keeps its own terms at 1: the language split is then not the largest,
   * and weighing down nearly the whole vocabulary would blur the majority's topics. Null when the modelled articles
   * are in one language or the weight is 1. Collects one row per vocabulary term.
   *
   * @param modelled lang, terms of the modelled articles
   * @param vocabulary term_index, stem
   */
  public static Vector languageWeights(Dataset<Row> modelled, Dataset<Row> vocabulary, int size, double weight) {
    if (weight >= 1.0) {
      return null;
    }
    List<String> langs = new ArrayList<>(); // the modelled languages: a few rows
    List<Long> articles = new ArrayList<>();
    for (Row r : modelled.groupBy("lang").count().collectAsList()) {
      langs.add(r.getString(0));
      articles.add(r.getLong(1));
    }
    if (langs.size() < 2) {
      return null;
    }
    if (langs.size() > Long.SIZE) {
      throw new IllegalArgumentException("language weights handle at most " + Long.SIZE + " modelled languages, not "
          + langs.size() + " (text.model-languages in conf/news-topics.conf)");
    }
    HashMap<String, Integer> langBit = new HashMap<>();
    for (int i = 0; i < langs.size(); i++) {
      langBit.put(langs.get(i), i);
    }
    HashMap<String, Integer> index = new HashMap<>(); // the vocabulary: at most features.vocab-size rows
    for (Row r : vocabulary.select("stem", "term_index").collectAsList()) {
      index.put(r.getString(0), r.getInt(1));
    }
    org.apache.spark.broadcast.Broadcast<HashMap<String, Integer>> indexBc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(modelled.sparkSession().sparkContext())
            .broadcast(index);
    long[] masks;
    try {
      // per task, one mask of languages per vocabulary term, OR-ed together: no row per term of every article
      masks = modelled.select("lang", "terms").javaRDD().mapPartitions(
          (org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Row>, long[]>) it -> {
            HashMap<String, Integer> terms = indexBc.value();
            long[] m = new long[size];
            while (it.hasNext()) {
              Row r = it.next();
              if (r.isNullAt(1)) {
                continue;
              }
              long bit = 1L << langBit.get(r.getString(0));
              scala.collection.Seq<String> ts = r.getAs(1);
              for (int i = 0; i < ts.length(); i++) {
                Integer t = terms.get(ts.apply(i));
                if (t != null) {
                  m[t] |= bit;
                }
              }
            }
            return java.util.Collections.singletonList(m).iterator();
          }).fold(new long[size], (a, b) -> {
            for (int i = 0; i < a.length; i++) {
              a[i] |= b[i];
            }
            return a;
          });
    } finally {
      indexBc.destroy();
    }
    long total = articles.stream().mapToLong(Long::longValue).sum();
    long dominant = 0; // the mask of a language of at least DOMINANT_SHARE of the articles, if any
    for (int i = 0; i < langs.size(); i++) {
      if (articles.get(i) >= DOMINANT_SHARE * total) {
        dominant = 1L << i;
      }
    }
    double[] w = new double[size];
    for (int i = 0; i < size; i++) {
      w[i] = Long.bitCount(masks[i]) == 1 && masks[i] != dominant ? weight : 1.0;
    }
    return Vectors.dense(w);
  }

  /** {@code tf} multiplied term by term by the weights ({@link #languageWeights}); tfidf is left as it is. */
  public static Dataset<Row> reweight(Dataset<Row> vectors, Vector weights) {
    return new ElementwiseProduct().setScalingVec(weights).setInputCol("tf_counts").setOutputCol("tf")
        .transform(vectors.withColumnRenamed("tf", "tf_counts")).drop("tf_counts");
  }

  /** Top terms per topic: topic_id, term_rank, term_index, weight. At most k * n rows. */
  public static Dataset<Row> topicTerms(LDAModel model, int n) {
    return model.describeTopics(n)
        .select(col("topic").as("topic_id"), posexplode(arrays_zip(col("termIndices"), col("termWeights"))))
        .select(col("topic_id"), col("pos").plus(1).as("term_rank"), col("col.termIndices").as("term_index"),
            col("col.termWeights").as("weight"));
  }

  /** Topic mixture per article: article_id, topic_id, probability, is_dominant (probability >= minProbability). */
  public static Dataset<Row> articleTopics(LDAModel model, Dataset<Row> tf, double minProbability) {
    return articleTopics(mixtures(model, tf.select("article_id", "tf")), minProbability);
  }

  /**
   * The topic mixture of every article: article_id, p (k probabilities), then {@code tf}'s other columns as they
   * are (tf itself is left out).
   */
  public static Dataset<Row> mixtures(LDAModel model, Dataset<Row> tf) {
    return TopicInference.topicMixtures(tf, "article_id", model);
  }

  /** {@link #articleTopics(LDAModel, Dataset, double)} from the mixtures ({@link #mixtures}). */
  public static Dataset<Row> articleTopics(Dataset<Row> mixtures, double minProbability) {
    return mixtures
        .select(col("article_id"), array_max(col("p")).as("pmax"), posexplode(col("p")))
        .select(col("article_id"), col("pos").as("topic_id"), col("col").as("probability"),
            col("col").equalTo(col("pmax")).as("is_dominant"))
        .where(col("probability").geq(lit(minProbability)).or(col("is_dominant")));
  }

  /**
   * The model's lower bound on the log-likelihood of the articles in {@code tf} (column tf): the value of Spark's
   * {@code LDAModel.logLikelihood}, computed without its per-article cost ({@link TopicInference#logLikelihood}).
   */
  public static double logLikelihood(LDAModel model, Dataset<Row> tf) {
    return TopicInference.logLikelihood(tf, model);
  }

  /** Spark's {@code logPerplexity}: minus the log-likelihood per token, from {@link #logLikelihood}. */
  public static double logPerplexity(LDAModel model, Dataset<Row> tf) {
    return -logLikelihood(model, tf) / tokenCount(tf);
  }

  /** Number of vocabulary tokens in {@code tf} (the denominator of Spark's log-perplexity). */
  public static double tokenCount(Dataset<Row> tf) {
    org.apache.spark.ml.linalg.Vector sum = tf.select(org.apache.spark.ml.stat.Summarizer.sum(col("tf")))
        .first().getAs(0);
    double total = 0;
    for (double v : sum.toArray()) {
      total += v;
    }
    return total;
  }

  /** Joins topic terms with the vocabulary's readable forms. */
  public static Dataset<Row> readableTopicTerms(Dataset<Row> topicTerms, Dataset<Row> vocabulary) {
    return topicTerms.join(broadcast(vocabulary.select("term_index", "term", "stem")), "term_index")
        .select("topic_id", "term_rank", "term", "stem", "weight");
  }
}
