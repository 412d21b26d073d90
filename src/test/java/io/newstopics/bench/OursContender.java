package io.newstopics.bench;

import static org.apache.spark.sql.functions.col;

import io.newstopics.config.JobConfig;
import io.newstopics.job.NewsTopicsJob;
import io.newstopics.job.RunResult;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Our job, whole: {@link NewsTopicsJob#run} from reading the input file to the Delta tables, into a fresh
 * warehouse, with the job's own config (conf/news-topics.conf plus the benchmark's overrides). Its topics are read
 * back from news.topics: the displayed terms (topics.terms-per-topic of them), the words an analyst reads, with the
 * topics' quality flags. It runs first: the other contenders get the articles it modelled.
 */
final class OursContender {
  private OursContender() {}

  record Run(Contender.Outcome outcome, RunResult result) {}

  static String description(JobConfig cfg) {
    var t = cfg.topics();
    return String.format("ours: NewsTopicsJob.run, read → language → boilerplate → Lucene stems (ru) / lemmas (uk) → "
            + "CountVectorizer (vocab %d, min-df %s, max-df %s) + IDF → Spark LDA %s (%d iterations, ~%s passes, "
            + "seed %d) → coherence, themes → Delta; train = the lda stage", cfg.features().vocabSize(),
        trim(cfg.features().minDf()), trim(cfg.features().maxDf()), t.optimizer(), t.maxIterations(),
        trim(t.passes()), t.seed());
  }

  static Run run(SparkSession spark, JobConfig cfg) {
    Clock clock = new Clock();
    RunResult result = NewsTopicsJob.run(spark, cfg);
    double wall = clock.wallSeconds();
    double cpu = clock.cpuSeconds();
    Map<String, Double> m = result.metrics();

    Map<Integer, List<String>> words = new TreeMap<>();
    java.util.Set<Integer> flagged = new java.util.TreeSet<>();
    List<Row> rows = Warehouse.open(spark, cfg.warehouse()).read(Tables.TOPICS)
        .where(col("run_id").equalTo(result.runId())).orderBy("topic_id", "term_rank")
        .select("topic_id", "term", "quality", "coherence_npmi").collectAsList();
    Map<Integer, Double> own = new TreeMap<>();
    for (Row r : rows) {
      words.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getString(1));
      own.put(r.getInt(0), r.isNullAt(3) ? Double.NaN : r.getDouble(3));
      if (io.newstopics.topics.TopicQuality.INCOHERENT.equals(r.getString(2))) {
        flagged.add(r.getInt(0));
      }
    }
    List<Contender.Topic> topics = new ArrayList<>();
    words.forEach((id, w) -> topics.add(new Contender.Topic(List.copyOf(w), flagged.contains(id), own.get(id))));

    Map<String, Double> stages = new LinkedHashMap<>();
    for (String s : List.of("read", "text", "write_articles", "features", "lda", "lda_metrics", "coherence",
        "write_results")) {
      Double v = m.get("seconds_" + s);
      if (v != null) {
        stages.put(s, v);
      }
    }
    String notes = String.format("job's own coherence: NPMI %.3f (displayed terms %.3f), UMass %.3f, diversity %.2f",
        m.getOrDefault("coherence_npmi_mean", Double.NaN),
        m.getOrDefault("coherence_npmi_displayed_mean", Double.NaN), m.getOrDefault("coherence_umass_mean", Double.NaN),
        m.getOrDefault("topic_diversity", Double.NaN));
    Contender.Outcome o = new Contender.Outcome("ours", m.get("topics_k").intValue(), topics,
        m.getOrDefault("modelled", 0.0).longValue(), m.getOrDefault("vocabulary_size", 0.0).longValue(),
        m.getOrDefault("seconds_lda", Double.NaN), wall, cpu, stages, notes, flagged.size());
    return new Run(o, result);
  }

  static String trim(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
