package io.newstopics.text;

import java.util.List;

/**
 * The one lemma of an ambiguous Ukrainian word, among those Lucene's UkrainianMorfologikAnalyzer gives in dictionary
 * order (ринку: ринка, ринок; клієнтів: клієнтів, клієнт; стали: станути, стати). By rank, lowest first:
 * <ol>
 *   <li>the word itself when it is an uninflected word (adverb, preposition, conjunction, particle, numeral,
 *       interjection): зараз, not зараза; три, not терти;
 *   <li>the adjective when the word is its neuter form, or its feminine in -ська/-цька, also read as a noun: нове
 *       is новий, останнє останній, Курська (also a surname) курський, as the Russian dictionary reads последнее,
 *       украинская (plurals in -і are not: ринкові is a form of ринок too);
 *   <li>a proper-name lemma when the word was written capitalised, a common one when not (ранок, not Ранок);
 *   <li>an ordinal, then noun, adjective, verb, other: п'ята is п'ятий, not the noun п'ята (heel); клієнтів is
 *       клієнт, not the possessive adjective клієнтів; війни is війна;
 *   <li>the word itself (вибори, not вибір);
 *   <li>the lemma with more readings of the form, vocatives aside (ринку: ринок has four cases, ринка one);
 *   <li>the shorter lemma, then the alphabetically first.
 * </ol>
 * The same word always gives the same lemma, whatever its context.
 */
final class UkrainianLemmas {
  private static final String[] UNINFLECTED = {"adv", "prep", "conj", "part", "numr", "intj"};
  private static final int ORDINAL = -1;

  private UkrainianLemmas() {}

  /**
   * The rank of one lemma of a word (compare with {@link #before}).
   *
   * @param tags the lemma's tags from the dictionary (null or empty for a word it does not know)
   */
  static int[] rank(String lemma, List<StringBuilder> tags, String surface) {
    String first = tags == null || tags.isEmpty() ? "" : tags.get(0).toString();
    boolean self = lemma.equalsIgnoreCase(surface);
    boolean uninflected = false;
    for (String pos : UNINFLECTED) {
      uninflected |= first.startsWith(pos);
    }
    int pos = first.startsWith("adj") && first.contains(":&numr") ? ORDINAL
        : first.startsWith("noun") ? 0 : first.startsWith("adj") ? 1 : first.startsWith("verb") ? 2 : 3;
    int readings = 0;
    if (tags != null) {
      for (StringBuilder tag : tags) {
        readings += tag.indexOf("v_kly") < 0 ? 1 : 0;
      }
    }
    boolean name = !lemma.isEmpty() && Character.isUpperCase(lemma.charAt(0));
    boolean capitalised = !surface.isEmpty() && Character.isUpperCase(surface.charAt(0));
    boolean adjectiveAsNoun = pos == 1 && usedAsNoun(surface, lemma);
    return new int[] {self && uninflected ? 0 : 1, adjectiveAsNoun ? 0 : 1, name == capitalised ? 0 : 1, pos,
        self ? 0 : 1, -readings, lemma.length()};
  }

  /** Whether {@code word} is the neuter of adjective {@code adj}, or its feminine in -ська/-цька: нове/новий. */
  private static boolean usedAsNoun(String word, String adj) {
    int stem = adj.length() - 2; // compared in place: this runs for every adjective reading of every word
    if (stem < 1 || word.length() != stem + 1 || !(adj.endsWith("ий") || adj.endsWith("ій"))
        || !word.regionMatches(true, 0, adj, 0, stem)) { // ignoring case: Курська (also a surname) is курський
      return false;
    }
    char end = Character.toLowerCase(word.charAt(stem));
    return end == 'е' || end == 'є'
        || (end == 'а' && (adj.startsWith("ськ", stem - 3) || adj.startsWith("цьк", stem - 3)));
  }

  /** True when lemma {@code a} of rank {@code ra} comes before lemma {@code b} of rank {@code rb}. */
  static boolean before(int[] ra, String a, int[] rb, String b) {
    for (int i = 0; i < ra.length; i++) {
      if (ra[i] != rb[i]) {
        return ra[i] < rb[i];
      }
    }
    return a.compareTo(b) < 0;
  }
}
