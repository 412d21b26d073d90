package io.newstopics.report;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intertopic map of pyLDAvis: Jensen-Shannon distances between the topics' term distributions, placed in 2-D by
 * classical multidimensional scaling. Plain arithmetic on the driver: k topics × their top terms, never articles.
 */
public final class IntertopicMap {
  private IntertopicMap() {}

  /**
   * Jensen-Shannon distance (square root of the divergence, base 2, so 0..1 and a metric) between two term weight
   * maps, each renormalised to sum 1 over its own terms; a term absent from one map has weight 0 there.
   */
  public static double jsDistance(Map<String, Double> p, Map<String, Double> q) {
    double sp = sum(p);
    double sq = sum(q);
    Set<String> terms = new HashSet<>(p.keySet());
    terms.addAll(q.keySet());
    double d = 0;
    for (String w : terms) {
      double a = sp == 0 ? 0 : p.getOrDefault(w, 0.0) / sp;
      double b = sq == 0 ? 0 : q.getOrDefault(w, 0.0) / sq;
      double m = (a + b) / 2;
      d += (a > 0 ? a * Math.log(a / m) : 0) / 2 + (b > 0 ? b * Math.log(b / m) : 0) / 2;
    }
    return Math.sqrt(Math.max(0, d / Math.log(2)));
  }

  private static double sum(Map<String, Double> m) {
    return m.values().stream().mapToDouble(v -> v == null || v < 0 ? 0 : v).sum();
  }

  /** The topics' pairwise {@link #jsDistance}s, then their 2-D places by {@link #mds}. */
  public static double[][] place(List<Map<String, Double>> topics) {
    int n = topics.size();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[i][j] = d[j][i] = jsDistance(topics.get(i), topics.get(j));
      }
    }
    return mds(d);
  }

  /**
   * Classical (Torgerson) MDS to 2-D: double-centred squared distances B = -J D² J / 2, its two largest eigenpairs
   * (power iteration with deflation), coordinates v·sqrt(λ); a non-positive eigenvalue gives a zero axis. For
   * Euclidean distances of points in a plane the result reproduces the distances exactly (up to rotation).
   */
  public static double[][] mds(double[][] d) {
    int n = d.length;
    double[][] b = new double[n][n];
    double[] rowMean = new double[n];
    double all = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sq = d[i][j] * d[i][j];
        b[i][j] = sq;
        rowMean[i] += sq / n;
        all += sq / ((double) n * n);
      }
    }
    double shift = 0; // Gershgorin bound: B + shift·I is positive semi-definite, so power iteration finds the top λ
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        b[i][j] = -(b[i][j] - rowMean[i] - rowMean[j] + all) / 2;
        row += Math.abs(b[i][j]);
      }
      shift = Math.max(shift, row);
    }
    double[][] out = new double[n][2];
    for (int axis = 0; axis < 2 && n > 0; axis++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = 1 + 0.01 * i * (axis + 1) + (i % 3) * 0.1; // not orthogonal to any eigenvector in practice
      }
      double lambda = 0;
      for (int it = 0; it < 2000; it++) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            w[i] += b[i][j] * v[j];
          }
          w[i] += shift * v[i];
        }
        double norm = Math.sqrt(dot(w, w));
        if (norm == 0) {
          break;
        }
        double delta = 0;
        for (int i = 0; i < n; i++) {
          w[i] /= norm;
          delta = Math.max(delta, Math.abs(w[i] - v[i]));
        }
        v = w;
        lambda = norm - shift;
        if (delta < 1e-12) {
          break;
        }
      }
      double scale = lambda > 1e-12 ? Math.sqrt(lambda) : 0;
      for (int i = 0; i < n; i++) {
        out[i][axis] = v[i] * scale;
        for (int j = 0; j < n; j++) {
          b[i][j] -= lambda * v[i] * v[j]; // deflation: the next axis is the next eigenpair
        }
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
