package io.newstopics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermAnalyzerTest {
  private static final TermAnalyzer ANALYZER =
      new TermAnalyzer(SparkTestSession.config("seeds", "unused", Map.of()).text());

  private static Set<String> terms(String lang, String text) {
    return new HashSet<>(ANALYZER.analyze(lang, text).terms());
  }

  @Test
  void russianInflectionsCollapseToOneTerm() {
    assertEquals(1, terms("ru", "Венесуэлы Венесуэле Венесуэлой Венесуэла").size());
    assertEquals(1, terms("ru", "санкции санкций санкциями").size());
  }

  @Test
  void russianTermsAreDictionaryLemmas() {
    TermAnalyzer.Terms t = ANALYZER.analyze("ru",
        "санкции Крыма моста полуострове Минфина боевых Севастополя учёные ученые");
    assertEquals(List.of("санкция", "крым", "мост", "полуостров", "минфин", "боевой", "севастополь", "ученый",
        "ученый"), t.terms());
    assertEquals("Минфина", t.surfaces().get(4));
  }

  @Test
  void unknownRussianWordsFallBackToTheirSnowballStem() {
    // names the dictionary does not know: their inflections still give one term
    assertEquals(Set.of("татунашв"), terms("ru", "Татунашвили"));
    assertEquals(1, terms("ru", "Зеленского Зеленский Зеленскому").size());
  }

  @Test
  void ukrainianInflectionsCollapseToOneLemma() {
    assertEquals(1, terms("uk", "Венесуели Венесуелою Венесуела").size());
    assertEquals(Set.of("санкція"), terms("uk", "санкцій санкції"));
  }

  @Test
  void ambiguousUkrainianWordsTakeTheirCommonLemma() {
    // Lucene gives the dictionary's first lemma first: ринка, the possessive adjective клієнтів, зв'язка, станути
    TermAnalyzer.Terms t = ANALYZER.analyze("uk", "ринку клієнтів лікарів зв'язку синоптики війни виборів Києва");
    assertEquals(List.of("ринок", "клієнт", "лікар", "зв'язок", "синоптик", "війна", "вибір", "київ"), t.terms());
    assertEquals(List.of("вибори"), ANALYZER.analyze("uk", "вибори").terms()); // the word itself, a noun
    // uninflected words are themselves: the numeral п'ять, not п'ята (heel); the adverb відразу, not відраза
    assertEquals(List.of("п'ять", "відразу"), ANALYZER.analyze("uk", "п'ять відразу").terms());
    // ordinals are ordinals, not the noun одинадцята (eleven o'clock); in Russian too (пятая is not heel), and
    // third to tenth are stopwords, as first and second are
    assertEquals(List.of("одинадцятий"), ANALYZER.analyze("uk", "одинадцята").terms());
    assertEquals(List.of(), ANALYZER.analyze("uk", "п'ята третій").terms());
    assertEquals(List.of(), ANALYZER.analyze("ru", "пятая третья").terms());
    // an adjective's neuter, or feminine in -ська, read as a noun is the adjective; other nouns stay (дорога, поле)
    assertEquals(List.of("новий", "останній", "курський", "дорога", "поле", "гроші"),
        ANALYZER.analyze("uk", "нове останнє Курська дорога поле гроші").terms());
  }

  @Test
  void stopwordsAndFragmentsAreDropped() {
    assertEquals(Set.of(), terms("uk", "і та що це також було Іл-76 2025 року"));
    assertEquals(Set.of(), terms("ru", "как это что также всё ещё года и в на"));
    assertEquals(Set.of("россия", "поставить", "оружие"), terms("ru", "Россия поставила это оружие"));
  }

  @Test
  void twoLetterCapitalAcronymsAreKeptOthersNot() {
    assertTrue(ANALYZER.analyze("ru", "санкции ЕС").surfaces().contains("ЕС"));
    assertTrue(ANALYZER.analyze("uk", "санкції ЄС").surfaces().contains("ЄС"));
    assertFalse(ANALYZER.analyze("ru", "Су-30 и Ил").surfaces().contains("Су"));
  }

  @Test
  void surfacesKeepTheOriginalSpellingInTextOrder() {
    TermAnalyzer.Terms t = ANALYZER.analyze("uk", "Мадуро попросив у Путіна ракет");
    assertEquals(List.of("Мадуро", "попросив", "Путіна", "ракет"), t.surfaces());
    assertEquals(t.terms().size(), t.surfaces().size());
    assertTrue(t.terms().contains("ракета"), t.terms().toString());
  }
}
