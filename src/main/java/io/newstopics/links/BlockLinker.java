package io.newstopics.links;

import static io.newstopics.links.ArticleLinks.CANDIDATE_SHARE;
import static io.newstopics.links.ArticleLinks.CROSS_LANGUAGE;
import static io.newstopics.links.ArticleLinks.SAME_LANGUAGE;

import io.newstopics.links.ArticleLinks.BlockPairs;
import io.newstopics.links.ArticleLinks.Vector;
import io.newstopics.links.ArticleLinks.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The links between two blocks of articles (or within one), in plain arrays: an inverted index of one block's rarer
 * terms, a running dot product per article of the other block over them, then the exact cosine of the candidates by
 * merging two sorted term lists. See {@link ArticleLinks} for the rules.
 */
final class BlockLinker {
  private final Vocabulary v;
  private final BlockPairs pairs;
  private final double t;
  private final int sharedTerms;
  private final Map<String, String> langs = new HashMap<>(); // one instance per language: compared by reference

  BlockLinker(Vocabulary v, BlockPairs pairs, double t, int sharedTerms) {
    this.v = v;
    this.pairs = pairs;
    this.t = t;
    this.sharedTerms = sharedTerms;
  }

  Iterator<Row> link(int task, Iterator<Tuple2<Integer, Vector>> shipped) {
    int[] ij = pairs.blocksOf(task);
    List<Vector> first = new ArrayList<>();
    List<Vector> second = new ArrayList<>();
    while (shipped.hasNext()) {
      Vector x = shipped.next()._2();
      (pairs.block(x.key) == ij[0] ? first : second).add(x);
    }
    boolean within = ij[0] == ij[1];
    return link(first, within ? first : second, within).iterator();
  }

  /** The linked pairs of an article of {@code as} and one of {@code bs} (within one block: key a &lt; key b). */
  List<Row> link(List<Vector> as, List<Vector> bs, boolean within) {
    Unit[] a = units(as);
    Unit[] b = within ? a : units(bs);
    // the inverted index of b's rarer terms: for each term, its articles and their same- and cross-language weights
    int[] start = new int[v.idf.length + 1];
    for (Unit y : b) {
      for (int k = 0; k < y.terms.length; k++) {
        if (v.rare[y.terms[k]]) {
          start[y.terms[k] + 1]++;
        }
      }
    }
    for (int i = 0; i < v.idf.length; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = start.clone();
    int[] post = new int[start[v.idf.length]];
    double[] postSame = new double[post.length];
    double[] postCross = new double[post.length];
    for (int n = 0; n < b.length; n++) {
      Unit y = b[n];
      for (int k = 0; k < y.terms.length; k++) {
        int term = y.terms[k];
        if (v.rare[term]) {
          int p = fill[term]++;
          post[p] = n;
          postSame[p] = y.same[k];
          postCross[p] = y.cross[k];
        }
      }
    }
    double[] partial = new double[b.length];
    int[] touched = new int[b.length];
    List<Row> out = new ArrayList<>();
    double candidate = t * CANDIDATE_SHARE;
    for (Unit x : a) {
      int touchedCount = 0;
      for (int k = 0; k < x.terms.length; k++) {
        int term = x.terms[k];
        if (!v.rare[term]) {
          continue;
        }
        for (int p = start[term]; p < start[term + 1]; p++) {
          int n = post[p];
          Unit y = b[n];
          if (within && y.key <= x.key) {
            continue;
          }
          double c = x.lang == y.lang ? x.same[k] * postSame[p] : x.cross[k] * postCross[p];
          if (c > 0) {
            if (partial[n] == 0) {
              touched[touchedCount++] = n;
            }
            partial[n] += c;
          }
        }
      }
      for (int m = 0; m < touchedCount; m++) {
        int n = touched[m];
        if (partial[n] >= candidate) {
          Row r = score(x, b[n]);
          if (r != null) {
            out.add(r);
          }
        }
        partial[n] = 0;
      }
    }
    return out;
  }

  /** The pair's exact cosine over its shared terms, as a row if at or above the threshold; else null. */
  private Row score(Unit x, Unit y) {
    boolean same = x.lang == y.lang;
    double[] wx = same ? x.same : x.cross;
    double[] wy = same ? y.same : y.cross;
    List<double[]> shared = new ArrayList<>();
    double sum = 0;
    for (int i = 0, j = 0; i < x.terms.length && j < y.terms.length; ) {
      if (x.terms[i] < y.terms[j]) {
        i++;
      } else if (x.terms[i] > y.terms[j]) {
        j++;
      } else {
        double c = wx[i] * wy[j];
        if (c > 0) {
          sum += c;
          // the order of the shared terms: contributions equal to 12 decimals are a tie (3·2 and 2·3 counts give
          // the same product, but not always the same last bit)
          shared.add(new double[] {Math.rint(c * 1e12), x.terms[i]});
        }
        i++;
        j++;
      }
    }
    if (sum < t) {
      return null;
    }
    // the largest contributions first, equal ones by term (descending)
    shared.sort((p, q) -> p[0] != q[0] ? Double.compare(q[0], p[0])
        : v.term[(int) q[1]].compareTo(v.term[(int) p[1]]));
    List<String> terms = new ArrayList<>();
    for (int k = 0; k < Math.min(sharedTerms, shared.size()); k++) {
      terms.add(v.term[(int) shared.get(k)[1]]);
    }
    return RowFactory.create(Math.min(x.key, y.key), Math.max(x.key, y.key), Math.min(1.0, sum),
        same ? SAME_LANGUAGE : CROSS_LANGUAGE, same, CollectionConverters.asScala(terms).toList());
  }

  /** The vectors with unit weights: over all terms, and over the terms used across languages (else 0). */
  private Unit[] units(List<Vector> xs) {
    Unit[] out = new Unit[xs.size()];
    for (int n = 0; n < out.length; n++) {
      Vector x = xs.get(n);
      double all = 0;
      double cross = 0;
      for (int k = 0; k < x.terms.length; k++) {
        all += x.w[k] * x.w[k];
        if (v.crossLingual.get(x.terms[k])) {
          cross += x.w[k] * x.w[k];
        }
      }
      double[] same = new double[x.terms.length];
      double[] shared = new double[x.terms.length];
      for (int k = 0; k < x.terms.length; k++) {
        same[k] = x.w[k] / Math.sqrt(all);
        shared[k] = v.crossLingual.get(x.terms[k]) ? x.w[k] / Math.sqrt(cross) : 0;
      }
      String lang = langs.computeIfAbsent(x.lang, l -> l);
      out[n] = new Unit(x.key, lang, x.terms, same, shared);
    }
    return out;
  }

  /** A vector with its unit weights; lang is the task's one instance of the language. */
  private record Unit(long key, String lang, int[] terms, double[] same, double[] cross) {}
}
