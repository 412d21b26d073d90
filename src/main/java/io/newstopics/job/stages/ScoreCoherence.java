package io.newstopics.job.stages;

import io.newstopics.concepts.UkrainianLemmaCheck;
import io.newstopics.job.RunRecorder;
import io.newstopics.text.RussianDictionary;
import io.newstopics.topics.CoherentTerms;
import io.newstopics.topics.Coherence;
import io.newstopics.topics.TopicQuality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Stage coherence: each topic's display order ({@link CoherentTerms}: of its top topics.display-candidates terms, the
 * topics.coherence-terms that co-occur most in the modelled articles come first, verbs last), and NPMI and UMass of
 * its heaviest topics.coherence-terms terms other than verbs on the modelled articles' own stems (the model's tokens),
 * which the quality flag follows; metrics coherence_npmi_mean, coherence_umass_mean, topic_diversity,
 * topics_incoherent, and coherence_npmi_displayed_mean (NPMI of the terms displayed first).
 */
public final class ScoreCoherence {
  private ScoreCoherence() {}

  /** The topics with their terms in display order (term_rank renumbered; weights unchanged), and the coherence of
   * their heaviest terms. */
  public record Scored(FitTopics.Topics topics, Coherence.Result coherence) {}

  public static Scored run(RunContext ctx, ModelledArticles modelled, FitTopics.Topics topics) {
    RunRecorder run = ctx.run();
    int coherenceTerms = ctx.cfg().topics().coherenceTerms();
    int candidates = Math.max(coherenceTerms, ctx.cfg().topics().displayCandidates());
    Dataset<Row> readable = topics.readable();
    // k * (terms kept per topic) rows: topic_id, term_rank, term, stem, weight
    List<Row> rows = readable.select("topic_id", "term_rank", "term", "stem", "weight").collectAsList();
    Map<Integer, List<Row>> byTopic = new TreeMap<>();
    rows.stream().sorted(java.util.Comparator.comparingInt((Row r) -> r.getInt(0)).thenComparingInt(r -> r.getInt(1)))
        .forEach(r -> byTopic.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r));
    Map<Integer, List<String>> candidateStems = new TreeMap<>();
    byTopic.forEach((id, rs) -> {
      List<String> stems = new ArrayList<>();
      for (Row r : rs.subList(0, Math.min(candidates, rs.size()))) {
        stems.add(r.getString(3));
      }
      candidateStems.put(id, stems);
    });
    // the modelled articles as they are, not in the training order: only the same articles and column count
    CoherentTerms.Ranked ranked = run.stage("coherence", () ->
        CoherentTerms.rank(modelled.articles().select("terms"), "terms", candidateStems, coherenceTerms,
            t -> RussianDictionary.get().isVerb(t) || UkrainianLemmaCheck.isVerb(t)));
    List<Row> reordered = new ArrayList<>(rows.size());
    byTopic.forEach((id, rs) -> {
      Map<String, Row> byStem = new HashMap<>();
      rs.forEach(r -> byStem.put(r.getString(3), r));
      int rank = 0;
      for (String stem : ranked.order().get(id)) {
        Row r = byStem.remove(stem);
        reordered.add(RowFactory.create(id, ++rank, r.getString(2), stem, r.getDouble(4)));
      }
      for (Row r : rs.subList(Math.min(candidates, rs.size()), rs.size())) {
        reordered.add(RowFactory.create(id, ++rank, r.getString(2), r.getString(3), r.getDouble(4)));
      }
    });
    Dataset<Row> display = ctx.spark().createDataFrame(reordered,
        readable.select("topic_id", "term_rank", "term", "stem", "weight").schema());
    Coherence.Result coherence = ranked.judged();
    run.metric("coherence_npmi_displayed_mean", ranked.displayed().meanNpmi());
    run.metric("coherence_npmi_mean", coherence.meanNpmi());
    run.metric("coherence_umass_mean", coherence.meanUmass());
    run.metric("topic_diversity", coherence.diversity());
    run.metric("topics_incoherent", TopicQuality.incoherent(coherence));
    return new Scored(new FitTopics.Topics(topics.fitted(), display), coherence);
  }
}
