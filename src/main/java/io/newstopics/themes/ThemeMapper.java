package io.newstopics.themes;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.newstopics.config.JobConfig.ThemeOptions;
import io.newstopics.features.TermFeatures;
import io.newstopics.text.TermHits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Maps topics and articles to the analysts' themes.
 *
 * <ul>
 *   <li>Topic: the share of the topic's top-terms weight carried by each theme's lexicon terms; the best theme
 *       labels the topic when its share reaches {@code min-topic-mass}, else the topic is {@code other}.</li>
 *   <li>Article: its evidence for every theme (lexicon hits, distinct entries, density, related words, topic score
 *       from its topic mixture; {@link #evidence}), then P(theme | article) from {@link ThemeClassifier}
 *       ({@link #articleThemes}); the matching words are kept as evidence.</li>
 * </ul>
 */
public final class ThemeMapper {
  public static final String OTHER = "other";

  private ThemeMapper() {}

  /**
   * The (stem, word) pairs of an article that the lexicon has, as a UDF ({@link TermHits}): single terms, and runs of
   * 2..MAX_PHRASE consecutive terms (stem: space-joined stems, word: the words of the text, space-joined) where a
   * phrase of the lexicon starts, so that phrase entries match only words in a row. The few hits are picked before
   * anything is exploded, so the rows grow with the hits, not with every term of every article.
   */
  static TermHits lexiconHits(Dataset<Row> lexicon) {
    Set<String> stems = new HashSet<>(); // the lexicon's keys: configuration, not corpus
    for (Row r : lexicon.select("stem").distinct().collectAsList()) {
      stems.add(r.getString(0));
    }
    return new TermHits(stems, new HashSet<>(phraseStarts(lexicon)), ThemeLexicon.MAX_PHRASE);
  }

  /**
   * An article's lexical score per theme, from its own terms and surfaces, as a UDF: the lexicon's hits
   * ({@link #lexiconHits}) counted per theme and lower-cased word, score = (1 - exp(-(hits / terms) /
   * saturation-density)) * min(1, hits / 3), evidence = the most frequent words (ties: the greater word first),
   * at most evidence-terms. One pass per article: no shuffle of the hits, which would otherwise be exploded, counted
   * in two group-bys and joined to the article sizes.
   */
  static final class LexicalScores implements
      org.apache.spark.sql.api.java.UDF2<scala.collection.Seq<String>, scala.collection.Seq<String>, Row[]> {
    static final org.apache.spark.sql.types.DataType TYPE = org.apache.spark.sql.types.DataTypes.createArrayType(
        new org.apache.spark.sql.types.StructType().add("theme", "string").add("lexical_score", "double")
            .add("evidence", "array<string>").add("hits", "int").add("entries", "int").add("related", "int"));

    private final TermHits hits;
    /** The lexicon's themes of each stem (a stem may be in several themes). */
    private final java.util.Map<String, List<String>> themes = new java.util.HashMap<>();
    /** The (theme, stem) pairs of related words. */
    private final Set<List<String>> related = new HashSet<>();
    private final double saturationDensity;
    private final int evidenceTerms;

    LexicalScores(Dataset<Row> lexicon, ThemeOptions o) {
      this.hits = lexiconHits(lexicon);
      for (Row r : lexicon.select("stem", "theme", "related").collectAsList()) { // configuration, not corpus
        themes.computeIfAbsent(r.getString(0), x -> new java.util.ArrayList<>()).add(r.getString(1));
        if (r.getBoolean(2)) {
          related.add(List.of(r.getString(1), r.getString(0)));
        }
      }
      this.saturationDensity = o.saturationDensity();
      this.evidenceTerms = o.evidenceTerms();
    }

    @Override
    public Row[] call(scala.collection.Seq<String> terms, scala.collection.Seq<String> surfaces) {
      Row[] found = hits.call(terms, surfaces);
      if (found.length == 0) {
        return new Row[0];
      }
      java.util.Map<String, java.util.Map<String, long[]>> words = new java.util.TreeMap<>();
      java.util.Map<String, Set<String>> entries = new java.util.HashMap<>();
      java.util.Map<String, int[]> relatedHits = new java.util.HashMap<>();
      for (Row hit : found) {
        String word = hit.isNullAt(1) ? null : hit.getString(1).toLowerCase(java.util.Locale.ROOT);
        for (String theme : themes.getOrDefault(hit.getString(0), List.of())) {
          words.computeIfAbsent(theme, x -> new java.util.HashMap<>()).computeIfAbsent(word, x -> new long[1])[0]++;
          if (related.contains(List.of(theme, hit.getString(0)))) {
            relatedHits.computeIfAbsent(theme, x -> new int[1])[0]++;
          } else {
            entries.computeIfAbsent(theme, x -> new HashSet<>()).add(hit.getString(0));
          }
        }
      }
      List<Row> out = new java.util.ArrayList<>(words.size());
      double size = terms.size();
      words.forEach((theme, counts) -> {
        long all = 0;
        for (long[] n : counts.values()) {
          all += n[0];
        }
        int rel = relatedHits.getOrDefault(theme, new int[1])[0];
        long total = all - rel; // the theme's own words
        double score = (1.0 - StrictMath.exp(total / size / -saturationDensity)) * Math.min(1.0, total / 3.0);
        List<java.util.Map.Entry<String, long[]>> ranked = new java.util.ArrayList<>(counts.entrySet());
        ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
            : -compareWords(a.getKey(), b.getKey()));
        String[] evidence = new String[Math.min(evidenceTerms, ranked.size())];
        for (int i = 0; i < evidence.length; i++) {
          evidence[i] = ranked.get(i).getKey();
        }
        out.add(org.apache.spark.sql.RowFactory.create(theme, score, evidence, (int) total,
            entries.getOrDefault(theme, Set.of()).size(), rel));
      });
      return out.toArray(new Row[0]);
    }

    /** Spark's order of strings (UTF-8 bytes, that is code points), null first. */
    static int compareWords(String a, String b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : -1) : 1;
      }
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        int x = a.codePointAt(i);
        int y = b.codePointAt(j);
        if (x != y) {
          return Integer.compare(x, y);
        }
        i += Character.charCount(x);
        j += Character.charCount(y);
      }
      return Integer.compare(a.length() - i, b.length() - j);
    }
  }

  /** The first stems of the lexicon's phrases (entries of several words): a few rows of configuration. */
  static List<String> phraseStarts(Dataset<Row> lexicon) {
    List<String> out = new java.util.ArrayList<>();
    for (Row r : lexicon.where(col("stem").contains(" "))
        .select(org.apache.spark.sql.functions.substring_index(col("stem"), " ", 1)).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** Per topic: topic_id, theme, theme_confidence. Input: topic_id, stem, weight (top terms). */
  public static Dataset<Row> topicThemes(Dataset<Row> topicTerms, Dataset<Row> lexicon, ThemeOptions o) {
    Dataset<Row> total = topicTerms.groupBy("topic_id").agg(sum("weight").as("total"));
    Dataset<Row> byTheme = topicTerms.join(broadcast(lexicon), "stem")
        .groupBy("topic_id", "theme").agg(sum("weight").as("mass"));
    Dataset<Row> ranked = byTheme
        .withColumn("all_mass", sum("mass").over(Window.partitionBy("topic_id")))
        .withColumn("r", row_number().over(Window.partitionBy("topic_id").orderBy(col("mass").desc(), col("theme"))))
        .where(col("r").equalTo(1));
    Column share = col("mass").divide(col("total"));
    double min = o.minTopicMass();
    Column themed = coalesce(share, lit(0.0)).geq(lit(min));
    return total.join(ranked, "topic_id", "left")
        .select(col("topic_id"),
            when(themed, col("theme")).otherwise(lit(OTHER)).as("theme"),
            when(themed, col("mass").divide(col("all_mass")).multiply(least(lit(1.0), share.divide(lit(3 * min)))))
                .otherwise(lit(1.0).minus(coalesce(share, lit(0.0)).divide(lit(min)))).as("theme_confidence"));
  }

  /**
   * The evidence of every article for every theme: article_id, theme, lexical_score, topic_score, evidence (the
   * lexicon words it matched), hits, entries (distinct lexicon entries), density (hits / terms), x (the classifier's
   * evidence features, {@link ThemeClassifier#evidence}) and top_terms (L2-normalised; null for articles that were
   * not modelled).
   *
   * @param analysed article_id, terms, surfaces (all stored articles)
   * @param articleTopics article_id, topic_id, probability
   * @param topicThemes topic_id, theme, theme_confidence
   * @param topTerms article_id, top_terms (the modelled articles' top TF-IDF terms)
   */
  public static Dataset<Row> evidence(Dataset<Row> analysed, Dataset<Row> articleTopics, Dataset<Row> topicThemes,
                                      Dataset<Row> topTerms, Dataset<Row> lexicon, List<String> themes,
                                      ThemeOptions o) {
    Dataset<Row> lexical = analysed
        .select(col("article_id"), explode(udf(new LexicalScores(lexicon, o), LexicalScores.TYPE)
            .apply(col("terms"), col("surfaces"))).as("s"))
        .select(col("article_id"), col("s.theme").as("theme"), col("s.lexical_score").as("lexical_score"),
            col("s.evidence").as("evidence"), col("s.hits").as("hits"), col("s.entries").as("entries"),
            col("s.related").as("related"));
    Dataset<Row> byTopics = articleTopics
        .join(broadcast(topicThemes.where(col("theme").notEqual(OTHER))), "topic_id")
        .groupBy("article_id", "theme")
        .agg(least(lit(1.0), sum(col("probability").multiply(col("theme_confidence")))).as("topic_score"));
    Dataset<Row> themeNames = analysed.sparkSession()
        .createDataset(themes, org.apache.spark.sql.Encoders.STRING()).toDF("theme");
    return analysed.select(col("article_id"), org.apache.spark.sql.functions.size(col("terms")).as("term_count"))
        .crossJoin(broadcast(themeNames))
        .join(lexical, new String[] {"article_id", "theme"}, "left")
        .join(byTopics, new String[] {"article_id", "theme"}, "left")
        .join(topTerms.select(col("article_id"),
            ThemeClassifier.normalisedTopTerms(col(TermFeatures.TOP_TERMS)).as("top_terms")), "article_id", "left")
        .select(col("article_id"), col("theme"),
            coalesce(col("lexical_score"), lit(0.0)).as("lexical_score"),
            coalesce(col("topic_score"), lit(0.0)).as("topic_score"),
            coalesce(col("evidence"), org.apache.spark.sql.functions.array()).cast("array<string>").as("evidence"),
            coalesce(col("hits"), lit(0)).as("hits"), coalesce(col("entries"), lit(0)).as("entries"),
            coalesce(col("related"), lit(0)).as("related"),
            when(col("term_count").gt(0), coalesce(col("hits"), lit(0)).divide(col("term_count")))
                .otherwise(lit(0.0)).as("density"),
            col("top_terms"))
        .withColumn("x", ThemeClassifier.evidence(o));
  }

  /**
   * Per article and theme (every pair): article_id, theme, probability, present (probability at least
   * themes.threshold), score (= probability), lexical_score, topic_score, theme_rank (1 = the most probable of the
   * article's present themes; null when absent), evidence.
   *
   * @param evidence the rows of {@link #evidence}
   */
  public static Dataset<Row> articleThemes(Dataset<Row> evidence, ThemeClassifier.Fitted fitted, ThemeOptions o) {
    Column present = col("probability").geq(lit(o.threshold()));
    return ThemeClassifier.probabilities(evidence, fitted)
        .select(col("article_id"), col("theme"), col("probability"), present.as("present"),
            col("probability").as("score"), col("lexical_score"), col("topic_score"), col("hits"), col("entries"),
            col("related").as("related_hits"), col("evidence"))
        .withColumn("theme_rank", when(col("present"), row_number().over(
            Window.partitionBy("article_id").orderBy(col("present").desc(), col("probability").desc(),
                col("theme")))));
  }
}
