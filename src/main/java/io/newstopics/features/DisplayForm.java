package io.newstopics.features;

import io.newstopics.text.RussianDictionary;
import java.util.Locale;

/** How a model term is shown to people ({@link TermFeatures#displayForms}). */
final class DisplayForm {
  private DisplayForm() {}

  /**
   * @param term the model term (a lemma, a Snowball stem, or a concept token)
   * @param surface its most frequent surface form
   * @param capitalShare the share of its occurrences written with a capital first letter
   * @param ukrainian whether it occurs in Ukrainian articles (whose terms are morfologik lemmas or the word itself)
   */
  static String of(String term, String surface, Double capitalShare, Boolean ukrainian) {
    if (term == null || surface == null || surface.toLowerCase(Locale.ROOT).equals(term)) {
      return surface;
    }
    RussianDictionary ru = RussianDictionary.get();
    boolean lemma = Boolean.TRUE.equals(ukrainian) || ru.isLemma(term);
    if (!lemma) {
      return surface;
    }
    boolean proper = (capitalShare != null && capitalShare > 0.5) || ru.isProperName(term);
    return proper ? term.substring(0, 1).toUpperCase(Locale.ROOT) + term.substring(1) : term;
  }
}
