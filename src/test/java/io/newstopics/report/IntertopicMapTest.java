package io.newstopics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntertopicMapTest {
  private static double dist(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  @Test
  void mdsReproducesTheDistancesOfPointsInAPlane() {
    double[][] points = {{0, 0}, {4, 0}, {4, 3}, {0, 3}, {1, 1}, {3, 2.5}};
    int n = points.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i][j] = dist(points[i], points[j]);
      }
    }
    double[][] placed = IntertopicMap.mds(d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(d[i][j], dist(placed[i], placed[j]), 1e-6, "distance " + i + "-" + j);
      }
    }
  }

  @Test
  void pointsOnALineGetOneAxis() {
    double[][] d = {{0, 1, 3}, {1, 0, 2}, {3, 2, 0}};
    double[][] placed = IntertopicMap.mds(d);
    assertEquals(3, dist(placed[0], placed[2]), 1e-6);
    assertEquals(1, dist(placed[0], placed[1]), 1e-6);
    for (double[] p : placed) {
      assertEquals(0, p[1], 1e-6);
    }
  }

  @Test
  void jensenShannonDistanceIsZeroForTheSameTermsAndOneForDisjointTerms() {
    Map<String, Double> a = Map.of("war", 0.2, "aid", 0.1);
    Map<String, Double> a2 = Map.of("war", 0.4, "aid", 0.2); // the same distribution once renormalised
    Map<String, Double> b = Map.of("court", 0.3, "vote", 0.3);
    assertEquals(0, IntertopicMap.jsDistance(a, a2), 1e-9);
    assertEquals(1, IntertopicMap.jsDistance(a, b), 1e-9);
    double partial = IntertopicMap.jsDistance(a, Map.of("war", 0.2, "vote", 0.1));
    assertTrue(partial > 0 && partial < 1, "overlapping topics lie between: " + partial);
    double[][] placed = IntertopicMap.place(List.of(a, a2, b));
    assertEquals(0, dist(placed[0], placed[1]), 1e-6);
    assertEquals(1, dist(placed[0], placed[2]), 1e-6);
  }
}
