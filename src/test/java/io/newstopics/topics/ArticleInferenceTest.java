package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.mllib.clustering.OnlineLDAOptimizer$;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.Test;

class ArticleInferenceTest {
  /**
   * 300 random articles (3 to 80 distinct terms of a 500-term vocabulary, counts 1 to 5) against random topics
   * (k = 1, 7 and 20): the same gamma and statistics as MLlib's variationalTopicInference, article by article, to
   * 1e-7 relative (MLlib's digamma, commons-math's, is itself accurate to a few 1e-9).
   */
  @Test
  void sameGammaAndStatisticsAsMllib() {
    Random random = new Random(7);
    int vocab = 500;
    int compared = 0;
    for (int k : new int[] {1, 7, 20}) {
      double[] lambda = new double[k * vocab]; // column-major k x V
      for (int i = 0; i < lambda.length; i++) {
        lambda[i] = 0.01 + random.nextDouble() * (random.nextInt(10) == 0 ? 300 : 2);
      }
      double[] expElogbeta = new double[vocab * k];
      double[] elog = LdaMath.dirichletExpectation(lambda, k, vocab);
      for (int i = 0; i < elog.length; i++) {
        expElogbeta[i] = Math.exp(elog[i]);
      }
      double[] alpha = new double[k];
      for (int t = 0; t < k; t++) {
        alpha[t] = 0.02 + random.nextDouble() * 0.5;
      }
      breeze.linalg.DenseMatrix<Object> expB =
          (breeze.linalg.DenseMatrix<Object>) Matrices.dense(vocab, k, expElogbeta).asBreeze();
      breeze.linalg.Vector<Object> alphaB = Vectors.dense(alpha).asBreeze();
      ArticleInference ours = new ArticleInference(expElogbeta, vocab, alpha);
      for (int d = 0; d < 100; d++) {
        TreeSet<Integer> terms = new TreeSet<>();
        int n = 3 + random.nextInt(78);
        while (terms.size() < n) {
          terms.add(random.nextInt(vocab));
        }
        int[] ids = terms.stream().mapToInt(Integer::intValue).toArray();
        double[] counts = new double[n];
        for (int j = 0; j < n; j++) {
          counts[j] = 1 + random.nextInt(5);
        }
        long seed = random.nextLong();
        var expected = OnlineLDAOptimizer$.MODULE$.variationalTopicInference(
            new SparseVector(vocab, ids, counts), expB, alphaB, ArticleInference.GAMMA_SHAPE, k, seed);
        double[] gamma = new double[k];
        double[] sstats = new double[n * k];
        ours.infer(ids, counts, n, seed, gamma, sstats);
        double[] eg = new double[k];
        for (int t = 0; t < k; t++) {
          eg[t] = expected._1().apply$mcD$sp(t);
        }
        double[] es = expected._2().toArray$mcD$sp(); // column-major k x n
        for (int t = 0; t < k; t++) {
          assertEquals(eg[t], gamma[t], 1e-7 * Math.max(1, eg[t]), "k=" + k + " article " + d + " gamma " + t);
        }
        for (int i = 0; i < n * k; i++) {
          assertEquals(es[i], sstats[i], 1e-7 * Math.max(1, es[i]), "k=" + k + " article " + d + " sstats " + i);
        }
        // the same seed again (the start is then reused, as for every article of a partition): the same result
        double[] again = new double[k];
        ours.infer(ids, counts, n, seed, again, null);
        for (int t = 0; t < k; t++) {
          assertEquals(gamma[t], again[t], "k=" + k + " article " + d + " gamma " + t + " from the reused start");
        }
        compared++;
      }
    }
    assertEquals(300, compared);
  }

  @Test
  void theStartIsMllibsDraw() {
    double[] g = ArticleInference.initialGamma(5, 42);
    double[] again = ArticleInference.initialGamma(5, 42);
    for (int t = 0; t < 5; t++) {
      assertEquals(g[t], again[t]);
      assertTrue(g[t] > 0.5 && g[t] < 1.5, "Gamma(100, 1/100) is about 1: " + g[t]);
    }
    assertTrue(g[0] != ArticleInference.initialGamma(5, 43)[0]);
  }
}
