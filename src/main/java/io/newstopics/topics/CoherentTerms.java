package io.newstopics.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which of a topic's heaviest terms are shown first: of its top {@code topics.display-candidates} terms by weight,
 * the {@code n} (topics.coherence-terms) that co-occur most in the modelled articles, found greedily on NPMI; the
 * others follow in weight order (with fewer than {@link #MIN_DOCUMENTS} articles, all keep their weight order).
 * Verbs (хотеть, произойти) are chosen only when fewer than {@code n} other candidates remain and otherwise come
 * last: a topic is read from its nouns, names and adjectives, and a verb's dictionary form is rare in news text.
 * Every candidate is a heavy term of the topic, so the choice only drops heavy terms
 * that rarely appear with the rest (rare names of unrelated stories, filler); it does not make the topic itself more
 * coherent, so the topic's quality is judged on its heaviest terms of the kinds it is read from
 * ({@link #judgedTerms}: verbs left out as in the display, else a topic of common verbs passes on them while its nouns
 * are unrelated stories). One count pass over the articles counts every candidate pair ({@link Coherence#count}); both
 * lists are scored with the same counts.
 */
public final class CoherentTerms {
  /**
   * Below this many articles the candidates keep their weight order: in a few articles the words of one story all
   * occur together (NPMI 1), so co-occurrence would put that story's filler before the topic's heaviest terms.
   */
  public static final int MIN_DOCUMENTS = 100;

  private CoherentTerms() {}

  /**
   * Each topic's terms in display order (the chosen {@code n} first); the coherence of its {@code n} heaviest terms
   * of the kinds it is read from ({@link #judgedTerms}; below {@link #MIN_DOCUMENTS} articles all kinds in weight
   * order, as displayed there) and of the {@code n} displayed first, from the same counts.
   */
  public record Ranked(Map<Integer, List<String>> order, Coherence.Result judged, Coherence.Result displayed) {}

  /**
   * @param documents one article per row, its model terms in {@code tokensColumn}
   * @param candidates each topic's candidate terms, heaviest first
   * @param n terms chosen and scored per topic (at least 2)
   * @param verb which candidate terms are verbs
   */
  public static Ranked rank(Dataset<Row> documents, String tokensColumn, Map<Integer, List<String>> candidates,
                            int n, Predicate<String> verb) {
    if (n < 2) {
      throw new IllegalArgumentException("coherence needs at least 2 terms per topic, not " + n);
    }
    TreeSet<String> distinct = new TreeSet<>();
    candidates.values().forEach(distinct::addAll);
    Coherence.Counts counts = Coherence.count(documents, tokensColumn, distinct.toArray(new String[0]));
    Map<Integer, List<String>> order = new TreeMap<>();
    List<Coherence.TopicScore> judged = new ArrayList<>();
    List<Coherence.TopicScore> displayed = new ArrayList<>();
    boolean few = counts.documents() < MIN_DOCUMENTS;
    // each candidate's kind decided once (a dictionary lookup), not in every filter that asks; none when too few
    // articles to reorder, where no filter asks
    Set<String> verbs = few ? Set.of() : distinct.stream().filter(verb).collect(Collectors.toSet());
    candidates.forEach((id, terms) -> {
      List<String> ranked = few ? List.copyOf(terms) : display(terms, n, counts, verbs::contains);
      order.put(id, ranked);
      List<String> shown = List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
      judged.add(Coherence.scoreTopic(id, few ? shown : judgedTerms(terms, n, verbs::contains), counts));
      displayed.add(Coherence.scoreTopic(id, shown, counts));
    });
    return new Ranked(order, new Coherence.Result(counts.documents(), n, List.copyOf(judged)),
        new Coherence.Result(counts.documents(), n, List.copyOf(displayed)));
  }

  /**
   * The {@code n} terms a topic is judged on: its heaviest terms other than verbs, in weight order; the heaviest verbs
   * fill up when fewer than {@code n} others are candidates (the display's rule).
   */
  static List<String> judgedTerms(List<String> terms, int n, Predicate<String> verb) {
    List<String> out = new ArrayList<>(terms.stream().filter(verb.negate()).limit(n).toList());
    terms.stream().filter(verb).limit(Math.max(0, n - out.size())).forEach(out::add);
    return List.copyOf(out);
  }

  /** The candidates other than verbs reordered ({@link #order}), then the verbs; all reordered when too few. */
  static List<String> display(List<String> terms, int n, Coherence.Counts c, Predicate<String> verb) {
    List<String> others = terms.stream().filter(verb.negate()).toList();
    if (others.size() < n) {
      return order(terms, n, c);
    }
    List<String> out = new ArrayList<>(order(others, n, c));
    terms.stream().filter(verb).forEach(out::add);
    return out;
  }

  /**
   * The candidates reordered: the {@code n} chosen first, then the rest, each group in the candidates' own order.
   * Chosen: the candidate of highest summed NPMI with all the others (the topic's core), then repeatedly the one of
   * highest summed NPMI with those chosen; ties go to the heavier term, so equal counts give one order.
   */
  static List<String> order(List<String> terms, int n, Coherence.Counts c) {
    int m = terms.size();
    if (m <= n) {
      return List.copyOf(terms);
    }
    double[][] npmi = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        String a = terms.get(i);
        String b = terms.get(j);
        npmi[i][j] = npmi[j][i] = Coherence.npmi(c.df(a, b), c.df(a), c.df(b), c.documents());
      }
    }
    boolean[] chosen = new boolean[m];
    double[] sum = new double[m];
    int first = 0;
    for (int t = 0; t < m; t++) {
      for (int u = 0; u < m; u++) {
        sum[t] += npmi[t][u];
      }
      if (sum[t] > sum[first]) {
        first = t;
      }
    }
    chosen[first] = true;
    for (int t = 0; t < m; t++) {
      sum[t] = npmi[t][first];
    }
    for (int size = 1; size < n; size++) {
      int best = -1;
      for (int t = 0; t < m; t++) {
        if (!chosen[t] && (best < 0 || sum[t] > sum[best])) {
          best = t;
        }
      }
      chosen[best] = true;
      for (int t = 0; t < m; t++) {
        sum[t] += npmi[t][best];
      }
    }
    List<String> out = new ArrayList<>(m);
    for (int t = 0; t < m; t++) {
      if (chosen[t]) {
        out.add(terms.get(t));
      }
    }
    for (int t = 0; t < m; t++) {
      if (!chosen[t]) {
        out.add(terms.get(t));
      }
    }
    return out;
  }
}
