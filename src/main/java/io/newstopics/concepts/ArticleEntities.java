package io.newstopics.concepts;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.newstopics.text.TermHits;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage: the people, countries, organisations and places each article mentions, as concepts of
 * {@code conf/concepts.conf} (so Путин and Путін are one entity): article_id, entity, entity_type, name, mentions,
 * surface_forms (the words of the text, as written).
 *
 * <p>Each article's mentions are picked from its terms in Java ({@link TermHits}) before anything is exploded, so
 * the rows grow with the mentions, not with every term of every article.
 */
public final class ArticleEntities {
  private ArticleEntities() {}

  /**
   * @param mapped article_id, terms (concept-mapped, {@link ConceptMapper}), surfaces
   * @param conceptTable token, concept, type, name ({@link ConceptDictionary#asTable})
   */
  public static Dataset<Row> of(Dataset<Row> mapped, Dataset<Row> conceptTable) {
    Dataset<Row> entities = conceptTable.where(col("type").notEqual(ConceptDictionary.TERM_TYPE));
    Set<String> tokens = new HashSet<>(); // the dictionary's entity tokens: configuration, not corpus
    for (Row r : entities.select("token").distinct().collectAsList()) {
      tokens.add(r.getString(0));
    }
    var mentions = udf(new TermHits(tokens), TermHits.TYPE);
    return mapped
        .select(col("article_id"), explode(mentions.apply(col("terms"), col("surfaces"))).as("p"))
        .select(col("article_id"), col("p.term").as("token"), col("p.surface").as("surface"))
        .join(broadcast(entities), "token")
        .groupBy(col("article_id"), col("concept").as("entity"), col("type").as("entity_type"), col("name"))
        .agg(count(lit(1)).cast("int").as("mentions"), array_sort(collect_set(col("surface"))).as("surface_forms"));
  }
}
