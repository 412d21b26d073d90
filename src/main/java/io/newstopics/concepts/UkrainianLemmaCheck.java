package io.newstopics.concepts;

/**
 * The Ukrainian dictionary that Lucene's UkrainianMorfologikAnalyzer reads ({@code ua/net/nlp/ukrainian.dict}) as a
 * lemma check, so that only words the analyzer knows as lemmas are aligned (not unknown inflected forms), and only
 * to Russian lemmas of the same word class.
 */
public final class UkrainianLemmaCheck {
  private static final class Holder {
    static final DictionaryLemmas UK = new DictionaryLemmas("ua/net/nlp/ukrainian.dict", UkrainianLemmaCheck::classOf);
  }

  private UkrainianLemmaCheck() {}

  /** The word classes ({@link DictionaryLemmas#NOUN}...) in which {@code word} (lower case) is a lemma. */
  static int lemmaClasses(String word) {
    return Holder.UK.lemmaClasses(word);
  }

  /** True when the word is a verb's dictionary form and a lemma of no other class (говорити, завважити). */
  public static boolean isVerb(String word) {
    return lemmaClasses(word) == DictionaryLemmas.VERB;
  }

  static int classOf(String lemma, String tag) {
    if (tag.startsWith("noun")) {
      return Character.isUpperCase(lemma.charAt(0)) ? DictionaryLemmas.NAME : DictionaryLemmas.NOUN;
    }
    int degree = tag.contains(":compc") || tag.contains(":comps") ? DictionaryLemmas.DEGREE : 0;
    if (tag.startsWith("adj")) {
      return DictionaryLemmas.ADJECTIVE | degree | (tag.contains("&adjp") ? DictionaryLemmas.PARTICIPLE : 0);
    }
    if (tag.startsWith("verb")) {
      return DictionaryLemmas.VERB;
    }
    if (tag.startsWith("adv")) {
      return DictionaryLemmas.ADVERB | degree;
    }
    return tag.startsWith("numr") ? DictionaryLemmas.NUMERAL : 0;
  }
}
