package io.newstopics.bench;

import java.util.List;
import java.util.Map;

/**
 * One topic-model pipeline in the benchmark. It gets the benchmark's corpus (the documents our job modelled, as
 * raw text in {@link ReferenceCorpus#docsFile()}), trains k topics its own usual way, and returns each topic's
 * top words, most probable first, with its wall and CPU times. The benchmark, not the contender, scores the
 * topics (one shared scorer, {@link ReferenceScorer}).
 */
public interface Contender {
  /** Short id used by {@code --skip} and in the table: ours, spark-example, mallet, gensim. */
  String id();

  /** One line: how it is run and preprocessed (printed under the table). */
  String description(ReferenceCorpus corpus);

  Outcome run(ReferenceCorpus corpus) throws Exception;

  /**
   * A topic: the contender's own top words (surface words, stems or lemmas, most probable first) and, when the
   * contender already speaks the reference representation (our job's stems/lemmas), the same as reference terms.
   */
  record Topic(List<String> words, List<String> referenceTerms) {
    public static Topic ofWords(List<String> words) {
      return new Topic(List.copyOf(words), null);
    }
  }

  /**
   * What a run produced. {@code trainSeconds}: model fitting only; {@code totalSeconds}: the whole pipeline from
   * reading its input to having the topics (for ours: the whole job, read to Delta); {@code cpuSeconds}: CPU time
   * of the pipeline's process(es) over {@code totalSeconds} (NaN when unknown). {@code stages}: optional
   * per-stage wall seconds, in run order.
   */
  record Outcome(String contender, int k, List<Topic> topics, long documents, long vocabulary, double trainSeconds,
                 double totalSeconds, double cpuSeconds, Map<String, Double> stages, String notes) {}
}
