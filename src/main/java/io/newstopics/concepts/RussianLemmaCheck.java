package io.newstopics.concepts;

import io.newstopics.text.RussianDictionary;

/**
 * The Russian dictionary (LanguageTool's {@code russian.dict}, AOT-based) as a lemma check: the one place the ru/uk
 * alignment reads it. First names and surnames (NN:Name, NN:Fam, NN:Patr) are names, not nouns, so that they do not
 * make Ukrainian nouns, adjectives and adverbs look Russian (швидко, ніна/нона).
 */
final class RussianLemmaCheck {
  private static final class Holder {
    static final DictionaryLemmas RU = new DictionaryLemmas(RussianDictionary.get().dictionary(),
        RussianLemmaCheck::classOf); // the one copy the terms are read with
  }

  private RussianLemmaCheck() {}

  /** The word classes ({@link DictionaryLemmas#NOUN}...) in which {@code word} (lower case, ё as е) is a lemma. */
  static int lemmaClasses(String word) {
    return Holder.RU.lemmaClasses(word);
  }

  /** True when some Russian word form starts with {@code prefix} (lower case). */
  static boolean startsWord(CharSequence prefix) {
    return Holder.RU.startsWord(prefix);
  }

  static int classOf(String lemma, String tag) {
    if (tag.startsWith("NN")) {
      return RussianDictionary.properNameTag(tag) ? DictionaryLemmas.NAME : DictionaryLemmas.NOUN;
    }
    if (tag.startsWith("ADJ") || RussianDictionary.ordinalTag(tag)) { // ordinals: adjectives, as in Ukrainian
      return DictionaryLemmas.ADJECTIVE;
    }
    if (tag.startsWith("VB")) {
      return DictionaryLemmas.VERB;
    }
    if (tag.startsWith("ADV")) {
      return DictionaryLemmas.ADVERB;
    }
    return tag.startsWith("Num") ? DictionaryLemmas.NUMERAL : 0;
  }
}
