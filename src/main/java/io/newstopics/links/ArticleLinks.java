package io.newstopics.links;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;

import io.newstopics.config.JobConfig.LinkOptions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Stage: links same-story and near-duplicate articles by the cosine of their TF-IDF vectors over the
 * concept-mapped model terms (the run's vocabulary and IDF).
 *
 * <ul>
 *   <li>Articles of the same language are compared on all their terms ({@value #SAME_LANGUAGE}).</li>
 *   <li>Articles of different languages are compared on the terms both languages use in the corpus: concepts,
 *       names spelled alike, latin words ({@value #CROSS_LANGUAGE}). Their other terms cannot match by
 *       construction, and would only dilute the cosine of a translation pair.</li>
 * </ul>
 *
 * <p>Candidates come from prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007), not
 * from a cross join: with unit vectors, a pair whose shared terms all lie in either article's most common terms
 * carrying less than {@code t/2} of its norm scores below {@code t}; so only each article's rarer terms (the rest)
 * are joined on, and every pair at or above {@code t} is found. Terms in more than {@code links.max-term-docs}
 * articles are never joined on, which bounds the work (pairs sharing only such terms are not linked). The cosine
 * of each candidate is then computed exactly over all its shared terms. Each pair is listed once, with
 * article_id &lt; linked_article_id.
 */
public final class ArticleLinks {
  public static final String SAME_LANGUAGE = "tfidf_cosine";
  public static final String CROSS_LANGUAGE = "tfidf_cosine_shared_terms";

  private ArticleLinks() {}

  /**
   * @param articles article_id, lang, terms (the modelled articles, concept-mapped terms)
   * @param vocabulary stem, term, doc_freq, idf (the run's vocabulary)
   * @return article_id, linked_article_id, similarity, method, same_language, shared_terms
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o) {
    Dataset<Row> weights = weights(articles, vocabulary);
    Dataset<Row> crossLingual = weights.groupBy("stem").agg(count_distinct(col("lang")).as("langs"))
        .where(col("langs").geq(2)).select("stem");
    return pairs(unit(weights), true, o)
        .unionByName(pairs(unit(weights.join(crossLingual, new String[] {"stem"}, "left_semi")), false, o));
  }

  /** article_id, lang, stem, term, doc_freq, w: term count times IDF, for the terms of the vocabulary. */
  static Dataset<Row> weights(Dataset<Row> articles, Dataset<Row> vocabulary) {
    return articles.select(col("article_id"), col("lang"), explode(col("terms")).as("stem"))
        .groupBy("article_id", "lang", "stem").agg(count(lit(1)).as("n"))
        .join(broadcast(vocabulary.select("stem", "term", "doc_freq", "idf")), "stem")
        .withColumn("w", col("n").multiply(col("idf")))
        .where(col("w").gt(0))
        .drop("n", "idf");
  }

  /** The weights divided by the article's norm (in this space). */
  static Dataset<Row> unit(Dataset<Row> weights) {
    Column norm = sqrt(sum(col("w").multiply(col("w"))).over(Window.partitionBy("article_id")));
    return weights.withColumn("w", col("w").divide(norm));
  }

  private static Dataset<Row> pairs(Dataset<Row> unit, boolean sameLanguage, LinkOptions o) {
    double half = o.minSimilarity() / 2;
    // norm² of the article's terms at least as common as this one (most common first)
    Column commonNorm2 = sum(col("w").multiply(col("w"))).over(Window.partitionBy("article_id")
        .orderBy(col("doc_freq").desc(), col("stem")).rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    Dataset<Row> keys = unit.where(col("doc_freq").leq(o.maxTermDocs()))
        .withColumn("_common", commonNorm2)
        .where(col("_common").geq(half * half))
        .select("article_id", "lang", "stem");
    Dataset<Row> a = keys.select(col("article_id"), col("lang").as("a_lang"), col("stem"));
    Dataset<Row> b = keys.select(col("article_id").as("linked_article_id"), col("lang").as("b_lang"), col("stem"));
    Column languages = sameLanguage ? col("a_lang").equalTo(col("b_lang")) : col("a_lang").notEqual(col("b_lang"));
    Dataset<Row> candidates = a.join(b, "stem")
        .where(col("article_id").lt(col("linked_article_id")).and(languages))
        .select("article_id", "linked_article_id").distinct();

    Dataset<Row> left = unit.select(col("article_id"), col("stem"), col("term"), col("w").as("wa"));
    Dataset<Row> right = unit.select(col("article_id").as("linked_article_id"), col("stem"), col("w").as("wb"));
    Column contribution = col("wa").multiply(col("wb"));
    return candidates.join(left, "article_id").join(right, new String[] {"linked_article_id", "stem"})
        .groupBy("article_id", "linked_article_id")
        .agg(sum(contribution).as("similarity"),
            sort_array(collect_list(struct(contribution.as("c"), col("term").as("term"))), false).as("shared"))
        .where(col("similarity").geq(lit(o.minSimilarity())))
        .select(col("article_id"), col("linked_article_id"),
            least(lit(1.0), col("similarity")).as("similarity"),
            lit(sameLanguage ? SAME_LANGUAGE : CROSS_LANGUAGE).as("method"),
            lit(sameLanguage).as("same_language"),
            transform(slice(col("shared"), 1, o.sharedTerms()), s -> s.getField("term")).as("shared_terms"));
  }
}
