package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.LDA;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.clustering.OnlineLDAOptimizer;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class OnlineLdaTest {
  @Test
  void digammaAndTrigammaAreAccurate() {
    // exact values (mpmath): psi(1) = -euler gamma, psi(1/2) = -gamma - 2 ln 2, psi1(1) = pi^2/6, psi1(1/2) = pi^2/2
    assertEquals(-0.5772156649015329, LdaMath.digamma(1), 1e-13);
    assertEquals(-1.9635100260214235, LdaMath.digamma(0.5), 1e-13);
    assertEquals(-20.4978449912999, LdaMath.digamma(0.05), 1e-12);
    assertEquals(2.251752589066721, LdaMath.digamma(10), 1e-13);
    assertEquals(Math.PI * Math.PI / 6, LdaMath.trigamma(1), 1e-12);
    assertEquals(Math.PI * Math.PI / 2, LdaMath.trigamma(0.5), 1e-12);
    // and commons-math's, which MLlib uses, to its own accuracy (about 3e-9 near 0.05)
    for (double x : new double[] {1e-6, 0.003, 0.05, 0.5, 1, 2.5, 9.99, 10, 48, 49, 50, 1234.5, 1e7}) {
      assertEquals(Gamma.digamma(x), LdaMath.digamma(x), 1e-8 * Math.max(1, Math.abs(Gamma.digamma(x))), "psi " + x);
      assertEquals(Gamma.trigamma(x), LdaMath.trigamma(x), 1e-8 * Math.max(1, Gamma.trigamma(x)), "psi1 " + x);
    }
  }

  /** 60 articles over 12 terms, in three groups of 4 terms, in {@code partitions} partitions. */
  private static JavaRDD<Tuple2<Object, Vector>> docs(int partitions) {
    List<Tuple2<Object, Vector>> docs = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      int group = d % 3;
      int[] idx = {group * 4, group * 4 + 1, group * 4 + 2, group * 4 + 3, (group * 4 + 5) % 12};
      double[] counts = {1 + d % 4, 2, 1 + d % 2, 3, 1};
      java.util.Arrays.sort(idx);
      docs.add(new Tuple2<>((long) d, Vectors.sparse(12, idx, counts)));
    }
    return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()).parallelize(docs, partitions).cache();
  }

  private static OnlineLDAOptimizer initialized(JavaRDD<Tuple2<Object, Vector>> docs) {
    OnlineLDAOptimizer o = new OnlineLDAOptimizer().setMiniBatchFraction(0.3).setTau0(32).setKappa(0.51)
        .setOptimizeDocConcentration(true);
    LDA lda = new LDA().setK(3).setSeed(42).setMaxIterations(15).setOptimizer(o);
    o.initialize(docs.rdd(), lda);
    return o;
  }

  /**
   * 3 partitions: each iteration's statistics summed on the driver; 12 (more than
   * {@link MiniBatchStats#DRIVER_SUM_PARTITIONS}, a cluster's): summed in a tree on the executors.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {3, 12})
  void sameModelAsMllibsOwnIterationsFromTheSameState(int partitions) {
    JavaRDD<Tuple2<Object, Vector>> docs = docs(partitions);
    OnlineLDAOptimizer mllib = initialized(docs);
    for (int i = 0; i < 15; i++) {
      mllib.next();
    }
    LocalLDAModel expected = (LocalLDAModel) mllib.getLDAModel(new double[15]);

    List<Integer> seen = new ArrayList<>();
    OnlineLDAOptimizer init = initialized(docs); // MLlib's members for its own tests: the same start as mllib's
    OnlineLda.Fit fit = OnlineLda.fit(docs, 60, new OnlineLda.Start(init.getLambda().toArray$mcD$sp(), 3, 12,
        init.getAlpha().toArray(), init.getEta()), new OnlineLda.Settings(32, 0.51, 0.3, true), 42, 15, seen::add);

    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), seen);
    double[] e = expected.topicsMatrix().toArray();
    double[] o = fit.topicsMatrix();
    assertEquals(e.length, o.length);
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], o[i], 1e-6 * Math.max(1, Math.abs(e[i])), "topics matrix entry " + i);
    }
    assertArrayEquals(expected.docConcentration().toArray(), fit.alpha(), 1e-8);
    assertEquals(expected.topicConcentration(), fit.eta());
    // the fit moved away from the random start: the groups' terms gather in topics
    double[] start = initialized(docs).getLambda().toArray$mcD$sp();
    double moved = 0;
    for (int t = 0; t < 3; t++) {
      for (int w = 0; w < 12; w++) {
        moved += Math.abs(o[w + t * 12] - start[w * 3 + t]);
      }
    }
    assertTrue(moved > 10, "lambda moved by " + moved);
  }
}
