package io.newstopics.text;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The corpus's say in the Russian lemma of an ambiguous word ({@link RussianDictionary#lemma} picks one reading by
 * rule, without the corpus). A noun lemma T is merged into a noun lemma L when at least {@link #SHARED} of T's
 * tokens in the Russian articles were written in forms that are also forms of L, while L is also seen in forms of
 * its own (at least {@link #OWN} of its tokens): кода (coda), read only from "кода", the genitive of код, becomes
 * код ("кодом"); банка (jar) read from "банка" becomes банк ("банком"). A lemma the corpus also shows in its own
 * forms (поле: "полем") stays; so do two lemmas seen only in each other's forms, proper names, and plural-only
 * nouns (выборы, осадки), whose forms are all shared with a singular noun (выбор, осадок).
 */
public final class LemmaMerges {
  /** The least share of a lemma's tokens in forms shared with the lemma it is merged into. */
  static final double SHARED = 0.95;
  /** The least share, and number, of the target lemma's tokens in forms of its own. */
  static final double OWN = 0.05;
  static final long OWN_MIN = 2;
  public static final StructType SCHEMA = new StructType().add("term", DataTypes.StringType, false)
      .add("lemma", DataTypes.StringType, false);

  private LemmaMerges() {}

  /**
   * The merges the Russian articles of {@code analysed} (columns lang, terms, surfaces; terms already replaced by
   * their concept tokens) support: term, lemma (the term it becomes: the lemma's token in {@code tokens}, the
   * Russian concepts, if it has one). At most one row per term; none of the lemmas is itself merged, and none of
   * {@code kept} (the theme lexicons' terms, matched as they are) is merged away.
   *
   * <p>One aggregation over the articles; the driver receives, per noun lemma, its token count and its counts shared
   * with other nouns: bounded by the dictionary's nouns, not by the corpus.
   */
  public static List<Row> find(Dataset<Row> analysed, Map<String, String> tokens, Set<String> kept) {
    HashMap<String, String> concepts = new HashMap<>(tokens);
    Dataset<Row> forms = analysed.where(col("lang").equalTo("ru"))
        .select(explode(arrays_zip(col("terms"), col("surfaces"))).as("p"))
        .select(col("p.terms").as("term"), TextNormalizer.lowerCase(col("p.surfaces")).as("form"))
        .groupBy("term", "form").agg(count("*").as("n"));
    // per word form, its rows (formRows); a term's own readings are looked up once per task, not once per form
    List<Row> counts = forms.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
      Map<String, List<RussianDictionary.Reading>> termReadings = new HashMap<>();
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, 0), false)
          .flatMap(r -> formRows(r, termReadings, concepts).stream()).iterator();
    }, Encoders.row(new StructType().add("term", DataTypes.StringType).add("lemma", DataTypes.StringType)
        .add("n", DataTypes.LongType)))
        .groupBy("term", "lemma").agg(sum("n")).collectAsList();
    Map<String, Long> total = new HashMap<>();
    Map<String, Map<String, Long>> shared = new HashMap<>();
    for (Row r : counts) {
      if (r.getString(1).isEmpty()) {
        total.put(r.getString(0), r.getLong(2));
      } else {
        shared.computeIfAbsent(r.getString(0), t -> new HashMap<>()).put(r.getString(1), r.getLong(2));
      }
    }
    TreeMap<String, String> merges = new TreeMap<>();
    shared.forEach((term, withLemmas) -> {
      if (kept.contains(term)) {
        return;
      }
      String best = null;
      long bestTotal = -1;
      for (Map.Entry<String, Long> e : withLemmas.entrySet()) {
        String lemma = e.getKey();
        long lemmaTotal = total.getOrDefault(lemma, 0L);
        long own = lemmaTotal - shared.getOrDefault(lemma, Map.of()).getOrDefault(term, 0L); // in forms not term's
        boolean better = lemmaTotal > bestTotal || (lemmaTotal == bestTotal && lemma.compareTo(best) < 0);
        if (e.getValue() >= SHARED * total.get(term) && own >= Math.max(OWN_MIN, OWN * lemmaTotal) && better) {
          best = lemma;
          bestTotal = lemmaTotal;
        }
      }
      if (best != null) {
        merges.put(term, best);
      }
    });
    List<Row> out = new ArrayList<>();
    merges.forEach((term, lemma) -> {
      if (!merges.containsKey(lemma)) { // a merge into a lemma that is itself merged away is dropped: no chains
        out.add(RowFactory.create(term, lemma));
      }
    });
    return out;
  }

  /**
   * The rows of one (term, form, n) for a noun lemma or a concept: a row with lemma "" (the term's own count), and
   * one per other noun lemma of the form (by its concept token, if it has one); none for other terms.
   */
  private static List<Row> formRows(Row r, Map<String, List<RussianDictionary.Reading>> termReadings,
                                    Map<String, String> concepts) {
    String term = r.getString(0);
    boolean concept = term.startsWith("c:");
    List<RussianDictionary.Reading> readings = concept ? List.of()
        : termReadings.computeIfAbsent(term, t -> RussianDictionary.get().lemmas(t));
    if (!concept && !isNoun(term, readings)) {
      return List.of();
    }
    List<Row> out = new ArrayList<>();
    out.add(RowFactory.create(term, "", r.getLong(2)));
    for (String l : concept ? List.<String>of() : otherNouns(term, r.getString(1), readings)) {
      out.add(RowFactory.create(term, concepts.getOrDefault(l, l), r.getLong(2)));
    }
    return out;
  }

  /**
   * Whether a lemma is a common noun's dictionary form (the only terms a merge can lead to), from its readings as a
   * word.
   */
  private static boolean isNoun(String term, List<RussianDictionary.Reading> readings) {
    for (RussianDictionary.Reading r : readings) {
      if (r.lemma().equals(term) && r.tag().startsWith("NN") && !r.properName()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The other lemmas of a Russian word form that {@code term} was read from, when both are common nouns there (names'
   * readings do not count: Юлия is not merged into Юлий); none when term is a plural-only noun.
   */
  static List<String> otherNouns(String term, String form) {
    return otherNouns(term, form, RussianDictionary.get().lemmas(term));
  }

  /** {@link #otherNouns(String, String)}, with term's readings as a word already read. */
  private static List<String> otherNouns(String term, String form, List<RussianDictionary.Reading> termReadings) {
    List<String> out = new ArrayList<>();
    boolean termIsNoun = false;
    for (RussianDictionary.Reading r : RussianDictionary.get().lemmas(form)) {
      if (!r.tag().startsWith("NN") || r.properName()) {
        continue;
      }
      if (r.lemma().equals(term)) {
        termIsNoun = true;
      } else if (!out.contains(r.lemma())) {
        out.add(r.lemma());
      }
    }
    if (!termIsNoun || out.isEmpty()) {
      return List.of();
    }
    for (RussianDictionary.Reading r : termReadings) {
      if (r.lemma().equals(term) && r.tag().contains("::PL")) { // выборы: NN:Inanim::PL:Nom, no gender
        return List.of();
      }
    }
    return out;
  }

  /**
   * {@code analysed} with each merged term ({@link #find}) replaced by its lemma, in articles of every language:
   * aligned Ukrainian terms are Russian terms.
   */
  public static Dataset<Row> apply(Dataset<Row> analysed, List<Row> merges) {
    if (merges.isEmpty()) {
      return analysed;
    }
    HashMap<String, String> to = new HashMap<>();
    for (Row m : merges) {
      to.put(m.getString(0), m.getString(1));
    }
    UDF1<scala.collection.Seq<String>, String[]> fn = terms -> TermExtractor.replaced(to, terms);
    UserDefinedFunction merged = udf(fn, DataTypes.createArrayType(DataTypes.StringType, false));
    return analysed.withColumn("terms", merged.apply(col("terms")));
  }
}
