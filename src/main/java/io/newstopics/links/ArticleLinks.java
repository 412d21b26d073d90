package io.newstopics.links;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.xxhash64;

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
 *
 * <p>Numeric keys: the joins and aggregations run on a 64-bit key per article ({@code xxhash64(article_id)}) and on
 * the vocabulary's term_index, not on the id and stem strings (hashing and sorting those strings was most of the
 * stage's CPU). A pair is formed once, with the smaller key first; the ids and the readable terms are joined back
 * only for the linked pairs, which are then ordered by the ids. Two articles whose ids hash alike would be merged
 * into one vector, so the keys are checked to be as many as the distinct ids first, and the stage fails with an
 * {@link IllegalStateException} if not (one count on the id column; at 400k articles the odds of a collision are
 * below 1 in 10^8, no reason to pay for a tie-break on every row).
 */
public final class ArticleLinks {
  public static final String SAME_LANGUAGE = "tfidf_cosine";
  public static final String CROSS_LANGUAGE = "tfidf_cosine_shared_terms";

  /** Share of links.min-similarity the terms under links.max-term-docs must give a pair for it to be scored. */
  static final double CANDIDATE_SHARE = 0.5;

  private ArticleLinks() {}

  /**
   * @param articles article_id, lang, terms (the modelled articles, concept-mapped terms)
   * @param vocabulary term_index, stem, term, doc_freq, idf (the run's vocabulary)
   * @return article_id, linked_article_id, similarity, method, same_language, shared_terms
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o) {
    return links(articles, vocabulary, o, UnaryOperator.identity());
  }

  /**
   * As {@link #links(Dataset, Dataset, LinkOptions)}, with {@code keep} applied to the article keys, the term weights
   * and both unit-weight sets before they are used: the job persists them there, since each is read by several joins
   * (without it the explode-and-count of every article's terms ran a dozen times: 40 s of a 22k-article run).
   *
   * @throws IllegalStateException if two article ids have the same 64-bit key (see the class comment)
   */
  public static Dataset<Row> links(Dataset<Row> articles, Dataset<Row> vocabulary, LinkOptions o,
                                   UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> ids = unique(keep.apply(ids(articles)));
    Dataset<Row> weights = keep.apply(weights(articles, vocabulary));
    Dataset<Row> crossLingual = weights.groupBy("term_index").agg(count_distinct(col("lang")).as("langs"))
        .where(col("langs").geq(2)).select("term_index");
    Dataset<Row> same = keep.apply(unit(weights));
    Dataset<Row> shared = keep.apply(unit(weights.join(crossLingual, new String[] {"term_index"}, "left_semi")));
    Dataset<Row> terms = vocabulary.select("term_index", "term");
    return withIds(pairs(same, terms, true, o).unionByName(pairs(shared, terms, false, o)), ids);
  }

  /** The article's 64-bit key. */
  private static Column key(Column articleId) {
    return xxhash64(articleId);
  }

  /** article_id, key: each distinct article id with its key. */
  static Dataset<Row> ids(Dataset<Row> articles) {
    return articles.select("article_id").distinct().withColumn("key", key(col("article_id")));
  }

  /** The ids (article_id, key), after checking that no two of them have the same key. */
  static Dataset<Row> unique(Dataset<Row> ids) {
    Row n = ids.agg(count(lit(1)), count_distinct(col("key"))).first();
    if (n.getLong(0) != n.getLong(1)) {
      throw new IllegalStateException("links: " + n.getLong(0) + " article ids have only " + n.getLong(1)
          + " distinct xxhash64 keys; two articles would be merged into one");
    }
    return ids;
  }

  /** key, lang, term_index, doc_freq, w: term count times IDF, for the terms of the vocabulary. */
  static Dataset<Row> weights(Dataset<Row> articles, Dataset<Row> vocabulary) {
    // the stems become term indices in a broadcast lookup, before the count, which then groups on numbers only
    return articles.select(key(col("article_id")).as("key"), col("lang"), explode(col("terms")).as("stem"))
        .join(broadcast(vocabulary.select("stem", "term_index")), "stem")
        .groupBy("key", "lang", "term_index").agg(count(lit(1)).as("n"))
        .join(broadcast(vocabulary.select("term_index", "doc_freq", "idf")), "term_index")
        .withColumn("w", col("n").multiply(col("idf")))
        .where(col("w").gt(0))
        .select("key", "lang", "term_index", "doc_freq", "w");
  }

  /** The weights divided by the article's norm (in this space). */
  static Dataset<Row> unit(Dataset<Row> weights) {
    Column norm = sqrt(sum(col("w").multiply(col("w"))).over(Window.partitionBy("key")));
    return weights.withColumn("w", col("w").divide(norm));
  }

  /** a, b (article keys, a &lt; b), similarity, method, same_language, shared_terms. */
  private static Dataset<Row> pairs(Dataset<Row> unit, Dataset<Row> terms, boolean sameLanguage, LinkOptions o) {
    double t = o.minSimilarity();
    Column languages = sameLanguage ? col("a_lang").equalTo(col("b_lang")) : col("a_lang").notEqual(col("b_lang"));
    // 1. exact dot product over the terms of at most max-term-docs articles (a sparse self-join on them)
    Dataset<Row> rare = unit.where(col("doc_freq").leq(o.maxTermDocs()));
    Dataset<Row> partial = rare.select(col("key").as("a"), col("lang").as("a_lang"), col("term_index"),
            col("w").as("wa"))
        .join(rare.select(col("key").as("b"), col("lang").as("b_lang"), col("term_index"), col("w").as("wb")),
            "term_index")
        .where(col("a").lt(col("b")).and(languages))
        .groupBy("a", "b").agg(sum(col("wa").multiply(col("wb"))).as("partial"));
    // 2. pairs whose rarer terms alone carry at least half the threshold (on short texts made mostly of common
    // terms, the Cauchy-Schwarz bound on what the common terms may add lets nearly every pair through)
    Dataset<Row> candidates = partial.where(col("partial").geq(lit(t * CANDIDATE_SHARE))).select("a", "b");
    // 3. the exact cosine of the candidates over all their shared terms, with the terms that contribute most; the
    // readable term joins only the shared terms (a broadcast lookup), for the order of equal contributions
    Dataset<Row> left = unit.select(col("key").as("a"), col("term_index"), col("w").as("wa"));
    Dataset<Row> right = unit.select(col("key").as("b"), col("term_index"), col("w").as("wb"));
    Column contribution = col("wa").multiply(col("wb"));
    return candidates.join(left, "a").join(right, new String[] {"b", "term_index"})
        .join(broadcast(terms), "term_index")
        .groupBy("a", "b")
        .agg(sum(contribution).as("similarity"),
            sort_array(collect_list(struct(contribution.as("c"), col("term").as("term"))), false).as("shared"))
        .where(col("similarity").geq(lit(t)))
        .select(col("a"), col("b"),
            least(lit(1.0), col("similarity")).as("similarity"),
            lit(sameLanguage ? SAME_LANGUAGE : CROSS_LANGUAGE).as("method"),
            lit(sameLanguage).as("same_language"),
            transform(slice(col("shared"), 1, o.sharedTerms()), s -> s.getField("term")).as("shared_terms"));
  }

  /** The pairs on keys as article_id &lt; linked_article_id: the pair's order on the keys is not the ids' one. */
  private static Dataset<Row> withIds(Dataset<Row> pairs, Dataset<Row> ids) {
    // an article without an id (none is expected) is never linked, as when the pairs were formed on the ids
    Dataset<Row> known = ids.where(col("article_id").isNotNull());
    return pairs
        .join(known.select(col("key").as("a"), col("article_id").as("a_id")), "a")
        .join(known.select(col("key").as("b"), col("article_id").as("b_id")), "b")
        .select(least(col("a_id"), col("b_id")).as("article_id"),
            greatest(col("a_id"), col("b_id")).as("linked_article_id"),
            col("similarity"), col("method"), col("same_language"), col("shared_terms"));
  }
}
