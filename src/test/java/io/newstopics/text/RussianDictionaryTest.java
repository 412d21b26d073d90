package io.newstopics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RussianDictionaryTest {
  private static final RussianDictionary DICT = RussianDictionary.get();

  @Test
  void inflectedFormsGiveTheirLemma() {
    Map<String, String> expected = Map.of("санкции", "санкция", "крыма", "крым", "моста", "мост",
        "полуострове", "полуостров", "минфина", "минфин", "боевых", "боевой", "севастополя", "севастополь");
    expected.forEach((form, lemma) -> assertEquals(lemma, DICT.lemma(form, false), form));
    assertEquals("крым", DICT.lemma("крыма", true));
  }

  @Test
  void verbsAreDictionaryFormsOfVerbsOnly() {
    for (String verb : List.of("хотеть", "произойти", "погибнуть", "поделиться")) {
      assertTrue(DICT.isVerb(verb), verb);
    }
    // nouns ending like infinitives, a form that is also a noun (стать), an inflected verb form, an unknown word
    for (String other : List.of("власть", "новость", "стать", "санкция", "хочу", "айтишник")) {
      assertFalse(DICT.isVerb(other), other);
    }
  }

  @Test
  void readingsHaveTagsAndYoIsWrittenYe() {
    List<RussianDictionary.Reading> stali = DICT.lemmas("стали");
    assertTrue(stali.stream().anyMatch(r -> r.lemma().equals("сталь") && r.tag().startsWith("NN")), stali.toString());
    assertTrue(stali.stream().anyMatch(r -> r.lemma().equals("стать") && r.tag().startsWith("VB")), stali.toString());
    // the dictionary writes ещё, учёный; the articles are normalised to е
    assertEquals("еще", DICT.lemma("еще", false));
    assertEquals("ученый", DICT.lemma("учёные", false));
    assertEquals("ученый", DICT.lemma("ученые", false));
  }

  @Test
  void ambiguousFormsResolveByCaseThenSelfThenPartOfSpeech() {
    // боевых: the surname Боев or the adjective боевой; lower case takes the common word
    assertEquals("боевой", DICT.lemma("боевых", false));
    // путин: the surname or the fish catch (путина); capitalised takes the name
    assertEquals("путин", DICT.lemma("путин", true));
    // дело: the noun is its own lemma, деть is not
    assertEquals("дело", DICT.lemma("дело", false));
    assertEquals("новый", DICT.lemma("новые", false));
    // газа: газ in the genitive, or a rare caseless noun of that spelling; the inflection of the common word wins
    assertEquals("газ", DICT.lemma("газа", false));
    assertEquals("выборы", DICT.lemma("выборы", false));
    // снарядов: a noun, not the short form of снарядовый
    assertEquals("снаряд", DICT.lemma("снарядов", false));
  }

  @Test
  void lemmasOfEqualLengthResolveToTheCommonWord() {
    // Германии: германия or the element германий; ближайшие: близкий or ближний; счастью: счастье or счастие
    Map<String, String> expected = Map.of("германии", "германия", "франции", "франция", "ближайшие", "близкий",
        "большая", "большой", "счастью", "счастье", "песни", "песня");
    expected.forEach((form, lemma) -> assertEquals(lemma, DICT.lemma(form, form.equals("германии")), form));
    // both lemmas common words (вина, вино): the alphabetical order stays, вину is вина
    assertEquals("вина", DICT.lemma("вину", false));
  }

  @Test
  void knowsLemmasAndProperNames() {
    assertTrue(DICT.knows("санкции"));
    assertFalse(DICT.knows("татунашвили"));
    assertNull(DICT.lemma("татунашвили", true));
    assertTrue(DICT.isLemma("санкция"));
    assertFalse(DICT.isLemma("санкции"));
    assertTrue(DICT.isProperName("иван"));
    assertFalse(DICT.isProperName("мост"));
    assertFalse(DICT.isProperName("мороз")); // a surname, and the frost
  }

  @Test
  void threadsShareTheDictionarySafely() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<Boolean> c = () -> {
          for (int n = 0; n < 20_000; n++) {
            if (!"полуостров".equals(DICT.lemma(n % 2 == 0 ? "полуострове" : "полуострова", false))
                || !"мост".equals(DICT.lemmas("моста").get(0).lemma())) {
              return false;
            }
          }
          return true;
        };
        runs.add(pool.submit(c));
      }
      for (Future<Boolean> f : runs) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
