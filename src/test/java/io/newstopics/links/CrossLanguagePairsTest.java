package io.newstopics.links;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.job.NewsTopicsJob;
import io.newstopics.job.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 23's acceptance of the shared ru/uk vocabulary: 44 Russian news texts and their hand translations into
 * Ukrainian ({@code crosslang/pairs.jsonl}, ids {@code pairNN-ru} / {@code pairNN-uk}), mixed into 120 Russian-only
 * texts ({@code crosslang/russian.jsonl}): 164 ru + 44 uk articles on twelve subjects (sport, weather, tech, crime,
 * culture, health, transport, space, energy, economy, politics, war; 10 Russian-only texts and 3-4 pairs each).
 * Every text was written for this test; none is copied from a corpus. One run of the job with the default
 * configuration and k = 12, one topic per subject the corpus is written on; then at least 90% of the pairs must
 * share their dominant topic (news.current_article_topics) and at least 90% must be linked
 * (news.current_article_links). The per-pair outcome is logged. The folder holds only the two JSONL files: anything
 * else in it would be read as input. The same pairs mixed into a real corpus: {@code bin/benchmark --mix-pairs}.
 */
class CrossLanguagePairsTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrossLanguagePairsTest.class);
  private static final int PAIRS = 44;
  private static final int RUSSIAN_ONLY = 120;

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void translationsShareTheirDominantTopicAndAreLinked() throws Exception {
    String input = Path.of(getClass().getResource("/crosslang").toURI()).toString();
    long started = System.nanoTime();
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(input, dir.resolve("wh").toString(),
        Map.of("topics.k", "12")));
    LOG.info("cross-language pairs: job ran in {} s, stages {}\n{}", (System.nanoTime() - started) / 1_000_000_000L,
        new java.util.TreeMap<>(r.metrics()).entrySet().stream().filter(e -> e.getKey().startsWith("seconds_"))
            .map(e -> e.getKey().substring(8) + "=" + Math.round(e.getValue())).toList(), r.summary());
    assertEquals(2.0 * PAIRS + RUSSIAN_ONLY, r.metrics().get("input_records"));
    assertEquals(2.0 * PAIRS + RUSSIAN_ONLY, r.metrics().get("modelled"), "every text is modelled: " + r.summary());

    CrossLanguagePairs.Summary pairs = CrossLanguagePairs.read(spark);
    LOG.info("cross-language pairs: {}\n{}", pairs.shares(), pairs.table());
    assertEquals(PAIRS, pairs.pairs().size(), "one row per pair: " + pairs.table());
    for (CrossLanguagePairs.Outcome o : pairs.pairs()) {
      assertEquals(List.of("ru", "uk"), List.of(o.ruLang(), o.ukLang()), "tagged languages of " + o);
    }
    assertAll(
        () -> assertTrue(pairs.sameTopic() >= 0.9 * PAIRS, "at least 90% share their dominant topic: "
            + pairs.shares() + "\n" + pairs.table()),
        () -> assertTrue(pairs.linked() >= 0.9 * PAIRS, "at least 90% linked: " + pairs.shares() + "\n"
            + pairs.table()));
  }
}
