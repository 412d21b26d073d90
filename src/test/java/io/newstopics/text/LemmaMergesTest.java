package io.newstopics.text;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class LemmaMergesTest {
  /** Terms as the analyzer reads them: each word's lemma by the dictionary's rule, beside the word. */
  private static Dataset<Row> analysed() {
    return SparkTestSession.get().sql("""
        SELECT * FROM VALUES
          ('a', 'ru', array('кода', 'код', 'код', 'код'), array('кода', 'кодом', 'кодом', 'код')),
          ('b', 'ru', array('банка', 'банк', 'банк'), array('банка', 'банком', 'банков')),
          ('c', 'ru', array('поле', 'поле', 'пол'), array('поле', 'полем', 'пола')),
          ('d', 'ru', array('выборы', 'выбор', 'выбор'), array('выборы', 'выбором', 'выбором')),
          ('e', 'ru', array('стен', 'стен', 'стена', 'стена', 'стена'), array('стены', 'стену', 'стена', 'стеной',
              'стеной')),
          ('f', 'uk', array('кода', 'c:bank'), array('кода', 'банку'))
        AS t(article_id, lang, terms, surfaces)""");
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  @Test
  void aLemmaSeenOnlyInFormsOfAnotherIsMergedIntoIt() {
    // кода, банка: read from the genitives of код, банк, which the corpus also shows in forms of their own (кодом,
    // банком); стен: only in forms of стена, which has стеной. поле has полем; выборы is plural-only
    assertEquals(SparkTestSession.sorted("[банка,банк]", "[кода,код]", "[стен,стена]"),
        sorted(LemmaMerges.find(analysed(), Map.of(), Set.of())));
  }

  @Test
  void theTargetIsItsConceptTokenAndEveryLanguageIsMerged() {
    // as the concepts stage leaves them: банк is the concept c:bank
    Dataset<Row> concepts = analysed().withColumn("terms",
        expr("transform(terms, t -> IF(t = 'банк', 'c:bank', t))"));
    List<Row> merges = LemmaMerges.find(concepts, Map.of("банк", "c:bank"), Set.of());
    assertTrue(merges.stream().anyMatch(r -> r.getString(0).equals("банка") && r.getString(1).equals("c:bank")),
        merges.toString());
    Dataset<Row> merged = LemmaMerges.apply(concepts, merges);
    assertEquals(List.of("код", "код", "код", "код"),
        merged.where("article_id = 'a'").first().getList(merged.schema().fieldIndex("terms")));
    // a Ukrainian article's aligned Russian terms are merged too; surfaces stay the words of the text
    Row uk = merged.where("article_id = 'f'").first();
    assertEquals(List.of("код", "c:bank"), uk.getList(merged.schema().fieldIndex("terms")));
    assertEquals(List.of("кода", "банку"), uk.getList(merged.schema().fieldIndex("surfaces")));
  }

  @Test
  void aThemeLexiconsTermIsKept() {
    assertEquals(SparkTestSession.sorted("[банка,банк]", "[стен,стена]"),
        sorted(LemmaMerges.find(analysed(), Map.of(), Set.of("кода"))));
  }

  @Test
  void namesAndPluralOnlyNounsHaveNoOtherLemma() {
    assertEquals(List.of(), LemmaMerges.otherNouns("выборы", "выборы"));
    assertEquals(List.of("код"), LemmaMerges.otherNouns("кода", "кода"));
    // банков is also the surname Банков: the name's reading does not count
    assertEquals(List.of(), LemmaMerges.otherNouns("банк", "банков"));
  }
}
