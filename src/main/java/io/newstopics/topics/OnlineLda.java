package io.newstopics.topics;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.Random;
import java.util.function.IntConsumer;
import org.apache.commons.math3.special.Gamma;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.clustering.OnlineLDAOptimizer;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The iterations of MLlib's online variational Bayes LDA ({@code OnlineLDAOptimizer.next()}, Hoffman et al. 2010),
 * step for step, with MLlib's per-article inference ({@code OnlineLDAOptimizer.variationalTopicInference}) done by
 * {@link ArticleInference} (the same algorithm in plain arrays). What differs on the driver's side of each iteration:
 * <ul>
 *   <li>{@code E[log beta]} of the k × vocabulary topic matrix uses {@link #digamma} below. MLlib's goes through
 *       commons-math's digamma, which recurses once per unit below 49; the matrix's entries are mostly small, so
 *       on a 20k-article corpus (k=20, 12k terms) it was about 40% of the lda stage, on the driver alone, with the
 *       executors idle.</li>
 *   <li>That matrix is not computed on the driver: the iteration broadcasts lambda, and each task computes
 *       {@code exp(E[log beta])} of the terms its articles have (the same values), then multiplies its statistics
 *       by it before returning them (MLlib multiplies their sum on the driver: the same up to rounding).</li>
 *   <li>One Spark job per iteration (the batch's statistics, summed on the driver or with {@code treeReduce}), where
 *       MLlib runs an emptiness check first; each partition's statistics are the rows of the terms it had.</li>
 * </ul>
 * Same random draws as MLlib for the same optimizer state and seed (batch samples with replacement, the
 * per-partition inference seeds), the same learning rate, lambda update and Newton step on alpha: the test compares
 * the two fits.
 */
final class OnlineLda {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineLda.class);

  private OnlineLda() {}

  /**
   * Runs {@code iterations} mini-batches from the optimizer's initialised state ({@code initialize} called, lambda
   * possibly seeded), and returns the model, as {@code getLDAModel} would.
   *
   * @param docs the documents the optimizer was initialised with (ids, term counts)
   * @param corpusSize their number (the optimizer's corpusSize)
   * @param seed the LDA seed the optimizer was initialised with
   * @param onIteration called after each iteration with its number (1-based)
   */
  static LocalLDAModel fit(JavaRDD<Tuple2<Object, Vector>> docs, long corpusSize, OnlineLDAOptimizer optimizer,
                           long seed, int iterations, IntConsumer onIteration) {
    breeze.linalg.DenseMatrix<Object> initial = optimizer.getLambda();
    int k = initial.rows();
    int vocab = initial.cols();
    double[] lambda = initial.toArray$mcD$sp(); // column-major k x V: (t, w) at w * k + t
    double[] alpha = optimizer.getAlpha().toArray();
    double eta = optimizer.getEta();
    double tau0 = optimizer.getTau0();
    double kappa = optimizer.getKappa();
    double fraction = optimizer.getMiniBatchFraction();
    boolean optimizeAlpha = optimizer.getOptimizeDocConcentration();
    int batchSize = (int) Math.ceil(fraction * corpusSize); // MLlib's estimate, used to scale the batch's statistics
    Random random = new Random(seed);
    random.nextLong(); // the draw initialize() made for lambda
    int iteration = 0;
    for (int i = 1; i <= iterations; i++) {
      JavaRDD<Tuple2<Object, Vector>> batch = docs.sample(true, fraction, random.nextLong());
      long inferenceSeed = random.nextLong();
      // the tasks compute exp(E[log beta]) of the terms their articles have, from lambda and these k values
      double[] rowDigamma = rowDigamma(lambda, k, vocab);
      Broadcast<double[]> lambdaBc = docs.context().broadcast(lambda.clone(),
          scala.reflect.ClassTag$.MODULE$.apply(double[].class));
      Stats stats;
      try {
        stats = batchStats(batch, new BatchStats(lambdaBc, rowDigamma, alpha.clone(), k, vocab, inferenceSeed), k,
            vocab);
      } finally {
        lambdaBc.destroy();
      }
      if (stats.docs > 0) {
        iteration++;
        double rho = Math.pow(tau0 + iteration, -kappa);
        double scale = (double) corpusSize / batchSize;
        double[] stat = stats.dense(); // already times exp(E[log beta])
        for (int j = 0; j < lambda.length; j++) {
          double s = stat == null ? 0 : stat[j];
          lambda[j] = (1 - rho) * lambda[j] + rho * (s * scale + eta);
        }
        if (optimizeAlpha) {
          updateAlpha(alpha, stats.logphat, stats.docs, rho);
        }
      } else {
        LOG.warn("LDA iteration {}: the mini-batch had no non-empty article; the model was not updated", i);
      }
      onIteration.accept(i);
    }
    double[] topics = new double[vocab * k]; // column-major V x k, MLlib's topicsMatrix
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        topics[w + t * vocab] = lambda[w * k + t];
      }
    }
    return new LocalLDAModel(Matrices.dense(vocab, k, topics), Vectors.dense(alpha), eta, ArticleInference.GAMMA_SHAPE);
  }

  /**
   * MLlib's variational lower bound on the log-likelihood of {@code docs} ({@code LDAModel.logLikelihood}, the same
   * terms and the same per-article inference and seeds), with {@code exp(E[log beta])} computed once: MLlib computes
   * it (k x vocabulary exponentials, boxed) again for every article, 5.8 s for 2,000 articles of a 20k corpus.
   *
   * @param tf term counts (column {@code tf}), read as MLlib's {@code logLikelihood} reads them (ids from
   *           {@code monotonically_increasing_id}, the inference seed of an article is the model's seed plus its id)
   */
  static double logLikelihood(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> tf,
                              org.apache.spark.ml.clustering.LDAModel model) {
    int k = model.getK();
    int vocab = model.vocabSize();
    double[] lambda = lambda(model);
    double[] elogbeta = dirichletExpectation(lambda, k, vocab);
    double[] expElogbeta = exp(elogbeta);
    double[] alpha = model.getEffectiveDocConcentration();
    double eta = model.getEffectiveTopicConcentration();
    long seed = model.getSeed();
    JavaRDD<Tuple2<Object, Vector>> docs = tf.select(
            org.apache.spark.sql.functions.monotonically_increasing_id(), org.apache.spark.sql.functions.col("tf"))
        .javaRDD().map(r -> new Tuple2<>(r.getLong(0), Vectors.fromML(r.getAs(1))));
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(tf.sparkSession().sparkContext());
    Broadcast<double[]> expBc = jsc.broadcast(expElogbeta);
    Broadcast<double[]> elogBc = jsc.broadcast(elogbeta);
    double corpusPart;
    try {
      corpusPart = docs.filter(d -> d._2().numNonzeros() > 0).mapPartitionsToDouble(it -> {
        ArticleInference inference = new ArticleInference(expBc.value(), vocab, alpha);
        double[] gamma = new double[k];
        double sum = 0;
        while (it.hasNext()) {
          Tuple2<Object, Vector> d = it.next();
          sum += bound(d._2().toSparse(), inference, seed + (Long) d._1(), gamma, alpha, elogBc.value(), vocab);
        }
        return Collections.singletonList(sum).iterator();
      }).sum();
    } finally {
      expBc.destroy();
      elogBc.destroy();
    }
    // E[log p(beta | eta) - log q(beta | lambda)]
    double topicsPart = 0;
    double[] topicSum = new double[k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        double l = lambda[w * k + t];
        topicsPart += (eta - l) * elogbeta[w + t * vocab] + Gamma.logGamma(l) - Gamma.logGamma(eta);
        topicSum[t] += l;
      }
    }
    for (int t = 0; t < k; t++) {
      topicsPart += Gamma.logGamma(eta * vocab) - Gamma.logGamma(topicSum[t]);
    }
    return corpusPart + topicsPart;
  }

  /** One article's share of the bound: E[log p(doc | theta, beta)] + E[log p(theta | alpha) - log q(theta | gamma)]. */
  private static double bound(org.apache.spark.mllib.linalg.SparseVector counts, ArticleInference inference, long seed,
                              double[] gamma, double[] alpha, double[] elog, int vocab) {
    int k = alpha.length;
    int[] ids = counts.indices();
    double[] cts = counts.values();
    inference.infer(ids, cts, ids.length, seed, gamma, null);
    double[] elogtheta = dirichletExpectation(gamma);
    double gammaSum = 0;
    double alphaSum = 0;
    for (int t = 0; t < k; t++) {
      gammaSum += gamma[t];
      alphaSum += alpha[t];
    }
    double bound = 0;
    double[] x = new double[k];
    for (int j = 0; j < ids.length; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < k; t++) {
        x[t] = elogtheta[t] + elog[ids[j] + t * vocab];
        max = Math.max(max, x[t]);
      }
      double sum = 0;
      for (int t = 0; t < k; t++) {
        sum += Math.exp(x[t] - max);
      }
      bound += cts[j] * (max + Math.log(sum));
    }
    for (int t = 0; t < k; t++) {
      bound += (alpha[t] - gamma[t]) * elogtheta[t] + Gamma.logGamma(gamma[t]) - Gamma.logGamma(alpha[t]);
    }
    return bound + Gamma.logGamma(alphaSum) - Gamma.logGamma(gammaSum);
  }

  /** The model's topic matrix lambda, column-major k x V (MLlib's topicsMatrix is its transpose). */
  private static double[] lambda(org.apache.spark.ml.clustering.LDAModel model) {
    int k = model.getK();
    int vocab = model.vocabSize();
    return byTerm(model.topicsMatrix().toArray(), vocab, k); // topicsMatrix: column-major V x k
  }

  /** A column-major vocabulary x k matrix by term, (w, t) at w * k + t: column-major k x vocabulary. */
  static double[] byTerm(double[] columnMajor, int vocab, int k) {
    double[] out = new double[vocab * k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        out[w * k + t] = columnMajor[w + t * vocab];
      }
    }
    return out;
  }

  /**
   * The topic mixture of every article, as Spark ML's {@code LDAModel.transform} gives it (the same inference and
   * seed: the model's, for every article; gamma normalised to sum 1; all zeros for an article without terms), with
   * {@code exp(E[log beta])} computed once and {@link ArticleInference}'s arithmetic.
   *
   * @param tf column {@code id} (kept as it is), term counts in column {@code tf}, and any other columns (passed
   *           through)
   * @return id, p (array of k probabilities), then the other columns of {@code tf}
   */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> topicMixtures(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> tf, String id,
      org.apache.spark.ml.clustering.LDAModel model) {
    int k = model.getK();
    int vocab = model.vocabSize();
    double[] expElogbeta = exp(dirichletExpectation(lambda(model), k, vocab));
    double[] alpha = model.getEffectiveDocConcentration();
    long seed = model.getSeed();
    String[] others = java.util.Arrays.stream(tf.columns()).filter(c -> !c.equals(id) && !c.equals("tf"))
        .toArray(String[]::new);
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> in = tf.select(id, concat("tf", others));
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add(in.schema().apply(id))
        .add("p", org.apache.spark.sql.types.DataTypes.createArrayType(
            org.apache.spark.sql.types.DataTypes.DoubleType, false), false);
    for (String c : others) {
      schema = schema.add(in.schema().apply(c));
    }
    int width = schema.size();
    org.apache.spark.sql.types.DataType[] types = new org.apache.spark.sql.types.DataType[width];
    for (int c = 0; c < width; c++) {
      types[c] = schema.fields()[c].dataType();
    }
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(tf.sparkSession().sparkContext());
    // not destroyed: the rows are computed whenever the returned plan runs (it is cached by the caller)
    Broadcast<double[]> expBc = jsc.broadcast(expElogbeta);
    // Spark's internal rows in and out (io.newstopics.tables.InternalRows): the vector is read from its struct, the
    // other columns are passed on as they are
    JavaRDD<org.apache.spark.sql.catalyst.InternalRow> rows = io.newstopics.tables.InternalRows.of(in).toJavaRDD()
        .mapPartitions(it -> {
          ArticleInference inference = new ArticleInference(expBc.value(), vocab, alpha);
          org.apache.spark.ml.linalg.VectorUDT udt = new org.apache.spark.ml.linalg.VectorUDT();
          int vectorFields = udt.sqlType().size();
          double[] gamma = new double[k];
          return new Iterator<org.apache.spark.sql.catalyst.InternalRow>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public org.apache.spark.sql.catalyst.InternalRow next() {
              // Spark reuses the row it gives: the vector is read into new arrays, the passed-on values are copied
              org.apache.spark.sql.catalyst.InternalRow r = it.next();
              org.apache.spark.ml.linalg.SparseVector counts =
                  udt.deserialize(r.getStruct(1, vectorFields)).toSparse();
              double[] p = new double[k];
              if (counts.indices().length > 0) {
                inference.infer(counts.indices(), counts.values(), counts.indices().length, seed, gamma, null);
                double sum = 0;
                for (int t = 0; t < k; t++) {
                  sum += gamma[t];
                }
                for (int t = 0; t < k; t++) {
                  p[t] = gamma[t] / sum;
                }
              }
              Object[] out = new Object[width];
              out[0] = org.apache.spark.sql.catalyst.InternalRow.copyValue(r.get(0, types[0]));
              out[1] = org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.fromPrimitiveArray(p);
              for (int c = 2; c < width; c++) {
                out[c] = org.apache.spark.sql.catalyst.InternalRow.copyValue(r.get(c, types[c]));
              }
              return new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(out);
            }
          };
        });
    return io.newstopics.tables.InternalRows.frame(tf.sparkSession(), rows.rdd(), schema);
  }

  private static String[] concat(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  /** E[log beta] of lambda (column-major k x V), as a column-major V x k array (MLlib's Elogbeta). */
  static double[] dirichletExpectation(double[] lambda, int k, int vocab) {
    double[] rowDigamma = rowDigamma(lambda, k, vocab);
    double[] out = new double[vocab * k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        out[w + t * vocab] = digamma(lambda[w * k + t]) - rowDigamma[t];
      }
    }
    return out;
  }

  /** Digamma of each topic's sum over the vocabulary of lambda (column-major k x V). */
  static double[] rowDigamma(double[] lambda, int k, int vocab) {
    double[] rowSum = new double[k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        rowSum[t] += lambda[w * k + t];
      }
    }
    double[] out = new double[k];
    for (int t = 0; t < k; t++) {
      out[t] = digamma(rowSum[t]);
    }
    return out;
  }

  /** E[log theta] of an article's gamma: digamma(gamma_t) - digamma(sum of gamma). */
  static double[] dirichletExpectation(double[] gamma) {
    double sum = 0;
    for (double g : gamma) {
      sum += g;
    }
    double digammaSum = digamma(sum);
    double[] out = new double[gamma.length];
    for (int t = 0; t < gamma.length; t++) {
      out[t] = digamma(gamma[t]) - digammaSum;
    }
    return out;
  }

  private static double[] exp(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.exp(x[i]);
    }
    return out;
  }

  /** MLlib's Newton step on alpha (Huang, "Maximum Likelihood Estimation of Dirichlet Distribution Parameters"). */
  private static void updateAlpha(double[] alpha, double[] logphatSum, long n, double rho) {
    int k = alpha.length;
    double sumAlpha = 0;
    for (double a : alpha) {
      sumAlpha += a;
    }
    double digammaSum = digamma(sumAlpha);
    double[] gradf = new double[k];
    double[] q = new double[k];
    double c = n * trigamma(sumAlpha);
    double gq = 0;
    double invQ = 0;
    for (int t = 0; t < k; t++) {
      gradf[t] = n * (-(digamma(alpha[t]) - digammaSum) + logphatSum[t] / n);
      q[t] = -n * trigamma(alpha[t]);
      gq += gradf[t] / q[t];
      invQ += 1 / q[t];
    }
    double b = gq / (1 / c + invQ);
    double[] next = new double[k];
    for (int t = 0; t < k; t++) {
      next[t] = alpha[t] + rho * (-(gradf[t] - b) / q[t]);
      if (!(next[t] > 0)) {
        return; // MLlib keeps alpha when a step would leave the positive orthant
      }
    }
    System.arraycopy(next, 0, alpha, 0, k);
  }

  /**
   * The digamma function for x &gt; 0: the recurrence two steps at a time, psi(x) = psi(x + 2) - (2x + 1) / (x (x + 1)),
   * up to x &gt;= 8, then the asymptotic series to x^-14 (its next term is below 2e-15 there). One division per two
   * steps: most values in the inference (a topic's weight in an article) are below 1, and one step per division up
   * to 10 made it 43% of the lda stage's task time. commons-math's recurses up to 49, one call per step.
   */
  static double digamma(double x) {
    double result = 0;
    while (x < 8) {
      result -= (2 * x + 1) / (x * (x + 1));
      x += 2;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    return result + Math.log(x) - 0.5 * inv
        - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132
        - inv2 * (691.0 / 32760 - inv2 / 12))))));
  }

  /** The trigamma function for x &gt; 0: psi1(x) = psi1(x + 1) + 1/x^2 up to x &gt;= 10, then the asymptotic series. */
  static double trigamma(double x) {
    double result = 0;
    while (x < 10) {
      result += 1 / (x * x);
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    return result + inv + 0.5 * inv2
        + inv * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 / 30)));
  }

  /** Up to this many partitions, a mini-batch's statistics are summed on the driver ({@link #batchStats}). */
  static final int DRIVER_SUM_PARTITIONS = 8;

  /**
   * The statistics of a mini-batch: on a few partitions (a local master: one per core) one job whose per-partition
   * statistics (the terms the partition's articles have) the driver sums; on more (a cluster), summed in a tree on
   * the executors first, as MLlib does, so the driver does not receive an array per partition.
   */
  static Stats batchStats(JavaRDD<Tuple2<Object, Vector>> batch, BatchStats f, int k, int vocab) {
    if (batch.getNumPartitions() > DRIVER_SUM_PARTITIONS) {
      return batch.mapPartitionsWithIndex((index, it) -> Collections.singletonList(f.of(index, it)).iterator(), false)
          .treeReduce(Stats::add, 2);
    }
    Stats[] parts = (Stats[]) batch.context().runJob(batch.rdd(), f,
        scala.reflect.ClassTag$.MODULE$.apply(Stats.class));
    Stats sum = new Stats(k, vocab);
    for (Stats part : parts) {
      sum = sum.add(part);
    }
    return sum;
  }

  /**
   * The statistics of one partition of a mini-batch, as the function of the iteration's one Spark job (partition i
   * infers with seed + i; {@link #of} for the tree of a cluster). A named class, not a lambda: Spark's closure
   * cleaner parses the class files of a lambda's enclosing classes with ASM (for mapPartitions and treeReduce, RDD's
   * and this one) on every job, and with 100 jobs per fit that was a tenth of the lda stage, on the driver while the
   * cores waited.
   */
  static final class BatchStats
      extends scala.runtime.AbstractFunction2<org.apache.spark.TaskContext,
          scala.collection.Iterator<Tuple2<Object, Vector>>, Stats> implements Serializable {
    private final Broadcast<double[]> lambda;
    private final double[] rowDigamma;
    private final double[] alpha;
    private final int k;
    private final int vocab;
    private final long seed;

    BatchStats(Broadcast<double[]> lambda, double[] rowDigamma, double[] alpha, int k, int vocab, long seed) {
      this.lambda = lambda;
      this.rowDigamma = rowDigamma;
      this.alpha = alpha;
      this.k = k;
      this.vocab = vocab;
      this.seed = seed;
    }

    @Override
    public Stats apply(org.apache.spark.TaskContext task, scala.collection.Iterator<Tuple2<Object, Vector>> articles) {
      return of(task.partitionId(), scala.jdk.javaapi.CollectionConverters.asJava(articles));
    }

    Stats of(int partition, Iterator<Tuple2<Object, Vector>> articles) {
      return Stats.of(articles, ArticleInference.fromLambda(lambda.value(), rowDigamma, vocab, alpha), k, vocab,
          seed + partition);
    }
  }

  /**
   * One partition's (then the batch's) sufficient statistics, already multiplied by exp(E[log beta]) (MLlib
   * multiplies their sum on the driver), the sum of E[log theta] and the article count. A partition's are sparse:
   * the rows of the terms its articles have (about half of the vocabulary in a mini-batch task, so the task's result
   * is about half the size); sums are dense.
   */
  static final class Stats implements Serializable {
    final int k;
    final int vocab;
    /** Dense: column-major k x V, null when no partition had a non-empty article. */
    double[] stat;
    /** Sparse: the terms (ascending) and their k values each (row-major), when stat is null. */
    int[] terms;
    double[] values;
    final double[] logphat;
    long docs;

    private Stats(int k, int vocab) {
      this.k = k;
      this.vocab = vocab;
      this.logphat = new double[k];
    }

    static Stats of(Iterator<Tuple2<Object, Vector>> articles, ArticleInference inference, int k, int vocab,
                    long seed) {
      Stats s = new Stats(k, vocab);
      double[] gamma = new double[k];
      double[] sstats = new double[0];
      double[] stat = null;
      while (articles.hasNext()) {
        org.apache.spark.mllib.linalg.SparseVector counts = articles.next()._2().toSparse();
        int[] ids = counts.indices();
        int n = ids.length;
        if (n == 0) {
          continue;
        }
        if (sstats.length < n * k) {
          sstats = new double[Math.max(n * k, sstats.length * 2)];
        }
        inference.infer(ids, counts.values(), n, seed, gamma, sstats);
        if (stat == null) {
          stat = new double[k * vocab];
        }
        for (int j = 0; j < n; j++) {
          int w = ids[j];
          for (int t = 0; t < k; t++) {
            stat[w * k + t] += sstats[j * k + t];
          }
        }
        double[] elogtheta = dirichletExpectation(gamma);
        for (int t = 0; t < k; t++) {
          s.logphat[t] += elogtheta[t];
        }
        s.docs++;
      }
      if (stat != null) {
        int used = 0;
        for (int w = 0; w < vocab; w++) {
          used += inference.used(w) ? 1 : 0;
        }
        s.terms = new int[used];
        s.values = new double[used * k];
        int i = 0;
        for (int w = 0; w < vocab; w++) {
          if (inference.used(w)) {
            s.terms[i] = w;
            for (int t = 0; t < k; t++) {
              s.values[i * k + t] = stat[w * k + t] * inference.expElogbeta(w, t);
            }
            i++;
          }
        }
      }
      return s;
    }

    /** The statistics as a dense column-major k x V array (null: no article had terms). */
    double[] dense() {
      if (stat == null && terms != null) {
        stat = new double[k * vocab];
        addSparse(this);
      }
      return stat;
    }

    /** This plus {@code o}, in this (made dense). */
    Stats add(Stats o) {
      if (o.stat != null || o.terms != null) {
        dense();
        if (stat == null) {
          stat = new double[k * vocab];
        }
        if (o.stat != null) {
          for (int i = 0; i < stat.length; i++) {
            stat[i] += o.stat[i];
          }
        } else {
          addSparse(o);
        }
      }
      for (int t = 0; t < logphat.length; t++) {
        logphat[t] += o.logphat[t];
      }
      docs += o.docs;
      return this;
    }

    private void addSparse(Stats o) {
      if (o.terms == null) {
        return;
      }
      for (int i = 0; i < o.terms.length; i++) {
        int base = o.terms[i] * k;
        for (int t = 0; t < k; t++) {
          stat[base + t] += o.values[i * k + t];
        }
      }
      if (o == this) {
        terms = null;
        values = null;
      }
    }
  }
}
