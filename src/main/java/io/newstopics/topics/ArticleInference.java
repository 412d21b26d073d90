package io.newstopics.topics;

import breeze.stats.distributions.Gamma;
import breeze.stats.distributions.RandBasis;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * The per-article step of MLlib's online LDA ({@code OnlineLDAOptimizer.variationalTopicInference}): the
 * article's topic weights gamma and its share of the topic statistics, from the topics' {@code exp(E[log beta])}.
 * The same algorithm, start and stopping rule as MLlib's: gamma starts from MLlib's draw (Gamma(100, 1/100) from a
 * Mersenne Twister seeded with the given seed), then gamma and phi alternate until gamma's mean absolute change is
 * at most 1e-3. What differs is the arithmetic: plain loops over arrays and {@link LdaMath#digamma}, where MLlib
 * builds breeze vectors and a sliced matrix every iteration and calls commons-math's digamma (a recursion of up to
 * 49 calls per value). The test compares the two on the same articles.
 *
 * <p>In the fit, {@code exp(E[log beta])} is computed per term on the term's first use ({@link #fromLambda}): a
 * mini-batch's task uses part of the vocabulary, and the driver does not compute the whole matrix between jobs
 * while the cores wait.
 *
 * <p>One instance per task: it keeps its work arrays between articles. Not thread-safe.
 */
final class ArticleInference {
  /** MLlib's shape of the random gamma initialisation (not settable on the optimizer). */
  static final double GAMMA_SHAPE = 100;
  private static final double CONVERGED = 1e-3;

  private final double[] expElogbeta; // by term: (w, t) at w * k + t, each term's k values together
  // fromLambda: the topics (column-major k x V), digamma of their sums, and which terms' expElogbeta are computed
  private final double[] lambda;
  private final double[] rowDigamma;
  private final boolean[] known;
  private final int k;
  private final double[] alpha;
  private double[] rows = new double[0]; // the article's rows of expElogbeta, row-major n x k
  private double[] ratio = new double[0]; // counts / phiNorm per term
  private final double[] expElogtheta;
  private final double[] last;
  private final double[] acc;
  private long startSeed;
  private double[] start; // gamma's start for startSeed: articles inferred with one seed all start alike

  /**
   * @param expElogbeta exp(E[log beta]) of the topics, column-major vocabulary x k (MLlib's {@code expElogbeta})
   * @param alpha the document concentration, k values
   */
  ArticleInference(double[] expElogbeta, int vocab, double[] alpha) {
    // by term: an article's terms are then k contiguous values each
    this(LdaMath.byTerm(expElogbeta, vocab, alpha.length), null, null, vocab, alpha);
  }

  private ArticleInference(double[] expElogbeta, double[] lambda, double[] rowDigamma, int vocab, double[] alpha) {
    this.expElogbeta = expElogbeta;
    this.lambda = lambda;
    this.rowDigamma = rowDigamma;
    this.known = lambda == null ? null : new boolean[vocab];
    this.k = alpha.length;
    this.alpha = alpha;
    this.expElogtheta = new double[k];
    this.last = new double[k];
    this.acc = new double[k];
  }

  /**
   * Inference from the topics' lambda: each term's column of {@code exp(E[log beta])} is computed when an article
   * first has the term, with the arithmetic of {@link LdaMath#dirichletExpectation(double[], int, int)} (the same
   * values).
   *
   * @param lambda the topics, column-major k x vocabulary (read, not changed)
   * @param rowDigamma digamma of each topic's sum over the vocabulary ({@link LdaMath#rowDigamma})
   */
  static ArticleInference fromLambda(double[] lambda, double[] rowDigamma, int vocab, double[] alpha) {
    return new ArticleInference(new double[vocab * alpha.length], lambda, rowDigamma, vocab, alpha);
  }

  /** Whether term {@code w}'s exp(E[log beta]) was computed ({@link #fromLambda}: some article had it). */
  boolean used(int w) {
    return known == null || known[w];
  }

  /** exp(E[log beta]) of term w in topic t (after an article with the term, for {@link #fromLambda}). */
  double expElogbeta(int w, int t) {
    return expElogbeta[w * k + t];
  }

  private void compute(int w) {
    for (int t = 0; t < k; t++) {
      expElogbeta[w * k + t] = Math.exp(LdaMath.digamma(lambda[w * k + t]) - rowDigamma[t]);
    }
    known[w] = true;
  }

  /** MLlib's initial gamma for an article inferred with {@code seed}. */
  static double[] initialGamma(int k, long seed) {
    Gamma g = new Gamma(GAMMA_SHAPE, 1.0 / GAMMA_SHAPE, new RandBasis(new MersenneTwister(seed)));
    double[] out = new double[k];
    for (int t = 0; t < k; t++) {
      out[t] = g.draw$mcD$sp();
    }
    return out;
  }

  /**
   * Infers one article (at least one non-zero count).
   *
   * @param ids the article's term indices
   * @param counts their counts
   * @param n how many of ids/counts are the article's
   * @param seed the seed of gamma's random start
   * @param gamma out: the article's k topic weights (unnormalised)
   * @param sstats out (or null): the article's statistics, row-major n x k: E[log theta]-weighted counts / phiNorm,
   *               MLlib's {@code sstatsd} transposed
   */
  void infer(int[] ids, double[] counts, int n, long seed, double[] gamma, double[] sstats) {
    if (rows.length < n * k) {
      rows = new double[Math.max(n * k, rows.length * 2)];
      ratio = new double[Math.max(n, ratio.length * 2)];
    }
    for (int j = 0; j < n; j++) {
      int w = ids[j];
      if (known != null && !known[w]) {
        compute(w);
      }
      System.arraycopy(expElogbeta, w * k, rows, j * k, k);
    }
    if (start == null || seed != startSeed) { // one seed per partition in the fit, one per model in the mixtures
      start = initialGamma(k, seed);
      startSeed = seed;
    }
    System.arraycopy(start, 0, gamma, 0, k);
    expElogtheta(gamma);
    normalise(counts, n);
    double change = 1;
    while (change > CONVERGED) {
      System.arraycopy(gamma, 0, last, 0, k);
      java.util.Arrays.fill(acc, 0);
      for (int j = 0; j < n; j++) {
        double r = ratio[j];
        int row = j * k;
        for (int t = 0; t < k; t++) {
          acc[t] += rows[row + t] * r;
        }
      }
      double moved = 0;
      for (int t = 0; t < k; t++) {
        gamma[t] = expElogtheta[t] * acc[t] + alpha[t];
        moved += Math.abs(gamma[t] - last[t]);
      }
      expElogtheta(gamma);
      normalise(counts, n);
      change = moved / k;
    }
    if (sstats != null) {
      for (int j = 0; j < n; j++) {
        double r = ratio[j];
        for (int t = 0; t < k; t++) {
          sstats[j * k + t] = expElogtheta[t] * r;
        }
      }
    }
  }

  /** The article's exp(E[log theta]) of the current gamma. */
  private void expElogtheta(double[] gamma) {
    double sum = 0;
    for (int t = 0; t < k; t++) {
      sum += gamma[t];
    }
    double digammaSum = LdaMath.digamma(sum);
    for (int t = 0; t < k; t++) {
      expElogtheta[t] = Math.exp(LdaMath.digamma(gamma[t]) - digammaSum);
    }
  }

  /**
   * counts / phiNorm, phiNorm being each term's sum over topics of exp(E[log beta]) x exp(E[log theta]). Four terms
   * at a time: each sum is still added up topic by topic (the same result), but the four are independent, so the
   * processor overlaps them instead of waiting for each addition in turn.
   */
  private void normalise(double[] counts, int n) {
    int j = 0;
    for (; j + 3 < n; j += 4) {
      int r0 = j * k;
      int r1 = r0 + k;
      int r2 = r1 + k;
      int r3 = r2 + k;
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      for (int t = 0; t < k; t++) {
        double e = expElogtheta[t];
        p0 += rows[r0 + t] * e;
        p1 += rows[r1 + t] * e;
        p2 += rows[r2 + t] * e;
        p3 += rows[r3 + t] * e;
      }
      ratio[j] = counts[j] / (p0 + 1e-100);
      ratio[j + 1] = counts[j + 1] / (p1 + 1e-100);
      ratio[j + 2] = counts[j + 2] / (p2 + 1e-100);
      ratio[j + 3] = counts[j + 3] / (p3 + 1e-100);
    }
    for (; j < n; j++) {
      int row = j * k;
      double phiNorm = 0;
      for (int t = 0; t < k; t++) {
        phiNorm += rows[row + t] * expElogtheta[t];
      }
      ratio[j] = counts[j] / (phiNorm + 1e-100);
    }
  }
}
