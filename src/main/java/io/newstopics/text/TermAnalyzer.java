package io.newstopics.text;

import io.newstopics.config.JobConfig.TextOptions;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.morfologik.MorphosyntacticTagsAttribute;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Turns normalised text into model terms, per language: Russian words into their lemma from the Russian
 * morphological dictionary ({@link RussianDictionary}, one lemma per word by its rule), or, for a word the dictionary
 * does not know, its Snowball stem (so the inflections of a rare name still meet); Ukrainian through Lucene's
 * UkrainianMorfologikAnalyzer (dictionary lemmas, one per word by {@link UkrainianLemmas}); anything else through
 * the StandardAnalyzer. Each term comes with the surface form it was read from.
 *
 * <p>Dropped: stopwords (by surface form and by lemma), tokens with digits or non-letters, tokens shorter than
 * {@code min-token-length} except two-letter capitalised acronyms (ЕС, ЄС). Analyzers are built once per JVM and
 * configuration and shared by threads.
 */
public final class TermAnalyzer implements Serializable {
  private static final Map<TextOptions, Analyzers> CACHE = new ConcurrentHashMap<>();
  /** Snowball's stemmer keeps state between calls: one per thread. */
  private static final ThreadLocal<RussianStemmer> STEMMER = ThreadLocal.withInitial(RussianStemmer::new);

  private final TextOptions options;
  /** This instance's analyzers, looked up once, so the options (with their word lists) are not hashed per call. */
  private transient volatile Analyzers analyzers;

  public TermAnalyzer(TextOptions options) {
    this.options = options;
  }

  /** Terms and their surface forms, in text order. */
  public record Terms(List<String> terms, List<String> surfaces) {}

  public Terms analyze(String lang, String text) {
    List<String> terms = new ArrayList<>();
    List<String> surfaces = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return new Terms(terms, surfaces);
    }
    Analyzers a = analyzers;
    if (a == null) {
      a = CACHE.computeIfAbsent(options, Analyzers::new);
      analyzers = a;
      Deadline.restart(); // loading the dictionaries is this JVM's set-up, not the article's time
    }
    Analyzer analyzer;
    Set<String> stop;
    boolean russian = "ru".equals(lang);
    switch (lang == null ? "other" : lang) {
      case "ru" -> { analyzer = a.russian; stop = a.stopRu; }
      case "uk" -> { analyzer = a.ukrainian; stop = a.stopUk; }
      default -> { analyzer = a.other; stop = a.stopOther; }
    }
    boolean ukrainian = "uk".equals(lang);
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
      MorphosyntacticTagsAttribute tags = ukrainian ? ts.addAttribute(MorphosyntacticTagsAttribute.class) : null;
      ts.reset();
      int tokens = 0;
      String surface = null; // the word being read, and its term so far
      String t = null;
      int[] rank = null;
      while (ts.incrementToken()) {
        if ((++tokens & 0x3FF) == 0) {
          Deadline.check();
        }
        if (posInc.getPositionIncrement() == 0) { // another lemma of the same word
          if (ukrainian) {
            String lemma = term.toString();
            int[] r = UkrainianLemmas.rank(lemma, tags.getTags(), surface);
            if (UkrainianLemmas.before(r, lemma, rank, t)) {
              t = lemma;
              rank = r;
            }
          }
          continue;
        }
        if (surface != null) {
          add(surface, t, stop, terms, surfaces);
        }
        surface = text.substring(offset.startOffset(), offset.endOffset());
        t = term.toString();
        if (ukrainian) {
          rank = UkrainianLemmas.rank(t, tags.getTags(), surface);
        } else if (russian) {
          t = russianTerm(a.dictionary, t.toLowerCase(Locale.ROOT), surface);
        }
      }
      if (surface != null) {
        add(surface, t, stop, terms, surfaces);
      }
      ts.end();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new Terms(terms, surfaces);
  }

  /** The dictionary lemma of a lower-case Russian token, or its Snowball stem when the dictionary does not know it. */
  static String russianTerm(RussianDictionary dictionary, String lower, String surface) {
    String lemma = dictionary.lemma(lower, !surface.isEmpty() && Character.isUpperCase(surface.charAt(0)));
    return lemma != null ? lemma : stem(lower);
  }

  private static String stem(String lower) {
    RussianStemmer stemmer = STEMMER.get();
    stemmer.setCurrent(lower);
    stemmer.stem();
    return stemmer.getCurrent();
  }

  /** Adds the word's term (lower case) and surface unless {@link #keep} drops it. */
  private void add(String surface, String term, Set<String> stop, List<String> terms, List<String> surfaces) {
    String t = term.toLowerCase(Locale.ROOT);
    if (keep(surface, t, stop)) {
      terms.add(t);
      surfaces.add(surface);
    }
  }

  private boolean keep(String surface, String term, Set<String> stop) {
    for (int i = 0; i < surface.length(); i++) {
      char ch = surface.charAt(i);
      if (!Character.isLetter(ch) && ch != '\'' && ch != '-') {
        return false;
      }
    }
    if (surface.length() < options.minTokenLength() || term.length() < options.minTokenLength()) {
      boolean acronym = surface.length() == 2 && surface.equals(surface.toUpperCase(Locale.ROOT))
          && Character.isLetter(surface.charAt(0)) && Character.isLetter(surface.charAt(1));
      if (!acronym) {
        return false;
      }
    }
    String lower = surface.toLowerCase(Locale.ROOT);
    return !stop.contains(lower) && !stop.contains(term);
  }

  /** The per-JVM analyzers and the stopword sets (surface forms plus their lemmas). */
  private static final class Analyzers {
    final RussianDictionary dictionary = RussianDictionary.get();
    final Analyzer russian;
    final Analyzer ukrainian;
    final Analyzer other;
    final Set<String> stopRu;
    final Set<String> stopUk;
    final Set<String> stopOther;

    Analyzers(TextOptions o) {
      List<String> english = new ArrayList<>();
      for (Object w : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
        english.add(new String((char[]) w));
      }
      Set<String> ru = words(o.stopwordsRu(), o.stopwordsExtra(), english);
      Set<String> uk = words(o.stopwordsUk(), o.stopwordsExtra(), english);
      Set<String> other = words(english, o.stopwordsExtra(), List.of());
      russian = lowerCaseWords(new CharArraySet(ru, true));
      ukrainian = new UkrainianMorfologikAnalyzer(new CharArraySet(uk, true));
      this.other = new StandardAnalyzer(new CharArraySet(other, true));
      stopRu = withLemmas(ru, dictionary);
      stopUk = withAnalyzed(uk);
      stopOther = other;
    }

    private static Set<String> words(List<String> a, List<String> b, List<String> c) {
      Set<String> s = new HashSet<>();
      for (List<String> l : List.of(a, b, c)) {
        for (String w : l) {
          s.add(w.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('’', '\'').replace('ʼ', '\''));
        }
      }
      return s;
    }

    /** RussianAnalyzer without its stemmer: the same tokens, lower-cased, stopwords removed. */
    private static Analyzer lowerCaseWords(CharArraySet stop) {
      return new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
          StandardTokenizer source = new StandardTokenizer();
          return new TokenStreamComponents(source, new StopFilter(new LowerCaseFilter(source), stop));
        }

        @Override
        protected TokenStream normalize(String field, TokenStream in) {
          return new LowerCaseFilter(in);
        }
      };
    }

    /**
     * Stopwords plus the lemma of each stopword that has one lemma only: "было" drops every form of быть, while
     * "тем" (тот or тема) does not make тема a stopword.
     */
    private static Set<String> withLemmas(Set<String> stop, RussianDictionary dictionary) {
      Set<String> out = new HashSet<>(stop);
      for (String w : stop) {
        Set<String> lemmas = new HashSet<>();
        for (RussianDictionary.Reading r : dictionary.lemmas(w)) {
          lemmas.add(r.lemma());
        }
        if (lemmas.size() == 1) {
          out.addAll(lemmas);
        }
      }
      return out;
    }

    /** Ukrainian stopwords plus their lemmas, read with an analyzer that does not drop them. */
    private static Set<String> withAnalyzed(Set<String> stop) {
      Set<String> out = new HashSet<>(stop);
      Analyzer plain = new UkrainianMorfologikAnalyzer(CharArraySet.EMPTY_SET);
      try (plain) {
        for (String w : stop) {
          try (TokenStream ts = plain.tokenStream("w", w)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
              out.add(t.toString().toLowerCase(Locale.ROOT));
            }
            ts.end();
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      return out;
    }
  }
}
