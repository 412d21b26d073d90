package io.newstopics.concepts;

import io.newstopics.config.ConfigException;
import io.newstopics.config.JobConfig;
import io.newstopics.text.RussianDictionary;
import io.newstopics.text.TermAnalyzer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ru/uk concepts of {@code conf/concepts.conf}, read through the same analyzers as the articles: for each
 * language, the stems/lemmas its words give, each mapped to the concept's token {@code c:<id>}. A form that gives
 * no term (a stopword, too short) or several (more than one word) is reported and left out; two concepts giving
 * the same stem in one language is an error.
 */
public final class ConceptDictionary implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(ConceptDictionary.class);

  /** Model terms starting with this are concept tokens. */
  public static final String TOKEN_PREFIX = "c:";
  public static final String TERM_TYPE = "term";

  /** One concept as the tables show it. */
  public record Info(String id, String type, String name, String token) implements Serializable {}

  private final Map<String, Map<String, String>> tokenByStem; // lang -> stem -> token
  private final List<Info> concepts;
  private final List<String> unused;
  private final UkrainianToRussian alignment;

  private ConceptDictionary(Map<String, Map<String, String>> tokenByStem, List<Info> concepts, List<String> unused,
                            UkrainianToRussian alignment) {
    this.tokenByStem = tokenByStem;
    this.concepts = concepts;
    this.unused = unused;
    this.alignment = alignment;
  }

  public static String token(String conceptId) {
    return TOKEN_PREFIX + conceptId;
  }

  public static ConceptDictionary of(JobConfig cfg) {
    TermAnalyzer analyzer = new TermAnalyzer(cfg.text());
    String source = cfg.concepts().source();
    Map<String, Map<String, String>> byStem = new TreeMap<>();
    Map<String, String> firstForm = new LinkedHashMap<>(); // lang|stem -> "form (concept)" for the clash message
    List<Info> infos = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    for (JobConfig.Concept c : cfg.concepts().list()) {
      String token = token(c.id());
      String name = c.name() != null ? c.name() : lemmaName(analyzer, c.formsByLang());
      infos.add(new Info(c.id(), c.type(), name, token));
      for (var byLang : c.formsByLang().entrySet()) {
        String lang = byLang.getKey();
        Map<String, String> stems = byStem.computeIfAbsent(lang, l -> new TreeMap<>());
        for (String form : byLang.getValue()) {
          List<String> terms = analyzer.analyze(lang, form).terms();
          if (terms.size() != 1) {
            unused.add(c.id() + "/" + lang + ": " + form + (terms.isEmpty() ? " (no term)" : " (several words)"));
            continue;
          }
          String stem = terms.get(0);
          String had = stems.putIfAbsent(stem, token);
          if (had != null && !had.equals(token)) {
            throw new ConfigException(source + ": " + lang + " '" + form + "' of concept '" + c.id() + "' and "
                + firstForm.get(lang + "|" + stem) + " read as the same " + lang + " term '" + stem
                + "'; a term belongs to one concept (remove one of the forms, or merge the concepts)");
          }
          firstForm.putIfAbsent(lang + "|" + stem, "'" + form + "' of concept '" + c.id() + "'");
        }
      }
    }
    if (!unused.isEmpty()) {
      LOG.warn("Concept forms that are stopwords, too short or several words, and map nothing (edit {}): {}",
          source, unused);
    }
    return new ConceptDictionary(byStem, List.copyOf(infos), List.copyOf(unused), new UkrainianToRussian(cfg.text()));
  }

  /**
   * The default name of a concept with no {@code name}: "ru/uk" from the lemma of the first form of each language
   * ("санкции" gives санкция), capitalised as the form is; the form as written when it is not a one-word lemma (a
   * Russian word the dictionary does not know, a stopword); one part when both are spelled alike.
   */
  static String lemmaName(TermAnalyzer analyzer, Map<String, List<String>> forms) {
    List<String> parts = new ArrayList<>();
    for (var byLang : forms.entrySet()) {
      if (byLang.getValue().isEmpty()) {
        continue;
      }
      String form = byLang.getValue().get(0);
      List<String> terms = analyzer.analyze(byLang.getKey(), form).terms();
      String part = form;
      if (terms.size() == 1 && !form.toLowerCase(java.util.Locale.ROOT).equals(terms.get(0))
          && ("uk".equals(byLang.getKey()) || RussianDictionary.get().isLemma(terms.get(0)))) {
        String lemma = terms.get(0);
        part = Character.isUpperCase(form.charAt(0))
            ? lemma.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + lemma.substring(1) : lemma;
      }
      if (!parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  /** stem/lemma -> concept token, for one language (empty for languages without concepts). */
  public Map<String, String> tokens(String lang) {
    return lang == null ? Map.of() : tokenByStem.getOrDefault(lang, Map.of());
  }

  /** The languages that have concepts. */
  public java.util.Set<String> languages() {
    return tokenByStem.keySet();
  }

  /** The concept token of a stem/lemma of {@code lang}, or the stem itself. */
  public String map(String lang, String stem) {
    return tokens(lang).getOrDefault(stem, stem);
  }

  /** Ukrainian terms to the Russian terms of the same words, for what the concepts do not cover. */
  public UkrainianToRussian alignment() {
    return alignment;
  }

  public List<Info> concepts() {
    return concepts;
  }

  /** Forms of the file that map nothing ("id/lang: form (why)"). */
  public List<String> unused() {
    return unused;
  }

  /** (token, concept, type, name): one row per concept. */
  public Dataset<Row> asTable(SparkSession spark) {
    List<Row> rows = concepts.stream().map(i -> RowFactory.create(i.token(), i.id(), i.type(), i.name())).toList();
    StructType schema = new StructType().add("token", DataTypes.StringType).add("concept", DataTypes.StringType)
        .add("type", DataTypes.StringType).add("name", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }
}
