package io.newstopics.topics;

import static org.apache.spark.sql.functions.col;

import io.newstopics.config.JobConfig;
import io.newstopics.themes.ThemeLexicon;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guided themes ({@code topics.guided}): one seeded topic per theme of {@code themes.lexicons}, in name order
 * (topic 0 = the first theme...), the other topics free. A theme's seed terms are its single-word lexicon entries
 * as the model sees them (stems/lemmas and concept tokens, {@link ThemeLexicon#entries}) that are in the
 * vocabulary. In the online optimizer's topic-word matrix (lambda, pseudo-counts), seeded term w of topic t starts
 * at its random value plus {@code boost * docFreq(w) * scale}: as if the topic already held about boost times the
 * term's occurrences. The learning rate then lets the data take over.
 *
 * @param themes  the seeded themes, topic t = themes[t]
 * @param terms   term indices per seeded theme (in the vocabulary)
 * @param weights pseudo-count per term index added to a topic that has it as a seed (0 for others)
 */
public record GuidedSeeds(List<String> themes, List<int[]> terms, double[] weights) {
  private static final Logger LOG = LoggerFactory.getLogger(GuidedSeeds.class);

  public int topics() {
    return themes.size();
  }

  /**
   * The seeds of the configured themes, for a vocabulary (term_index, stem, doc_freq: a few hundred rows are
   * collected, the lexicon terms'); {@code scale} multiplies doc_freq (training articles / vocabulary articles).
   * At most {@code k - 1} themes are seeded, so that one topic stays free.
   */
  public static GuidedSeeds of(JobConfig cfg, Dataset<Row> vocabulary, int vocabSize, int k, double scale) {
    Map<String, TreeSet<String>> stemsByTheme = new TreeMap<>();
    for (ThemeLexicon.Entry e : ThemeLexicon.entries(cfg)) {
      if (!e.stem().contains(" ")) { // topics are single terms; phrases never seed
        stemsByTheme.computeIfAbsent(e.theme(), x -> new TreeSet<>()).add(e.stem());
      }
    }
    TreeSet<String> all = new TreeSet<>();
    stemsByTheme.values().forEach(all::addAll);
    Map<String, Row> inVocab = new LinkedHashMap<>();
    for (Row r : vocabulary.where(col("stem").isin(all.toArray())).select("stem", "term_index", "doc_freq")
        .collectAsList()) {
      inVocab.put(r.getString(0), r);
    }
    double boost = cfg.topics().guidedBoost();
    double[] weights = new double[vocabSize];
    List<String> themes = new ArrayList<>();
    List<int[]> terms = new ArrayList<>();
    for (var theme : stemsByTheme.entrySet()) {
      if (themes.size() >= k - 1) {
        LOG.warn("Guided themes: k={} leaves no room for theme '{}' (one topic stays free); raise topics.k",
            k, theme.getKey());
        continue;
      }
      List<Integer> idx = new ArrayList<>();
      for (String stem : theme.getValue()) {
        Row r = inVocab.get(stem);
        if (r != null) {
          int i = r.getInt(1);
          idx.add(i);
          weights[i] = boost * ((Number) r.get(2)).doubleValue() * scale;
        }
      }
      if (idx.isEmpty()) {
        LOG.warn("Guided themes: no term of theme '{}' is in the vocabulary; it gets no seeded topic",
            theme.getKey());
        continue;
      }
      themes.add(theme.getKey());
      terms.add(idx.stream().mapToInt(Integer::intValue).toArray());
      LOG.info("Guided themes: topic {} starts from theme '{}' ({} of its {} terms in the vocabulary)",
          themes.size() - 1, theme.getKey(), idx.size(), theme.getValue().size());
    }
    return new GuidedSeeds(List.copyOf(themes), List.copyOf(terms), weights);
  }

  /** The initial lambda (column-major k x vocabulary, random) plus the seeds; a new array. */
  double[] seed(double[] lambda, int k) {
    double[] values = lambda.clone();
    for (int t = 0; t < Math.min(k, terms.size()); t++) {
      for (int w : terms.get(t)) {
        values[t + w * k] += weights[w];
      }
    }
    return values;
  }
}
