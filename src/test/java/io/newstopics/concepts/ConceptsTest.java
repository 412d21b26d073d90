package io.newstopics.concepts;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigException;
import io.newstopics.config.JobConfig;
import io.newstopics.text.TermAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class ConceptsTest {
  private final JobConfig cfg = SparkTestSession.config("seeds", "unused", Map.of());
  private final ConceptDictionary dict = ConceptDictionary.of(cfg);

  private Dataset<Row> analysed(String... idLangText) {
    TermAnalyzer analyzer = new TermAnalyzer(cfg.text());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < idLangText.length; i += 3) {
      var t = analyzer.analyze(idLangText[i + 1], idLangText[i + 2]);
      rows.add(RowFactory.create(idLangText[i], idLangText[i + 1], CollectionConverters.asScala(t.terms()).toList(),
          CollectionConverters.asScala(t.surfaces()).toList()));
    }
    return SparkTestSession.get().createDataFrame(rows, new StructType().add("article_id", "string")
        .add("lang", "string").add("terms", "array<string>").add("surfaces", "array<string>"));
  }

  @Test
  void everyFormOfTheShippedDictionaryMapsATerm() {
    assertEquals(List.of(), dict.unused(), "forms that map nothing in conf/concepts.conf");
    assertTrue(dict.concepts().size() >= 100, "concepts: " + dict.concepts().size());
  }

  @Test
  void russianAndUkrainianFormsBecomeTheSameToken() {
    Dataset<Row> mapped = ConceptMapper.apply(analysed(
        "ru", "ru", "Путину Мадуро США Россия военной помощи ракеты санкции оппозиция",
        "uk", "uk", "Путіна Мадуро США Росія військової допомоги ракети санкції опозиція"), dict);
    List<Row> rows = mapped.orderBy("article_id").select("terms").collectAsList();
    List<String> ru = rows.get(0).getList(0);
    List<String> uk = rows.get(1).getList(0);
    assertEquals(List.of("c:putin", "c:maduro", "c:usa", "c:russia", "c:military", "c:aid", "c:missile",
        "c:sanctions", "c:opposition"), ru);
    assertEquals(ru, uk);
  }

  @Test
  void unmappedTermsAndOtherLanguagesStayAsTheyAre() {
    Dataset<Row> mapped = ConceptMapper.apply(analysed("ru", "ru", "Путин посетил футбольный матч",
        "en", "other", "Putin visited"), dict);
    List<Row> rows = mapped.orderBy("article_id").select("terms", "surfaces").collectAsList();
    assertEquals(List.of("putin", "visited"), rows.get(0).getList(0));
    assertEquals("c:putin", rows.get(1).getList(0).get(0));
    assertTrue(rows.get(1).getList(0).contains("матч"), rows.get(1).toString());
    assertEquals(List.of("Путин", "посетил", "футбольный", "матч"), rows.get(1).getList(1));
  }

  @Test
  void entitiesAreConceptsWithTheirSurfaceForms() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> mapped = ConceptMapper.apply(analysed(
        "a", "ru", "Путин и Путину написал Мадуро о ракетах", "b", "uk", "Путіна попросив Мадуро"), dict);
    Dataset<Row> e = ArticleEntities.of(mapped, dict.asTable(spark));
    assertEquals(SparkTestSession.sorted(
            "[a,maduro,person,Мадуро,1,ArraySeq(Мадуро)]", "[a,putin,person,Путин/Путін,2,ArraySeq(Путин, Путину)]",
            "[b,maduro,person,Мадуро,1,ArraySeq(Мадуро)]", "[b,putin,person,Путин/Путін,1,ArraySeq(Путіна)]"),
        SparkTestSession.sortedRows(e.select("article_id", "entity", "entity_type", "name", "mentions",
            "surface_forms")).stream().map(r -> r.replace("WrappedArray", "ArraySeq")).toList());
  }

  /**
   * The mentions picked in Java give the rows the former built-in query gave (explode every term with its surface,
   * join the entity tokens): 300 random articles of tokens and other words, with null terms, short and null arrays.
   */
  @Test
  void entitiesAreTheFormerBuiltInQuery() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> table = dict.asTable(spark);
    List<String> words = new ArrayList<>(List.of("мир", "матч", "и"));
    table.select("token").distinct().collectAsList().forEach(r -> words.add(r.getString(0)));
    java.util.Random random = new java.util.Random(5);
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < 300; a++) {
      int n = random.nextInt(10);
      List<String> terms = new ArrayList<>();
      List<String> surfaces = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String w = random.nextInt(25) == 0 ? null : words.get(random.nextInt(words.size()));
        terms.add(w);
        surfaces.add(random.nextInt(20) == 0 ? null : "S" + random.nextInt(3));
      }
      List<String> surf = random.nextInt(10) == 0 ? surfaces.subList(0, random.nextInt(n + 1)) : surfaces;
      rows.add(RowFactory.create("a" + a,
          random.nextInt(40) == 0 ? null : CollectionConverters.asScala(terms).toList(),
          random.nextInt(40) == 0 ? null : CollectionConverters.asScala(surf).toList()));
    }
    Dataset<Row> mapped = spark.createDataFrame(rows, new StructType()
        .add("article_id", "string").add("terms", "array<string>").add("surfaces", "array<string>"));
    Dataset<Row> former = mapped
        .select(col("article_id"), explode(arrays_zip(col("terms"), col("surfaces"))).as("p"))
        .select(col("article_id"), col("p.terms").as("token"), col("p.surfaces").as("surface"))
        .join(table.where(col("type").notEqual(ConceptDictionary.TERM_TYPE)), "token")
        .groupBy(col("article_id"), col("concept").as("entity"), col("type").as("entity_type"), col("name"))
        .agg(count(lit(1)).cast("int").as("mentions"), array_sort(collect_set(col("surface"))).as("surface_forms"));
    List<String> expected = SparkTestSession.sortedRows(former);
    assertTrue(expected.size() > 300, "the random articles should mention entities often: " + expected.size());
    assertEquals(expected, SparkTestSession.sortedRows(ArticleEntities.of(mapped, table).select(
        "article_id", "entity", "entity_type", "name", "mentions", "surface_forms")));
  }

  @Test
  void displayFormsShowConceptNames() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> forms = spark.sql("SELECT * FROM VALUES ('c:putin', 'Путину'), ('матч', 'матча') AS t(stem, term)");
    assertEquals(SparkTestSession.sorted("[c:putin,Путин/Путін]", "[матч,матча]"),
        SparkTestSession.sortedRows(ConceptMapper.named(forms, dict.asTable(spark))));
  }

  @Test
  void defaultConceptNamesAreLemmas() {
    // sanctions { ru = [санкции, ...], uk = [санкції, ...] } has no name: its lemmas; xi-jinping keeps its own name
    Map<String, String> names = new java.util.HashMap<>();
    dict.concepts().forEach(i -> names.put(i.id(), i.name()));
    assertEquals("санкция/санкція", names.get("sanctions"));
    assertEquals("Путин/Путін", names.get("putin"));
    assertEquals("Си Цзиньпин/Сі Цзіньпін", names.get("xi-jinping"));
  }

  @Test
  void aTermClaimedByTwoConceptsFailsNamingTheFile() {
    var twice = new JobConfig.ConceptOptions("conf/test-concepts.conf", List.of(
        new JobConfig.Concept("putin", "person", "Путин", Map.of("ru", List.of("Путин"))),
        new JobConfig.Concept("president", "term", "Путин", Map.of("ru", List.of("Путина")))));
    JobConfig bad = cfg.toBuilder().concepts(twice).build();
    ConfigException e = assertThrows(ConfigException.class, () -> ConceptDictionary.of(bad));
    assertTrue(e.getMessage().contains("conf/test-concepts.conf") && e.getMessage().contains("'putin'")
        && e.getMessage().contains("'president'"), e.getMessage());
  }

  @Test
  void themeLexiconWordsAlsoMatchTheirConceptTokens() {
    Dataset<Row> lex = io.newstopics.themes.ThemeLexicon.asTable(SparkTestSession.get(), cfg);
    assertEquals(1, lex.where("theme = 'sanctions' AND stem = 'c:sanctions'").count());
    assertEquals(1, lex.where("theme = 'military-aid' AND stem = 'c:military c:aid'").count());
    assertEquals(1, lex.where("theme = 'opposition' AND stem = 'c:guaido'").count());
  }
}
