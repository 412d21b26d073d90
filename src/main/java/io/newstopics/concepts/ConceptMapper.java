package io.newstopics.concepts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage: replaces the model terms ({@code terms}, by {@code lang}) that belong to a concept by the concept's token
 * ({@code c:putin} for Путин and Путін alike), so that Russian and Ukrainian articles share those dimensions in
 * TF-IDF, LDA, themes and links. One term for one term: {@code surfaces} stay aligned and keep the words of the
 * text. The dictionary travels as two literal maps in the plan: no join, no shuffle.
 */
public final class ConceptMapper {
  private ConceptMapper() {}

  public static Dataset<Row> apply(Dataset<Row> analysed, ConceptDictionary concepts) {
    Column byLang = when(col("lang").equalTo("ru"), literalMap(concepts.tokens("ru")))
        .when(col("lang").equalTo("uk"), literalMap(concepts.tokens("uk")))
        .otherwise(lit(null).cast("map<string,string>"));
    return analysed.withColumn("terms",
        transform(col("terms"), t -> coalesce(try_element_at(byLang, t), t)));
  }

  private static Column literalMap(Map<String, String> m) {
    if (m.isEmpty()) {
      return lit(null).cast("map<string,string>");
    }
    return map_from_arrays(lit(m.keySet().toArray(new String[0])), lit(m.values().toArray(new String[0])));
  }

  /** Display forms (stem, term) with every concept token shown by its name ("Путин/Путін"). */
  public static Dataset<Row> named(Dataset<Row> displayForms, Dataset<Row> conceptTable) {
    return displayForms
        .join(broadcast(conceptTable.select(col("token").as("stem"), col("name"))), "stem", "left")
        .select(col("stem"), coalesce(col("name"), col("term")).as("term"));
  }
}
