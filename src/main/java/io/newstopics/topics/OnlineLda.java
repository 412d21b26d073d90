package io.newstopics.topics;

import java.util.Random;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The iterations of MLlib's online variational Bayes LDA ({@code OnlineLDAOptimizer.next()}, Hoffman et al. 2010),
 * step for step, from a given start: the driver's loop (mini-batch sample, learning rate, lambda update, Newton step
 * on alpha). The E-step is {@link MiniBatchStats}, with MLlib's per-article inference done by
 * {@link ArticleInference} (the same algorithm in plain arrays). What differs from MLlib:
 * <ul>
 *   <li>{@code E[log beta]} is not computed on the driver: the iteration broadcasts lambda, and each task computes
 *       {@code exp(E[log beta])} of the terms its articles have (the same values, {@link LdaMath#digamma}), then
 *       multiplies its statistics by it before returning them (MLlib multiplies their sum on the driver: the same up
 *       to rounding).</li>
 *   <li>One Spark job per iteration (the batch's statistics, summed on the driver or with {@code treeReduce}), where
 *       MLlib runs an emptiness check first.</li>
 * </ul>
 * Same random draws as MLlib for the same start and seed (batch samples with replacement, the per-partition
 * inference seeds), the same learning rate, lambda update and Newton step on alpha: the test compares the two fits.
 */
final class OnlineLda {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineLda.class);

  private OnlineLda() {}

  /**
   * Where a fit starts: the topics (lambda, column-major k x vocabulary, (t, w) at {@code w * k + t}), the document
   * concentration alpha (k values) and the topic concentration eta, as MLlib's {@code initialize} leaves them.
   */
  record Start(double[] lambda, int k, int vocab, double[] alpha, double eta) {}

  /** The online optimizer's parameters, as on MLlib's {@code OnlineLDAOptimizer}. */
  record Settings(double tau0, double kappa, double miniBatchFraction, boolean optimizeAlpha) {}

  /** A fitted model: the topics (column-major k x vocabulary), alpha and eta. */
  record Fit(double[] lambda, int k, int vocab, double[] alpha, double eta) {
    /** The topics as MLlib's {@code topicsMatrix}: column-major vocabulary x k. */
    double[] topicsMatrix() {
      return LdaMath.byTopic(lambda, vocab, k);
    }
  }

  /**
   * Runs {@code iterations} mini-batches from {@code start} and returns the fitted topics and alpha.
   *
   * @param docs the documents (ids, term counts; the ids are not used)
   * @param corpusSize their number
   * @param seed the LDA seed {@code start} was drawn with: the draws continue its random sequence after the one
   *             MLlib's {@code initialize} made for lambda
   * @param onIteration called after each iteration with its number (1-based)
   */
  static Fit fit(JavaRDD<Tuple2<Object, Vector>> docs, long corpusSize, Start start, Settings settings, long seed,
                 int iterations, IntConsumer onIteration) {
    int k = start.k();
    int vocab = start.vocab();
    double[] lambda = start.lambda().clone();
    double[] alpha = start.alpha().clone();
    double fraction = settings.miniBatchFraction();
    int batchSize = (int) Math.ceil(fraction * corpusSize); // MLlib's estimate, used to scale the batch's statistics
    Random random = new Random(seed);
    random.nextLong(); // the draw initialize() made for lambda
    int iteration = 0;
    for (int i = 1; i <= iterations; i++) {
      JavaRDD<Tuple2<Object, Vector>> batch = docs.sample(true, fraction, random.nextLong());
      long inferenceSeed = random.nextLong();
      // the tasks compute exp(E[log beta]) of the terms their articles have, from lambda and these k values
      double[] rowDigamma = LdaMath.rowDigamma(lambda, k, vocab);
      Broadcast<double[]> lambdaBc = docs.context().broadcast(lambda.clone(),
          scala.reflect.ClassTag$.MODULE$.apply(double[].class));
      MiniBatchStats.Stats stats;
      try {
        stats = MiniBatchStats.of(batch, new MiniBatchStats.PartitionStats(lambdaBc, rowDigamma, alpha.clone(), k,
            vocab, inferenceSeed), k, vocab);
      } finally {
        lambdaBc.destroy();
      }
      if (stats.docs > 0) {
        iteration++;
        double rho = Math.pow(settings.tau0() + iteration, -settings.kappa());
        double scale = (double) corpusSize / batchSize;
        double[] stat = stats.dense(); // already times exp(E[log beta])
        for (int j = 0; j < lambda.length; j++) {
          double s = stat == null ? 0 : stat[j];
          lambda[j] = (1 - rho) * lambda[j] + rho * (s * scale + start.eta());
        }
        if (settings.optimizeAlpha()) {
          updateAlpha(alpha, stats.logphat, stats.docs, rho);
        }
      } else {
        LOG.warn("LDA iteration {}: the mini-batch had no non-empty article; the model was not updated", i);
      }
      onIteration.accept(i);
    }
    return new Fit(lambda, k, vocab, alpha, start.eta());
  }

  /** MLlib's Newton step on alpha (Huang, "Maximum Likelihood Estimation of Dirichlet Distribution Parameters"). */
  private static void updateAlpha(double[] alpha, double[] logphatSum, long n, double rho) {
    int k = alpha.length;
    double sumAlpha = 0;
    for (double a : alpha) {
      sumAlpha += a;
    }
    double digammaSum = LdaMath.digamma(sumAlpha);
    double[] gradf = new double[k];
    double[] q = new double[k];
    double c = n * LdaMath.trigamma(sumAlpha);
    double gq = 0;
    double invQ = 0;
    for (int t = 0; t < k; t++) {
      gradf[t] = n * (-(LdaMath.digamma(alpha[t]) - digammaSum) + logphatSum[t] / n);
      q[t] = -n * LdaMath.trigamma(alpha[t]);
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
}
