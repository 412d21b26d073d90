package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;

import io.newstopics.job.RunRecorder;
import io.newstopics.topics.Coherence;
import io.newstopics.topics.TopicQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage coherence: NPMI and UMass of each topic's top topics.coherence-terms stems on the modelled articles' own
 * stems (the model's tokens); metrics coherence_npmi_mean, coherence_umass_mean, topic_diversity, topics_incoherent.
 */
public final class ScoreCoherence {
  private ScoreCoherence() {}

  public static Coherence.Result run(RunContext ctx, ModelledArticles modelled, FitTopics.Topics topics) {
    RunRecorder run = ctx.run();
    int coherenceTerms = ctx.cfg().topics().coherenceTerms();
    Map<Integer, List<String>> topStems = topStems(topics.readable(), coherenceTerms);
    // the modelled articles as they are, not in the training order: only the same articles and column count
    Coherence.Result coherence = run.stage("coherence", () ->
        Coherence.score(modelled.articles().select("terms"), "terms", topStems, coherenceTerms));
    run.metric("coherence_npmi_mean", coherence.meanNpmi());
    run.metric("coherence_umass_mean", coherence.meanUmass());
    run.metric("topic_diversity", coherence.diversity());
    run.metric("topics_incoherent", TopicQuality.incoherent(coherence));
    return coherence;
  }

  /** The top-n model terms (stems/lemmas) of each topic, by rank: k * n rows collected. */
  private static Map<Integer, List<String>> topStems(Dataset<Row> readable, int n) {
    Map<Integer, List<String>> out = new TreeMap<>();
    for (Row r : readable.where(col("term_rank").leq(n)).orderBy("topic_id", "term_rank")
        .select("topic_id", "stem").collectAsList()) {
      out.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getString(1));
    }
    return out;
  }
}
