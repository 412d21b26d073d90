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
   * A topic: the contender's own top words as it shows them (ours: the displayed terms), most probable first;
   * {@code flagged}: the contender itself marks it incoherent (ours: news.topics.quality).
   */
  record Topic(List<String> words, boolean flagged, double ownNpmi) {
    public static Topic ofWords(List<String> words) {
      return new Topic(List.copyOf(words), false, Double.NaN);
    }
  }

  /**
   * What a run produced. {@code trainSeconds}: model fitting only; {@code totalSeconds}: the whole pipeline from
   * reading its input to having the topics (for ours: the whole job, read to Delta); {@code cpuSeconds}: CPU time
   * of the pipeline's process(es) over {@code totalSeconds} (NaN when unknown). {@code stages}: optional
   * per-stage wall seconds, in run order. {@code flagged}: topics the contender itself flags as incoherent (ours:
   * news.topics.quality), -1 when it has no such flag.
   */
  record Outcome(String contender, int k, List<Topic> topics, long documents, long vocabulary, double trainSeconds,
                 double totalSeconds, double cpuSeconds, Map<String, Double> stages, String notes, int flagged) {
    Outcome(String contender, int k, List<Topic> topics, long documents, long vocabulary, double trainSeconds,
            double totalSeconds, double cpuSeconds, Map<String, Double> stages, String notes) {
      this(contender, k, topics, documents, vocabulary, trainSeconds, totalSeconds, cpuSeconds, stages, notes, -1);
    }
  }
}
