package io.newstopics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark scorer's keys: one function for corpus text and topic words. */
class SharedKeysTest {
  @Test
  void inflectedFormsSpellingVariantsAndCaseMeetOnOneKey() {
    assertEquals(SharedKeys.keys("санкции"), SharedKeys.keys("Санкция"));
    assertEquals(SharedKeys.keys("Ёлка"), SharedKeys.keys("елки"));
    assertEquals(SharedKeys.keys("м’ясо"), SharedKeys.keys("м'ясо"));
    assertEquals(SharedKeys.keys("м'ясо"), SharedKeys.keys("мʼясо"));
    assertEquals(SharedKeys.keys("Sanctions"), SharedKeys.keys("sanction"));
    assertNotEquals(SharedKeys.keys("санкции"), SharedKeys.keys("сенат"));
  }

  @Test
  void ukrainianEndingsAreStrippedAfterUkrainianVowels() {
    for (String[] forms : new String[][] {{"військо", "війська"}, {"країна", "країни"}, {"Європа", "Європи"}}) {
      assertEquals(SharedKeys.keys(forms[0]), SharedKeys.keys(forms[1]), String.join(" ", forms));
    }
    assertNotEquals(SharedKeys.keys("військо"), SharedKeys.keys("вісь"));
  }

  @Test
  void tokensAreLetterRunsOfAtLeastThreeLetters() {
    List<String> keys = SharedKeys.keys("ЄС та США: 25 санкцій, м'ясо — ok; NATO!");
    // ЄС, та, 25, ok are dropped; США, санкцій, м'ясо, NATO kept in text order
    assertEquals(4, keys.size(), keys.toString());
    assertEquals(SharedKeys.keys("сша").get(0), keys.get(0));
    assertEquals(SharedKeys.keys("нато").size(), 1);
    assertEquals(SharedKeys.keys("nato"), List.of(keys.get(3)));
    assertNull(SharedKeys.key("та"));
    assertEquals(List.of(), SharedKeys.keys(null));
    // a concept name is its words' keys
    assertEquals(2, SharedKeys.keys("санкция/санкція").size());
  }
}
