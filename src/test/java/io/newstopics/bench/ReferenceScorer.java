package io.newstopics.bench;

import io.newstopics.topics.Coherence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one scorer for every contender. Each topic's words are taken into the reference space (our job's
 * stems/lemmas, {@link ReferenceCorpus#toReference}): our job's stems stay themselves, surface words are analysed
 * with the job's analyzer. Walking the contender's list in its own order, the first
 * {@value Coherence#DEFAULT_TERMS} distinct reference terms are kept (two surface forms of one lemma count once;
 * a word the analyzer drops or no reference document has is skipped and counted as unmapped). The kept lists are
 * scored with {@link Coherence} (NPMI, UMass, diversity) over the reference documents.
 */
final class ReferenceScorer {
  /** Words asked of each contender per topic: enough to find 10 distinct reference terms. */
  static final int WORDS_PER_TOPIC = 30;

  private ReferenceScorer() {}

  /** A contender's scores; {@code unmapped}: words skipped per topic on average; {@code merged}: same-term words. */
  record Scored(Contender.Outcome outcome, Coherence.Result coherence, double unmapped, double merged,
                List<List<String>> referenceTopics) {}

  static Scored score(Contender.Outcome o, ReferenceCorpus c) {
    int n = Coherence.DEFAULT_TERMS;
    Map<Integer, List<String>> topics = new TreeMap<>();
    int unmapped = 0;
    int merged = 0;
    for (int i = 0; i < o.topics().size(); i++) {
      Contender.Topic t = o.topics().get(i);
      LinkedHashSet<String> kept = new LinkedHashSet<>();
      List<String> source = t.referenceTerms() != null ? t.referenceTerms() : t.words();
      for (String w : source) {
        if (kept.size() == n) {
          break;
        }
        String ref = t.referenceTerms() != null ? w : c.toReference(w);
        if (ref == null) {
          unmapped++;
        } else if (!kept.add(ref)) {
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
