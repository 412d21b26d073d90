package io.newstopics.links;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What became of the hand-translated ru/uk pairs (source_ref {@code pairNN-ru} / {@code pairNN-uk}, as in
 * {@code src/test/resources/crosslang/pairs.jsonl}, the check set; {@code tuneNN-ru} / {@code tuneNN-uk} in
 * {@code crosslang-tune/pairs-tune.jsonl}, the set to tune on) in the latest successful run of the warehouse the session's
 * {@code news.*} tables point at: both dominant topics and their link. Used by {@link CrossLanguagePairsTest} and by
 * the benchmark's {@code --mix-pairs}. Reads one row per pair (the result is as large as the pair set, not the corpus).
 */
public final class CrossLanguagePairs {
  /** Languages the job tagged, dominant topics (null when none), similarity (null when not linked), and how many
   *  cross-language links of the Ukrainian article score higher than the pair (0: its translation is the closest). */
  public record Outcome(String pair, String ruLang, String ukLang, Integer ruTopic, Integer ukTopic,
                        Double similarity, long closer, List<String> sharedTerms) {
    public boolean sameTopic() {
      return ruTopic != null && ruTopic.equals(ukTopic);
    }

    public boolean linked() {
      return similarity != null;
    }
  }

  /** The outcomes, sorted by pair, and their shares. */
  public record Summary(List<Outcome> pairs) {
    public long sameTopic() {
      return pairs.stream().filter(Outcome::sameTopic).count();
    }

    public long linked() {
      return pairs.stream().filter(Outcome::linked).count();
    }

    public long closest() {
      return pairs.stream().filter(o -> o.linked() && o.closer() == 0).count();
    }

    public String shares() {
      int n = pairs.size();
      return String.format(Locale.ROOT, "same dominant topic %d/%d (%.0f%%), linked %d/%d (%.0f%%); the translation "
          + "is the Ukrainian article's closest cross-language link in %d/%d", sameTopic(), n,
          100.0 * sameTopic() / Math.max(n, 1), linked(), n, 100.0 * linked() / Math.max(n, 1), closest(), n);
    }

    public String table() {
      StringBuilder b = new StringBuilder("pair     langs  topic ru/uk       link  closer  shared terms");
      for (Outcome o : pairs) {
        b.append(String.format(Locale.ROOT, "%n%-8s %s/%s  %5s/%-5s %-4s  %10s  %6s  %s", o.pair(), o.ruLang(),
            o.ukLang(), o.ruTopic() == null ? "-" : o.ruTopic(), o.ukTopic() == null ? "-" : o.ukTopic(),
            o.sameTopic() ? "same" : "DIFF", o.linked() ? String.format(Locale.ROOT, "%.2f", o.similarity())
                : "NOT LINKED", o.linked() ? Long.toString(o.closer()) : "-", o.linked() ? o.sharedTerms() : ""));
      }
      return b.toString();
    }
  }

  private CrossLanguagePairs() {}

  /** A pair article's source_ref: group 1 the pair, group 2 its side. */
  private static final String ID = "'^((?:pair|tune)[0-9]+)-(ru|uk)$'";

  public static Summary read(SparkSession spark) {
    List<Row> rows = spark.sql("WITH a AS (SELECT article_id, lang, "
        + "regexp_extract(source_ref, " + ID + ", 1) AS pair, regexp_extract(source_ref, " + ID + ", 2) AS side "
        + "FROM news.articles WHERE source_ref RLIKE " + ID + "), "
        + "p AS (SELECT ru.pair, ru.article_id AS ru_id, uk.article_id AS uk_id, ru.lang AS ru_lang, "
        + "uk.lang AS uk_lang FROM a ru JOIN a uk ON ru.pair = uk.pair AND ru.side = 'ru' AND uk.side = 'uk'), "
        + "d AS (SELECT article_id, topic_id FROM news.current_article_topics WHERE is_dominant), "
        + "x AS (SELECT article_id, linked_article_id, similarity, shared_terms FROM news.current_article_links "
        + "WHERE NOT same_language), "
        + "l AS (SELECT p.pair, x.similarity, x.shared_terms FROM p JOIN x "
        + "ON least(p.ru_id, p.uk_id) = x.article_id AND greatest(p.ru_id, p.uk_id) = x.linked_article_id), "
        + "closer AS (SELECT p.pair, count(*) AS n FROM p JOIN l ON l.pair = p.pair JOIN x "
        + "ON p.uk_id IN (x.article_id, x.linked_article_id) WHERE x.similarity > l.similarity GROUP BY p.pair) "
        + "SELECT p.pair, p.ru_lang, p.uk_lang, dr.topic_id, du.topic_id, l.similarity, coalesce(closer.n, 0), "
        + "slice(l.shared_terms, 1, 5) FROM p LEFT JOIN d dr ON dr.article_id = p.ru_id "
        + "LEFT JOIN d du ON du.article_id = p.uk_id LEFT JOIN l ON l.pair = p.pair "
        + "LEFT JOIN closer ON closer.pair = p.pair").collectAsList();
    return new Summary(rows.stream().map(r -> new Outcome(r.getString(0), r.getString(1), r.getString(2),
            r.isNullAt(3) ? null : r.getInt(3), r.isNullAt(4) ? null : r.getInt(4),
            r.isNullAt(5) ? null : r.getDouble(5), r.getLong(6), r.isNullAt(7) ? List.of() : r.getList(7)))
        .sorted(java.util.Comparator.comparing(Outcome::pair)).toList());
  }
}
