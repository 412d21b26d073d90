package io.newstopics.concepts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntBiFunction;
import morfologik.fsa.FSA;
import morfologik.fsa.FSATraversal;
import morfologik.fsa.MatchResult;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * The word classes (noun, adjective, verb, ...) in which a word is a lemma (dictionary form) of a morfologik
 * dictionary on the classpath. The dictionary is read
 * once per JVM; lookups go through one {@link DictionaryLookup} per thread, since a lookup is not thread-safe.
 * Words are compared lower-cased with ё read as е, as the article text is normalised.
 */
final class DictionaryLemmas {
  private final ThreadLocal<DictionaryLookup> lookup;
  private final FSA fsa;
  private final FSATraversal traversal; // stateless: shared by threads
  private final Charset charset;
  private final ToIntBiFunction<String, String> classOfTag;

  static final int NOUN = 1;
  static final int ADJECTIVE = 2;
  static final int VERB = 4;
  static final int ADVERB = 8;
  static final int NUMERAL = 16;
  /** Proper nouns: names of people (and, in Ukrainian, of places; the Russian dictionary has those as nouns). */
  static final int NAME = 32;
  /** Ukrainian adjectives that are participles (затриманий, загинулий): the Russian dictionary reads most as verbs. */
  static final int PARTICIPLE = 64;
  /** Ukrainian comparatives and superlatives (популярніший, найпопулярніший, найчастіше). */
  static final int DEGREE = 128;

  /** {@code classOfTag}: the class bits of one (lemma as written, tag) reading (0: a class never aligned). */
  DictionaryLemmas(String resource, ToIntBiFunction<String, String> classOfTag) {
    this(read(resource), classOfTag);
  }

  private static Dictionary read(String resource) {
    URL url = DictionaryLemmas.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("the dictionary " + resource + " is not on the classpath (rebuild the jar: "
          + "mvn package; it comes with the dependencies of pom.xml)");
    }
    try {
      return Dictionary.read(url);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the dictionary " + resource, ex);
    }
  }

  /** {@code classOfTag}: as above, over a dictionary already read. */
  DictionaryLemmas(Dictionary dictionary, ToIntBiFunction<String, String> classOfTag) {
    this.classOfTag = classOfTag;
    lookup = ThreadLocal.withInitial(() -> new DictionaryLookup(dictionary));
    fsa = dictionary.fsa;
    traversal = new FSATraversal(fsa);
    charset = Charset.forName(dictionary.metadata.getEncoding());
  }

  /** True when some word of the dictionary starts with {@code prefix} (lower case): lets a search stop early. */
  boolean startsWord(CharSequence prefix) {
    byte[] bytes = prefix.toString().getBytes(charset);
    int kind = traversal.match(bytes, 0, bytes.length, fsa.getRootNode()).kind;
    return kind == MatchResult.SEQUENCE_IS_A_PREFIX || kind == MatchResult.EXACT_MATCH;
  }

  /** The class bits of the readings of {@code word} (lower case) whose lemma is the word itself; 0: none. */
  int lemmaClasses(String word) {
    List<WordData> readings = lookup.get().lookup(word);
    int classes = 0;
    for (WordData w : readings) {
      CharSequence lemma = w.getStem();
      CharSequence tag = w.getTag();
      if (lemma != null && tag != null && normal(lemma.toString()).equals(word)) {
        for (String t : tag.toString().split("\\|")) {
          classes |= classOfTag.applyAsInt(lemma.toString(), t);
        }
      }
    }
    return classes;
  }

  static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replace('ё', 'е');
  }
}
