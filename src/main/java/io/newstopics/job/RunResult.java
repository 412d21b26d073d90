package io.newstopics.job;

import static org.apache.spark.sql.functions.col;

import io.newstopics.themes.ThemeMapper;
import io.newstopics.topics.Coherence;
import io.newstopics.topics.TopicQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run did, small enough to print: counts, topics with their top terms, where the tables and the saved model
 * ({@code bin/news-topics score --model <run_id>}) are.
 */
public record RunResult(String runId, String warehouse, Map<String, Long> articlesByLang,
                        Map<String, Long> quarantinedByReason, Map<String, Double> metrics, List<TopicLine> topics,
                        String modelPath) {

  /** One topic for the summary: its theme, display terms (most probable first) and coherence (NaN if unknown). */
  public record TopicLine(int topicId, String theme, double confidence, List<String> terms, double coherenceNpmi,
                          double coherenceUmass) {}

  /** Topic lines for the summary: k rows, 8 terms each, with the topic's theme and coherence. */
  static List<TopicLine> topicLines(Dataset<Row> readable, Dataset<Row> topicThemes, Coherence.Result coherence) {
    Map<Integer, Coherence.TopicScore> scores = new TreeMap<>();
    coherence.topics().forEach(t -> scores.put(t.topicId(), t));
    Map<Integer, List<String>> terms = new TreeMap<>();
    for (Row r : readable.where(col("term_rank").leq(8)).orderBy("topic_id", "term_rank")
        .select("topic_id", "term").collectAsList()) {
      terms.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getString(1));
    }
    Map<Integer, Row> themes = new LinkedHashMap<>();
    for (Row r : topicThemes.collectAsList()) {
      themes.put(r.getInt(0), r);
    }
    List<TopicLine> out = new ArrayList<>();
    terms.forEach((id, t) -> {
      Row th = themes.get(id);
      Coherence.TopicScore c = scores.get(id);
      out.add(new TopicLine(id, th == null ? ThemeMapper.OTHER : th.getString(1),
          th == null ? 0.0 : th.getDouble(2), t, c == null ? Double.NaN : c.npmi(),
          c == null ? Double.NaN : c.umass()));
    });
    return out;
  }

  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("news-topics run ").append(runId).append(" succeeded\n");
    b.append(String.format("  input records: %d = stored articles %d (new %d, updated %d, unchanged %d) + quarantined %d"
            + "%n  modelled: %d%n",
        metrics.getOrDefault("input_records", 0.0).longValue(), metrics.getOrDefault("articles", 0.0).longValue(),
        metrics.getOrDefault("articles_new", 0.0).longValue(), metrics.getOrDefault("articles_updated", 0.0).longValue(),
        metrics.getOrDefault("articles_unchanged", 0.0).longValue(),
        metrics.getOrDefault("quarantined", 0.0).longValue(), metrics.getOrDefault("modelled", 0.0).longValue()));
    b.append("  articles by language: ").append(articlesByLang).append('\n');
    if (!quarantinedByReason.isEmpty()) {
      b.append("  quarantined by reason: ").append(quarantinedByReason).append('\n');
    }
    b.append(String.format("  vocabulary: %d terms  topics: %d  log-perplexity: %.3f  time: %.1fs%n",
        metrics.getOrDefault("vocabulary_size", 0.0).longValue(), topics.size(),
        metrics.getOrDefault("lda_log_perplexity", Double.NaN), metrics.getOrDefault("seconds_total", 0.0)));
    appendKAuto(b);
    b.append("  topics (theme, confidence: top terms):\n");
    for (TopicLine t : topics) {
      b.append(String.format("    %2d %-22s %.2f: %s%n", t.topicId(), t.theme(), t.confidence(),
          String.join(", ", t.terms())));
    }
    appendCoherence(b);
    if (metrics.containsKey("article_links")) {
      b.append(String.format("  links: %d article pairs (%d across languages)  entities: %d article/entity rows%n",
          metrics.get("article_links").longValue(),
          metrics.getOrDefault("article_links_cross_language", 0.0).longValue(),
          metrics.getOrDefault("article_entities", 0.0).longValue()));
    }
    if (metrics.containsKey("topics_carried")) {
      b.append(String.format("  topic keys: %d of %d topics carried from the previous run (news.topic_lineage)%n",
          metrics.get("topics_carried").longValue(), topics.size()));
    }
    b.append("  tables: ").append(warehouse).append("/news/{articles, topics, article_topics, article_themes, "
        + "article_terms, article_entities, article_links, vocabulary, topic_lineage, quarantine, runs}\n");
    if (modelPath != null) {
      b.append("  model:  ").append(modelPath).append("  (score new articles with it: bin/news-topics score --model ")
          .append(runId).append(" --input PATH)\n");
    }
    b.append("  query:  bin/news-topics sql \"SELECT * FROM news.current_topics\"\n");
    return b.toString();
  }

  /** topics.k = auto: each candidate's mean NPMI and held-out log-perplexity, and the chosen k. */
  private void appendKAuto(StringBuilder b) {
    if (!metrics.containsKey("k_auto_chosen")) {
      return;
    }
    java.util.TreeMap<Integer, String> byK = new java.util.TreeMap<>();
    metrics.forEach((name, v) -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("k_auto_candidate_(\\d+)_npmi").matcher(name);
      if (m.matches()) {
        int k = Integer.parseInt(m.group(1));
        byK.put(k, String.format("k=%d NPMI %.3f perplexity %.3f", k, v,
            metrics.getOrDefault("k_auto_candidate_" + k + "_perplexity", Double.NaN)));
      }
    });
    b.append(String.format("  k=auto: chose %d of %s%n", metrics.get("k_auto_chosen").intValue(),
        String.join("; ", byK.values())));
  }

  /** Mean coherence and diversity, then the most and the least coherent topic (by NPMI) with 5 terms. */
  private void appendCoherence(StringBuilder b) {
    double npmi = metrics.getOrDefault("coherence_npmi_mean", Double.NaN);
    if (Double.isNaN(npmi)) {
      return;
    }
    b.append(String.format("  coherence (mean over topics): NPMI %.3f  UMass %.3f  topic diversity %.2f%n", npmi,
        metrics.getOrDefault("coherence_umass_mean", Double.NaN), metrics.getOrDefault("topic_diversity", Double.NaN)));
    TopicLine best = null;
    TopicLine worst = null;
    for (TopicLine t : topics) { // in topic order: the lowest id wins a tie
      if (!Double.isNaN(t.coherenceNpmi())) {
        best = best == null || t.coherenceNpmi() > best.coherenceNpmi() ? t : best;
        worst = worst == null || t.coherenceNpmi() < worst.coherenceNpmi() ? t : worst;
      }
    }
    if (best != null) {
      b.append(coherenceLine("most coherent ", best)).append(coherenceLine("least coherent", worst));
    }
    List<TopicLine> flagged = topics.stream()
        .filter(t -> TopicQuality.INCOHERENT.equals(TopicQuality.of(t.coherenceNpmi()))).toList();
    b.append(String.format("  incoherent topics (news.topics.quality: NPMI < %s or undefined): %d of %d%n",
        TopicQuality.MIN_NPMI, flagged.size(), topics.size()));
    for (TopicLine t : flagged) {
      b.append(coherenceLine("incoherent    ", t));
    }
  }

  private static String coherenceLine(String label, TopicLine t) {
    return String.format("    %s %2d  NPMI %6.3f  UMass %7.3f: %s%n", label, t.topicId(), t.coherenceNpmi(),
        t.coherenceUmass(), String.join(", ", t.terms().subList(0, Math.min(5, t.terms().size()))));
  }
}
