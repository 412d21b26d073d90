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
import java.util.function.UnaryOperator;
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
 * <p>No cross join: the dot products over the terms found in at most {@code links.max-term-docs} articles come
 * from a sparse self-join on those terms (its work grows with the sum of their squared document frequencies, which
 * the cap bounds). Pairs whose dot product on those rarer terms reaches half of {@code links.min-similarity} are
 * scored exactly, over all their shared terms, and kept at or above the threshold. When no term is over the cap
 * (small corpora) this finds exactly the pairs at or above the threshold; otherwise a pair whose similarity comes
 * mostly from common terms is not linked. Each pair is listed once, with article_id &lt; linked_article_id.
 */
public final class ArticleLinks {
  public static final String SAME_LANGUAGE = "tfidf_cosine";
  public static final String CROSS_LANGUAGE = "tfidf_cosine_shared_terms";

  /** Share of links.min-similarity the terms under links.max-term-docs must give a pair for it to be scored. */
  static final double CANDIDATE_SHARE = 0.5;

  private ArticleLinks() {}

  /**
   * @param articles article_id, lang, terms (the modelled articles, concept-mapped terms)
   * @param vocabulary stem, term, doc_freq, idf (the run's vocabulary)
   * @return article_id, linked_article_id, similarity, method, same_language, shared_terms
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o) {
    return links(articles, vocabulary, o, UnaryOperator.identity());
  }

  /**
   * As {@link #links(Dataset, Dataset, LinkOptions)}, with {@code keep} applied to the term weights and to both
   * unit-weight sets before they are used: the job persists them there, since each is read by several joins (without
   * it the explode-and-count of every article's terms ran a dozen times: 40 s of a 22k-article run).
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o,
                                   UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> weights = keep.apply(weights(articles, vocabulary));
    Dataset<Row> crossLingual = weights.groupBy("stem").agg(count_distinct(col("lang")).as("langs"))
        .where(col("langs").geq(2)).select("stem");
    Dataset<Row> same = keep.apply(unit(weights));
    Dataset<Row> shared = keep.apply(unit(weights.join(crossLingual, new String[] {"stem"}, "left_semi")));
    return pairs(same, true, o).unionByName(pairs(shared, false, o));
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
    double t = o.minSimilarity();
    Column languages = sameLanguage ? col("a_lang").equalTo(col("b_lang")) : col("a_lang").notEqual(col("b_lang"));
    // 1. exact dot product over the terms of at most max-term-docs articles (a sparse self-join on them)
    Dataset<Row> rare = unit.where(col("doc_freq").leq(o.maxTermDocs()));
    Dataset<Row> partial = rare.select(col("article_id"), col("lang").as("a_lang"), col("stem"), col("w").as("wa"))
        .join(rare.select(col("article_id").as("linked_article_id"), col("lang").as("b_lang"), col("stem"),
            col("w").as("wb")), "stem")
        .where(col("article_id").lt(col("linked_article_id")).and(languages))
        .groupBy("article_id", "linked_article_id").agg(sum(col("wa").multiply(col("wb"))).as("partial"));
    // 2. pairs whose rarer terms alone carry at least half the threshold (on short texts made mostly of common
    // terms, the Cauchy-Schwarz bound on what the common terms may add lets nearly every pair through)
    Dataset<Row> candidates = partial.where(col("partial").geq(lit(t * CANDIDATE_SHARE)))
        .select("article_id", "linked_article_id");
    // 3. the exact cosine of the candidates over all their shared terms, with the terms that contribute most
    Dataset<Row> left = unit.select(col("article_id"), col("stem"), col("term"), col("w").as("wa"));
    Dataset<Row> right = unit.select(col("article_id").as("linked_article_id"), col("stem"), col("w").as("wb"));
    Column contribution = col("wa").multiply(col("wb"));
    return candidates.join(left, "article_id").join(right, new String[] {"linked_article_id", "stem"})
        .groupBy("article_id", "linked_article_id")
        .agg(sum(contribution).as("similarity"),
            sort_array(collect_list(struct(contribution.as("c"), col("term").as("term"))), false).as("shared"))
        .where(col("similarity").geq(lit(t)))
        .select(col("article_id"), col("linked_article_id"),
            least(lit(1.0), col("similarity")).as("similarity"),
            lit(sameLanguage ? SAME_LANGUAGE : CROSS_LANGUAGE).as("method"),
            lit(sameLanguage).as("same_language"),
            transform(slice(col("shared"), 1, o.sharedTerms()), s -> s.getField("term")).as("shared_terms"));
  }
}
