package io.newstopics.topics;

/**
 * The special functions and Dirichlet expectations of online LDA, on plain arrays. The topics (lambda) are
 * column-major k x vocabulary, (t, w) at {@code w * k + t}, as MLlib's optimizer holds them; MLlib's topic matrix
 * ({@code topicsMatrix}, {@code Elogbeta}) is their transpose, column-major vocabulary x k, (w, t) at
 * {@code w + t * vocab}.
 */
final class LdaMath {
  private LdaMath() {}

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

  /** A column-major k x vocabulary matrix by topic: column-major vocabulary x k (the inverse of {@link #byTerm}). */
  static double[] byTopic(double[] lambda, int vocab, int k) {
    double[] out = new double[vocab * k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        out[w + t * vocab] = lambda[w * k + t];
      }
    }
    return out;
  }

  static double[] exp(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.exp(x[i]);
    }
    return out;
  }

  /**
   * The digamma function for x &gt; 0: the recurrence two steps at a time, psi(x) = psi(x + 2) - (2x + 1) / (x (x + 1)),
   * up to x &gt;= 8, then the asymptotic series to x^-14 (its next term is below 2e-15 there). One division per two
   * steps, and no recursion: most values in the inference (a topic's weight in an article) are below 1, where
   * commons-math's (which MLlib uses) recurses up to 49 times.
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
}
