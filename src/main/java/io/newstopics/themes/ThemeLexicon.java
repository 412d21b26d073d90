package io.newstopics.themes;

import io.newstopics.concepts.ConceptDictionary;
import io.newstopics.config.JobConfig;
import io.newstopics.text.TermAnalyzer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theme lexicons of {@code conf/}, read through the same analyzers as the articles, so that a lexicon word
 * in any inflected form matches every form of it in the text: rows (theme, stem). A multi-word entry
 * ("военная помощь") becomes one phrase key of up to {@link #MAX_PHRASE} space-joined stems that matches only
 * those words in a row; topics, whose terms are single words, are matched by single-word entries only. Words of
 * a concept also match its token ({@code c:<id>}), the form they take in the model terms.
 */
public final class ThemeLexicon {
  private static final Logger LOG = LoggerFactory.getLogger(ThemeLexicon.class);

  public static final int MAX_PHRASE = 3;

  private ThemeLexicon() {}

  /** {@code related}: a word that goes with the theme ({@code related-ru}, {@code related-uk}), not its own. */
  public record Entry(String theme, String lang, String word, String stem, boolean related) {}

  /**
   * The entries of every theme; an entry whose words belong to concepts ({@code conf/concepts.conf}) is listed
   * twice, with its stems and with its concept tokens, so that it matches concept-mapped and plain terms alike.
   */
  public static List<Entry> entries(JobConfig cfg) {
    return entries(cfg, ConceptDictionary.of(cfg));
  }

  /** {@link #entries(JobConfig)} with the run's concept dictionary, already read. */
  public static List<Entry> entries(JobConfig cfg, ConceptDictionary concepts) {
    TermAnalyzer analyzer = new TermAnalyzer(cfg.text());
    List<Entry> out = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (JobConfig.Theme theme : cfg.themes().lexicons()) {
      for (var byLang : theme.wordsByLang().entrySet()) {
        boolean related = byLang.getKey().startsWith(JobConfig.Theme.RELATED);
        String lang = related ? byLang.getKey().substring(JobConfig.Theme.RELATED.length()) : byLang.getKey();
        for (String word : byLang.getValue()) {
          List<String> stems = analyzer.analyze(lang, word).terms();
          if (stems.isEmpty() || stems.size() > MAX_PHRASE) {
            lost.add(theme.name() + "/" + byLang.getKey() + ": " + word);
            continue;
          }
          out.add(new Entry(theme.name(), lang, word, String.join(" ", stems), related));
          List<String> mapped = stems.stream().map(st -> concepts.map(lang, st)).toList();
          if (!mapped.equals(stems)) {
            out.add(new Entry(theme.name(), lang, word, String.join(" ", mapped), related));
          }
        }
      }
    }
    if (!lost.isEmpty()) {
      LOG.warn("Theme entries that are stopwords, too short or longer than {} words, and will never match "
          + "(edit themes.lexicons in conf/news-topics.conf): {}", MAX_PHRASE, lost);
    }
    return out;
  }

  /** Every term of the lexicons' entries (their words' stems, lemmas and concept tokens). */
  public static java.util.Set<String> terms(JobConfig cfg, ConceptDictionary concepts) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Entry e : entries(cfg, concepts)) {
      out.addAll(List.of(e.stem().split(" ")));
    }
    return out;
  }

  /** The vocabulary's term indices of the lexicon's single-word entries (vocabulary: term_index, stem). */
  public static java.util.Set<Integer> termIndices(Dataset<Row> lexicon, Dataset<Row> vocabulary) {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    for (Row r : vocabulary.join(lexicon.select("stem").distinct(), "stem").select("term_index")
        .collectAsList()) { // at most the lexicon's size
      out.add(r.getInt(0));
    }
    return out;
  }

  /**
   * (theme, stem, related), one row per theme and stem; a stem that is both a theme's own and related to it is its
   * own.
   */
  public static Dataset<Row> asTable(SparkSession spark, JobConfig cfg) {
    java.util.Map<List<String>, Boolean> related = new java.util.LinkedHashMap<>();
    for (Entry e : entries(cfg)) {
      related.merge(List.of(e.theme(), e.stem()), e.related(), Boolean::logicalAnd);
    }
    List<Row> rows = related.entrySet().stream()
        .map(e -> RowFactory.create(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
    StructType schema = new StructType().add("theme", DataTypes.StringType).add("stem", DataTypes.StringType)
        .add("related", DataTypes.BooleanType);
    return spark.createDataFrame(rows, schema);
  }
}
