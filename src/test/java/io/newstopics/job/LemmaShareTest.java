package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-10 terms of the topics of a run on real Telegram news are dictionary forms. Checked with the dictionaries
 * themselves (read here with morfologik, not through the job's code): a term counts as a lemma when it is a concept,
 * a Russian or Ukrainian dictionary form (the word is its own lemma in some reading), or a word neither dictionary
 * knows (names, acronyms, brands: nothing to reduce it to). A known word that is only an inflected form is not.
 */
class LemmaShareTest {
  private static final Path CORPUS = Path.of("../shared/corpora/telegram_news_ru.jsonl.gz");
  /** Every EVERY-th post of the corpus (its channels in turn), to keep the run near a minute. */
  private static final int EVERY = 5;

  @TempDir
  Path dir;

  @Test
  void topTopicTermsAreLemmas() throws Exception {
    Assumptions.assumeTrue(Files.exists(CORPUS), CORPUS + " is not here");
    Path input = dir.resolve("in/telegram.jsonl.gz");
    Files.createDirectories(input.getParent());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(CORPUS)),
        StandardCharsets.UTF_8));
         Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(input)), StandardCharsets.UTF_8)) {
      String line;
      for (int n = 0; (line = in.readLine()) != null; n++) {
        if (n % EVERY == 0) {
          out.write(line);
          out.write('\n');
        }
      }
    }
    SparkSession spark = SparkTestSession.get();
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(input.getParent().toString(),
        dir.resolve("wh").toString(), Map.of("input.fields.id", "[channel, message_id]")));
    List<Row> terms = spark.sql("SELECT term, stem FROM news.topics WHERE run_id = '" + r.runId()
        + "' AND term_rank <= 10").collectAsList();

    DictionaryLookup ru = lookup("/org/languagetool/resource/ru/russian.dict");
    DictionaryLookup uk = lookup("/ua/net/nlp/ukrainian.dict");
    int lemmas = 0;
    int unknown = 0;
    StringBuilder inflected = new StringBuilder();
    for (Row row : terms) {
      String term = row.getString(0);
      if (row.getString(1).startsWith("c:")) {
        lemmas++;
        continue;
      }
      String w = term.toLowerCase(Locale.ROOT).replace('ё', 'е');
      List<String> ruLemmas = lemmas(ru, w);
      List<String> ukLemmas = lemmas(uk, w);
      if (ruLemmas.isEmpty() && ukLemmas.isEmpty()) {
        unknown++;
        lemmas++;
      } else if (ruLemmas.contains(w) || ukLemmas.contains(w)) {
        lemmas++;
      } else {
        inflected.append(term).append(' ');
      }
    }
    double share = (double) lemmas / terms.size();
    System.out.printf("lemma share of the top-10 topic terms: %d of %d (%.1f%%), %d unknown to both dictionaries;"
        + " inflected: %s%n", lemmas, terms.size(), 100 * share, unknown, inflected);
    assertTrue(terms.size() >= 100, "topics should have 10 terms each: " + terms.size());
    assertTrue(share >= 0.9, String.format("%.1f%% of %d top terms are lemmas; inflected forms: %s", 100 * share,
        terms.size(), inflected));
  }

  private static DictionaryLookup lookup(String resource) throws Exception {
    return new DictionaryLookup(Dictionary.read(LemmaShareTest.class.getResource(resource)));
  }

  /** The lemmas of a lower-case word (ё written е), empty when the dictionary does not know it. */
  private static List<String> lemmas(DictionaryLookup dict, String w) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (WordData d : dict.lookup(w)) {
      out.add(d.getStem().toString().toLowerCase(Locale.ROOT).replace('ё', 'е'));
    }
    return out;
  }
}
