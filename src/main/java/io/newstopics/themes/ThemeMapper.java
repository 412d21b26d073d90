package io.newstopics.themes;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.newstopics.config.JobConfig.ThemeOptions;
import io.newstopics.text.TermHits;
import io.newstopics.text.TextNormalizer;
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
 *   <li>Article: a lexical score from the density of the theme's terms in the article, combined with a topic score
 *       from its topic mixture; the matching words are kept as evidence.</li>
 * </ul>
 */
public final class ThemeMapper {
  public static final String OTHER = "other";

  private ThemeMapper() {}

  /**
   * The (stem, word) pairs of an article that the lexicon has, as a UDF ({@link TermHits}): single terms, and runs of
   * 2..MAX_PHRASE consecutive terms (stem: space-joined stems, word: the words of the text, space-joined) where a
   * phrase of the lexicon starts, so that phrase entries match only words in a row. Exploding every term of every
   * article (and building runs with interpreted lambdas) to keep the few that join the lexicon was the bulk of
   * article_themes.
   */
  static TermHits lexiconHits(Dataset<Row> lexicon) {
    Set<String> stems = new HashSet<>(); // the lexicon's keys: configuration, not corpus
    for (Row r : lexicon.select("stem").distinct().collectAsList()) {
      stems.add(r.getString(0));
    }
    return new TermHits(stems, new HashSet<>(phraseStarts(lexicon)), ThemeLexicon.MAX_PHRASE);
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
   * Per article and theme: article_id, theme, score, lexical_score, topic_score, theme_rank, evidence.
   *
   * @param analysed article_id, terms, surfaces (all stored articles)
   * @param articleTopics article_id, topic_id, probability
   * @param topicThemes topic_id, theme, theme_confidence
   */
  public static Dataset<Row> articleThemes(Dataset<Row> analysed, Dataset<Row> articleTopics,
                                           Dataset<Row> topicThemes, Dataset<Row> lexicon, ThemeOptions o) {
    Dataset<Row> sizes = analysed.select(col("article_id"),
        org.apache.spark.sql.functions.size(col("terms")).as("n_terms"));
    Dataset<Row> hits = analysed
        .select(col("article_id"),
            explode(udf(lexiconHits(lexicon), TermHits.TYPE).apply(col("terms"), col("surfaces"))).as("p"))
        .select(col("article_id"), col("p.term").as("stem"), col("p.surface").as("word"))
        .join(broadcast(lexicon), "stem")
        .withColumn("word", TextNormalizer.lowerCase(col("word")))
        .groupBy("article_id", "theme", "word").agg(count(lit(1)).as("n"));
    Dataset<Row> lexical = hits
        .groupBy("article_id", "theme")
        .agg(sum("n").as("hits"), sort_array(collect_list(struct(col("n"), col("word"))), false).as("ev"))
        .join(sizes, "article_id")
        .select(col("article_id"), col("theme"),
            lit(1.0).minus(exp(col("hits").divide(col("n_terms")).divide(lit(-o.saturationDensity()))))
                .multiply(least(lit(1.0), col("hits").divide(lit(3.0)))).as("lexical_score"),
            transform(slice(col("ev"), 1, o.evidenceTerms()), e -> e.getField("word")).as("evidence"));
    Dataset<Row> byTopics = articleTopics
        .join(broadcast(topicThemes.where(col("theme").notEqual(OTHER))), "topic_id")
        .groupBy("article_id", "theme")
        .agg(least(lit(1.0), sum(col("probability").multiply(col("theme_confidence")))).as("topic_score"));
    double a = o.lexicalWeight();
    return lexical.join(byTopics, new String[] {"article_id", "theme"}, "full_outer")
        .select(col("article_id"), col("theme"),
            coalesce(col("lexical_score"), lit(0.0)).as("lexical_score"),
            coalesce(col("topic_score"), lit(0.0)).as("topic_score"),
            coalesce(col("evidence"), org.apache.spark.sql.functions.array()).cast("array<string>").as("evidence"))
        .withColumn("score", col("lexical_score").multiply(lit(a)).plus(col("topic_score").multiply(lit(1 - a))))
        .where(col("score").gt(lit(0.0)))
        .withColumn("theme_rank", row_number().over(
            Window.partitionBy("article_id").orderBy(col("score").desc(), col("theme"))));
  }
}
