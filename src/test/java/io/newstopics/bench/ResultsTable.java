package io.newstopics.bench;

import io.newstopics.topics.Coherence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The printed comparison: one row per contender, ratios against ours; plain text and Markdown. */
final class ResultsTable {
  static final List<String> HEADER = List.of("contender", "k", "docs", "vocab", "NPMI", "NPMI<0", "flagged", "UMass",
      "diversity",
      "unmapped/topic", "train s", "whole s", "CPU s", "train ×ours", "whole ×ours", "CPU ×ours");

  private final List<ReferenceScorer.Scored> rows = new ArrayList<>();

  void add(ReferenceScorer.Scored s) {
    rows.add(s);
  }

  List<ReferenceScorer.Scored> rows() {
    return rows;
  }

  private ReferenceScorer.Scored ours() {
    return rows.stream().filter(r -> r.outcome().contender().equals("ours")).findFirst().orElse(null);
  }

  private List<List<String>> cells() {
    ReferenceScorer.Scored ours = ours();
    List<List<String>> out = new ArrayList<>();
    for (ReferenceScorer.Scored s : rows) {
      Contender.Outcome o = s.outcome();
      Coherence.Result c = s.coherence();
      out.add(List.of(o.contender(), Integer.toString(o.k()), Long.toString(o.documents()),
          Long.toString(o.vocabulary()), f("%.3f", c.meanNpmi()),
          Long.toString(s.negative()), o.flagged() < 0 ? "n/a" : Integer.toString(o.flagged()),
          f("%.3f", c.meanUmass()),
          f("%.2f", c.diversity()), f("%.1f", s.unmapped()), f("%.1f", o.trainSeconds()), f("%.1f", o.totalSeconds()),
          f("%.1f", o.cpuSeconds()),
          ours == null ? "" : f("%.2f", o.trainSeconds() / ours.outcome().trainSeconds()),
          ours == null ? "" : f("%.2f", o.totalSeconds() / ours.outcome().totalSeconds()),
          ours == null ? "" : f("%.2f", o.cpuSeconds() / ours.outcome().cpuSeconds())));
    }
    return out;
  }

  static String f(String format, double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
  }

  String text() {
    List<List<String>> all = new ArrayList<>();
    all.add(HEADER);
    all.addAll(cells());
    int[] w = new int[HEADER.size()];
    for (List<String> r : all) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < all.size(); j++) {
      List<String> r = all.get(j);
      for (int i = 0; i < w.length; i++) {
        String cell = r.get(i);
        String pad = " ".repeat(w[i] - cell.length());
        b.append(i == 0 ? cell + pad : pad + cell).append(i + 1 < w.length ? "  " : "\n");
      }
      if (j == 0) {
        int total = 0;
        for (int x : w) {
          total += x + 2;
        }
        b.append("-".repeat(total - 2)).append('\n');
      }
    }
    return b.toString();
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(String.join(" | ", HEADER)).append(" |\n|");
    for (int i = 0; i < HEADER.size(); i++) {
      b.append(i == 0 ? "---|" : "---:|");
    }
    b.append('\n');
    for (List<String> r : cells()) {
      b.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return b.toString();
  }

  /** The 3 most and 3 least coherent topics of each contender: NPMI and the contender's own top 5 words. */
  String topicSamples() {
    StringBuilder b = new StringBuilder();
    for (ReferenceScorer.Scored s : rows) {
      List<Coherence.TopicScore> sorted = new ArrayList<>(s.coherence().topics());
      sorted.removeIf(t -> Double.isNaN(t.npmi()));
      sorted.sort(Comparator.comparingDouble((Coherence.TopicScore t) -> -t.npmi())
          .thenComparingInt(Coherence.TopicScore::topicId));
      b.append(s.outcome().contender()).append(":\n");
      int n = sorted.size();
      for (int i = 0; i < n; i++) {
        if (i < 3 || i >= n - 3) {
          Coherence.TopicScore t = sorted.get(i);
          List<String> words = s.outcome().topics().get(t.topicId()).words();
          b.append(String.format(Locale.ROOT, "  %-5s topic %2d  NPMI %6.3f: %s%n", i < 3 ? "best" : "worst",
              t.topicId(), t.npmi(), String.join(", ", words.subList(0, Math.min(5, words.size())))));
        }
      }
    }
    return b.toString();
  }

  /**
   * Every topic of ours: the scorer's NPMI, whether the job flagged it (news.topics.quality) and the first 10
   * displayed terms, to see what a junk topic reads like.
   */
  String oursTopics() {
    ReferenceScorer.Scored s = ours();
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (Coherence.TopicScore t : s.coherence().topics()) {
      Contender.Topic topic = s.outcome().topics().get(t.topicId());
      List<String> words = topic.words();
      b.append(String.format(Locale.ROOT, "  topic %2d  NPMI %6s%s (job's %6s)%s: %s%n", t.topicId(),
          f("%.3f", t.npmi()), Double.isNaN(t.npmi()) || t.npmi() < 0 ? " (<0)" : "     ",
          f("%.3f", topic.ownNpmi()), topic.flagged() ? " flagged" : "        ",
          String.join(", ", words.subList(0, Math.min(10, words.size())))));
    }
    return b.toString();
  }
}
