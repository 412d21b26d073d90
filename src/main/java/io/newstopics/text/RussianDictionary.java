package io.newstopics.text;

import io.newstopics.config.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * LanguageTool's Russian morphological dictionary (AOT, {@code org/languagetool/resource/ru/russian.dict}) read with
 * morfologik: the lemmas and tags of a lower-case word form. One dictionary per JVM, shared; lookups go through one
 * {@link DictionaryLookup} per thread (it is not thread-safe), and resolved lemmas through one bounded cache per JVM
 * shared by its threads (a lemma depends on the word alone).
 * Lemmas come back with ё written е, as the article text is normalised.
 *
 * <p>Tags are colon-separated, part of speech first: NN (noun), ADJ, VB (verb), PT (participle), ADV, ...; proper
 * names carry Name (first name), Patr (patronymic) or Fam (surname). Place names are plain nouns (Крым: NN:Inanim).
 */
public final class RussianDictionary {
  static final String RESOURCE = "/org/languagetool/resource/ru/russian.dict";
  /** LanguageTool's list of about 9,000 common Russian word forms (from the Tatoeba sentences). */
  static final String COMMON_WORDS = "/org/languagetool/resource/ru/common_words.txt";
  /** Resolved words kept per JVM, in each of the two caches (about 100,000 distinct words in 20,000 news posts). */
  private static final int CACHE_LIMIT = 200_000;
  private static volatile RussianDictionary instance;

  private final Dictionary dictionary;
  private final Set<String> commonWords;
  private final ThreadLocal<DictionaryLookup> lookups;
  /** Resolved lemmas ("" for an unknown word) of words written in lower case, and of words written capitalised. */
  private final Map<String, String> resolvedLower = new ConcurrentHashMap<>();
  private final Map<String, String> resolvedCapitalised = new ConcurrentHashMap<>();

  /** A reading of a word form: its lemma (ё as е) and its tag. */
  public record Reading(String lemma, String tag) {
    public boolean properName() {
      return properNameTag(tag);
    }

    /**
     * Whether this reading is a base form: a noun or adjective in the nominative, or any other part of speech. The
     * dictionary also lists rare caseless nouns (газа, a place) that would otherwise win over common inflections.
     */
    boolean baseForm() {
      return !(tag.startsWith("NN") || tag.startsWith("ADJ")) || tag.contains(":Nom");
    }

    /** Preference of the part of speech when a form has readings with different lemmas: lower is preferred. */
    int posRank() {
      if (tag.startsWith("ADJ")) {
        return tag.contains(":Short") ? 3 : 0; // снарядов is снаряд, not a short form of снарядовый
      }
      if (tag.startsWith("NN")) {
        return 1;
      }
      return tag.startsWith("VB") || tag.startsWith("PT") ? 2 : 3;
    }
  }

  /** Whether a tag is a first name's, patronymic's or surname's (NN:Name, NN:Patr, NN:Fam). */
  public static boolean properNameTag(String tag) {
    return tag.contains(":Name") || tag.contains(":Fam") || tag.contains(":Patr");
  }

  /** Whether a tag is an ordinal's (Ord:Masc:Nom: пятый). */
  public static boolean ordinalTag(String tag) {
    return tag.startsWith("Ord");
  }

  private RussianDictionary(Dictionary dictionary, Set<String> commonWords) {
    this.dictionary = dictionary;
    this.commonWords = commonWords;
    this.lookups = ThreadLocal.withInitial(() -> new DictionaryLookup(dictionary));
  }

  /** The JVM's dictionary, read from the class path on first use (about a second). */
  public static RussianDictionary get() {
    RussianDictionary d = instance;
    if (d == null) {
      synchronized (RussianDictionary.class) {
        d = instance;
        if (d == null) {
          URL url = RussianDictionary.class.getResource(RESOURCE);
          if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path: the build must include"
                + " org.languagetool:language-ru (pom.xml) and keep its russian.dict/russian.info in the jar");
          }
          try {
            d = new RussianDictionary(Dictionary.read(url), commonWords());
          } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the Russian dictionary " + url, ex);
          }
          instance = d;
        }
      }
    }
    return d;
  }

  /** The common word forms, lower case, ё as е, without the quotes some lines start with. */
  private static Set<String> commonWords() throws IOException {
    try (InputStream in = RussianDictionary.class.getResourceAsStream(COMMON_WORDS)) {
      if (in == null) {
        throw new IllegalStateException(COMMON_WORDS + " is not on the class path: the build must keep it in the jar"
            + " beside russian.dict (pom.xml, the shade filter of org.languagetool:language-ru)");
      }
      Set<String> out = new HashSet<>();
      for (String w : ConfigFiles.parseWords(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
        out.add(w.replaceFirst("^[«\"(]+", "").toLowerCase(Locale.ROOT).replace('ё', 'е'));
      }
      return out;
    }
  }

  /** Every reading of a lower-case word form, in dictionary order; empty for a word the dictionary does not know. */
  public List<Reading> lemmas(String lowerWord) {
    List<WordData> found = lookups.get().lookup(lowerWord);
    List<Reading> out = new ArrayList<>(found.size());
    for (WordData w : found) {
      out.add(new Reading(w.getStem().toString().replace('ё', 'е'),
          w.getTag() == null ? "" : w.getTag().toString()));
    }
    return out;
  }

  /** The dictionary itself, for readers that need more than lemmas (the ru/uk alignment's prefix search). */
  public Dictionary dictionary() {
    return dictionary;
  }

  public boolean knows(String lowerWord) {
    return !lookups.get().lookup(lowerWord).isEmpty();
  }

  /** True when the word form is its own lemma in one of its readings (a dictionary form). */
  public boolean isLemma(String lowerWord) {
    for (Reading r : lemmas(lowerWord)) {
      if (r.lemma().equals(lowerWord.replace('ё', 'е'))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the word is a verb's dictionary form and no noun or adjective: хотеть and произойти are, стать is not
   * (also a form of сталь), власть is not.
   */
  public boolean isVerb(String lowerWord) {
    boolean verb = false;
    for (Reading r : lemmas(lowerWord)) {
      if (r.tag().startsWith("NN") || r.tag().startsWith("ADJ")) {
        return false;
      }
      verb |= r.tag().startsWith("VB") && r.lemma().equals(lowerWord.replace('ё', 'е'));
    }
    return verb;
  }

  /** True when every reading of the lemma as a word is a first name, patronymic or surname. */
  public boolean isProperName(String lemma) {
    List<Reading> readings = lemmas(lemma);
    if (readings.isEmpty()) {
      return false;
    }
    for (Reading r : readings) {
      if (!r.properName()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The one lemma of a lower-case word form, or null when the dictionary does not know it. An ambiguous form
   * takes, in this order: a proper-name reading when the word was written capitalised and a common one when not;
   * an ordinal (пятая is пятый, not the noun пятая, heel); the reading whose lemma is the word itself in a base
   * form (nominative); adjective (full form), noun,
   * verb/participle, other; the shorter lemma; a lemma that is a common word ({@link #COMMON_WORDS}: Германии is
   * германия, not германий, ближайшие близкий, not ближний); the alphabetically first. The same word always gives
   * the same lemma.
   */
  public String lemma(String lowerWord, boolean capitalised) {
    Map<String, String> cache = capitalised ? resolvedCapitalised : resolvedLower;
    String hit = cache.get(lowerWord);
    if (hit != null) {
      return hit.isEmpty() ? null : hit;
    }
    String lemma = resolve(lowerWord, capitalised);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(lowerWord, lemma == null ? "" : lemma);
    return lemma;
  }

  private String resolve(String lowerWord, boolean capitalised) {
    String self = lowerWord.replace('ё', 'е');
    String best = null;
    int[] bestKey = null;
    for (Reading r : lemmas(lowerWord)) {
      int[] k = {r.properName() == capitalised ? 0 : 1, ordinalTag(r.tag()) ? 0 : 1,
          r.lemma().equals(self) && r.baseForm() ? 0 : 1,
          r.posRank(), r.lemma().length(), commonWords.contains(r.lemma()) ? 0 : 1};
      if (best == null || better(k, r.lemma(), bestKey, best)) {
        best = r.lemma();
        bestKey = k;
      }
    }
    return best;
  }

  private static boolean better(int[] k, String lemma, int[] bestKey, String best) {
    for (int i = 0; i < k.length; i++) {
      if (k[i] != bestKey[i]) {
        return k[i] < bestKey[i];
      }
    }
    return lemma.compareTo(best) < 0;
  }
}
