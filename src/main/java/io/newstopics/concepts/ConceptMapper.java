package io.newstopics.concepts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.newstopics.text.TermExtractor;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Stage: replaces the model terms ({@code terms}, by {@code lang}) that belong to a concept by the concept's token
 * ({@code c:putin} for Путин and Путін alike), so that Russian and Ukrainian articles share those dimensions in
 * TF-IDF, LDA, themes and links. A Ukrainian term outside the concepts that is a Russian word in Ukrainian spelling
 * ({@link UkrainianToRussian}: санкція, війна) becomes that word's Russian term, or its Russian concept if it has
 * one. One term for one term: {@code surfaces} stay aligned and keep the words of the text.
 *
 * <p>The dictionary travels with the function, as one hash map per language: no join, no shuffle, and a constant-time
 * lookup per term (Spark's {@code element_at} on a literal map scans the map's keys for every term).
 */
public final class ConceptMapper {
  private ConceptMapper() {}

  public static Dataset<Row> apply(Dataset<Row> analysed, ConceptDictionary concepts) {
    HashMap<String, Map<String, String>> byLang = new HashMap<>(); // null lang: no concepts, as any other
    for (String lang : concepts.languages()) {
      byLang.put(lang, new HashMap<>(concepts.tokens(lang)));
    }
    Map<String, String> none = new HashMap<>();
    Map<String, String> uk = byLang.getOrDefault("uk", none);
    Map<String, String> ru = byLang.getOrDefault("ru", none);
    UkrainianToRussian alignment = concepts.alignment();
    UDF2<String, scala.collection.Seq<String>, String[]> fn = (lang, terms) -> "uk".equals(lang)
        ? mapUkrainian(uk, alignment, ru, terms) : TermExtractor.replaced(byLang.getOrDefault(lang, none), terms);
    UserDefinedFunction mapped = udf(fn, DataTypes.createArrayType(DataTypes.StringType, false));
    return analysed.withColumn("terms", mapped.apply(col("lang"), col("terms")));
  }

  /** Ukrainian terms: the concept token, else the aligned Russian term (by its Russian concept), else the term. */
  private static String[] mapUkrainian(Map<String, String> ukTokens, UkrainianToRussian alignment,
                                       Map<String, String> ruTokens, scala.collection.Seq<String> terms) {
    if (terms == null) {
      return null;
    }
    String[] out = new String[terms.length()];
    for (int i = 0; i < out.length; i++) {
      String t = terms.apply(i);
      String token = ukTokens.get(t);
      if (token == null) {
        String ru = alignment.russianTerm(t);
        token = ru == null ? t : ruTokens.getOrDefault(ru, ru);
      }
      out[i] = token;
    }
    return out;
  }

  /** Display forms (stem, term) with every concept token shown by its name ("Путин/Путін"). */
  public static Dataset<Row> named(Dataset<Row> displayForms, Dataset<Row> conceptTable) {
    return displayForms
        .join(broadcast(conceptTable.select(col("token").as("stem"), col("name"))), "stem", "left")
        .select(col("stem"), coalesce(col("name"), col("term")).as("term"));
  }
}
