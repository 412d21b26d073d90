package io.newstopics.topics;

import static org.apache.spark.sql.functions.not;

import io.newstopics.config.JobConfig.TopicOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.ObjDoubleConsumer;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code topics.k = auto}: fits each of {@code topics.k-auto.candidates} (capped like {@link TopicModel#effectiveK})
 * on the training sample less a held-out share ({@code k-auto.heldout}, at most {@code metric-docs} articles), with
 * {@code k-auto.iterations} iterations; scores each by the mean NPMI of its topics' top {@code coherence-terms}
 * terms on the fitting articles ({@link Coherence}) and by log-perplexity on the held-out articles. The best NPMI
 * wins; candidates within {@code k-auto.epsilon} of it are ranked by perplexity (lower first), then by smaller k.
 */
public final class KAuto {
  private static final Logger LOG = LoggerFactory.getLogger(KAuto.class);

  private KAuto() {}

  /** One candidate's figures. */
  public record Candidate(int k, double npmi, double logPerplexity) {}

  /** All candidates, in k order, and the chosen k. */
  public record Sweep(List<Candidate> candidates, int chosen) {
    /** k_auto_candidate_&lt;k&gt;_npmi / _perplexity per candidate, k_auto_candidates, topics_k_auto (1). */
    public void record(ObjDoubleConsumer<String> metric) {
      metric.accept("topics_k_auto", 1);
      metric.accept("k_auto_candidates", candidates.size());
      for (Candidate c : candidates) {
        metric.accept("k_auto_candidate_" + c.k() + "_npmi", c.npmi());
        metric.accept("k_auto_candidate_" + c.k() + "_perplexity", c.logPerplexity());
      }
      metric.accept("k_auto_chosen", chosen);
    }
  }

  /**
   * @param train      article_id, tf, terms of the training sample ({@code trainDocs} rows)
   * @param vocabulary the model terms by index (CountVectorizer vocabulary)
   * @param seeds      guided seeds for a k, or null for unguided candidates
   */
  public static Sweep run(Dataset<Row> train, long trainDocs, TopicOptions o, String[] vocabulary,
                          IntFunction<GuidedSeeds> seeds) {
    double heldShare = Math.min(o.kAutoHeldout(), (double) o.metricDocs() / Math.max(1, trainDocs));
    var held = TopicModel.hashShare(train, o.seed(), "heldout", heldShare);
    Dataset<Row> fitPart = train.where(not(held)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> heldOut = train.where(held).select("tf").persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long fitDocs = fitPart.count();
      long heldDocs = heldOut.count();
      List<Integer> ks = new ArrayList<>();
      for (int k : o.kCandidates()) {
        int capped = TopicModel.effectiveK(k, fitDocs);
        if (!ks.contains(capped)) {
          ks.add(capped);
        }
      }
      LOG.info("k=auto: candidates {} (of {}) on {} articles, {} held out, {} iterations each", ks,
          o.kCandidates(), fitDocs, heldDocs, o.kAutoIterations());
      List<Candidate> out = new ArrayList<>();
      for (int k : ks) {
        TopicOptions ok = o.with(k, o.kAutoIterations(), o.guided());
        LDAModel model = TopicModel.fit(fitPart.select("article_id", "tf"), ok, fitDocs,
            seeds == null ? null : seeds.apply(k)).model();
        Map<Integer, List<String>> top = topTerms(model, o.coherenceTerms(), vocabulary);
        double npmi = Coherence.score(fitPart.select("terms"), "terms", top, o.coherenceTerms()).meanNpmi();
        double perplexity = heldDocs == 0 ? Double.NaN : TopicModel.logPerplexity(model, heldOut);
        LOG.info("k=auto: k={} mean NPMI {} held-out log-perplexity {}", k, String.format("%.4f", npmi),
            String.format("%.4f", perplexity));
        out.add(new Candidate(k, npmi, perplexity));
      }
      int chosen = choose(out, o.kAutoEpsilon());
      LOG.info("k=auto: chose k={}", chosen);
      return new Sweep(List.copyOf(out), chosen);
    } finally {
      fitPart.unpersist();
      heldOut.unpersist();
    }
  }

  /** The best NPMI; within epsilon of it, the lowest perplexity (NaN last); then the smallest k. */
  static int choose(List<Candidate> candidates, double epsilon) {
    double best = candidates.stream().mapToDouble(Candidate::npmi).filter(x -> !Double.isNaN(x)).max()
        .orElse(Double.NaN);
    Candidate pick = null;
    for (Candidate c : candidates) {
      boolean near = Double.isNaN(best) || (!Double.isNaN(c.npmi()) && c.npmi() >= best - epsilon);
      if (near && (pick == null || lower(c.logPerplexity(), pick.logPerplexity())
          || (c.logPerplexity() == pick.logPerplexity() && c.k() < pick.k()))) {
        pick = c;
      }
    }
    return pick == null ? candidates.get(0).k() : pick.k();
  }

  private static boolean lower(double a, double b) {
    return !Double.isNaN(a) && (Double.isNaN(b) || a < b);
  }

  /** Top n terms of each topic as vocabulary terms: k * n values collected. */
  static Map<Integer, List<String>> topTerms(LDAModel model, int n, String[] vocabulary) {
    Map<Integer, List<String>> out = new TreeMap<>();
    for (Row r : model.describeTopics(n).select("topic", "termIndices").collectAsList()) {
      List<String> terms = new ArrayList<>();
      for (Object i : r.getList(1)) {
        terms.add(vocabulary[((Number) i).intValue()]);
      }
      out.put(r.getInt(0), terms);
    }
    return out;
  }
}
