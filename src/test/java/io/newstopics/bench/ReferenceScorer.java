package io.newstopics.bench;

import io.newstopics.topics.Coherence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one scorer for every contender, independent of our job's text pipeline. Each topic word (ours: the displayed
 * term, a concept name such as "санкция/санкція" split into its words; peers: their own words) becomes one key by
 * {@link SharedKeys}, the same function that made the reference documents' keys: of a word's tokens, the key found
 * in most reference documents (one key per displayed word). Walking the contender's list in its own order, the first
 * {@value Coherence#DEFAULT_TERMS} distinct keys are kept (two forms of one stem count once: merged; a word with no
 * key in any reference document is skipped: unmapped). The kept lists are scored with {@link Coherence} (NPMI,
 * UMass, diversity) over the reference documents.
 */
final class ReferenceScorer {
  /** Words asked of each contender per topic: enough to find 10 distinct keys. */
  static final int WORDS_PER_TOPIC = 30;

  private ReferenceScorer() {}

  /** A contender's scores; {@code unmapped}: words skipped per topic on average; {@code merged}: same-key words. */
  record Scored(Contender.Outcome outcome, Coherence.Result coherence, double unmapped, double merged,
                List<List<String>> referenceTopics) {
    /** Topics with NPMI below 0 (or undefined: fewer than two keys). */
    long negative() {
      return coherence.topics().stream().filter(t -> Double.isNaN(t.npmi()) || t.npmi() < 0).count();
    }
  }

  static Scored score(Contender.Outcome o, ReferenceCorpus c) {
    int n = Coherence.DEFAULT_TERMS;
    List<List<List<String>>> candidates = new ArrayList<>();
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (Contender.Topic t : o.topics()) {
      List<List<String>> perWord = new ArrayList<>();
      for (String w : t.words()) {
        List<String> keys = SharedKeys.keys(w);
        perWord.add(keys);
        all.addAll(keys);
      }
      candidates.add(perWord);
    }
    Map<String, Long> df = c.docFreq(all);
    Map<Integer, List<String>> topics = new TreeMap<>();
    int unmapped = 0;
    int merged = 0;
    for (int i = 0; i < candidates.size(); i++) {
      LinkedHashSet<String> kept = new LinkedHashSet<>();
      for (List<String> keys : candidates.get(i)) {
        if (kept.size() == n) {
          break;
        }
        String best = null;
        for (String k : keys) { // the first of equals: the word's own order
          if (df.getOrDefault(k, 0L) > (best == null ? 0L : df.get(best))) {
            best = k;
          }
        }
        if (best == null) {
          unmapped++;
        } else if (!kept.add(best)) {
          merged++;
        }
      }
      topics.put(i, new ArrayList<>(kept));
    }
    Coherence.Result r = Coherence.score(c.documents(), "terms", topics, n);
    int k = Math.max(1, o.topics().size());
    return new Scored(o, r, (double) unmapped / k, (double) merged / k, new ArrayList<>(topics.values()));
  }
}
