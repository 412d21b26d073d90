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
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;

/**
 * Turns normalised text into model terms, per language: Russian through Lucene's RussianAnalyzer (Snowball
 * stems), Ukrainian through Lucene's UkrainianMorfologikAnalyzer (dictionary lemmas), anything else through
 * the StandardAnalyzer. Each term comes with the surface form it was read from, so people see words, not stems.
 *
 * <p>Dropped: stopwords (by surface form and by stem/lemma), tokens with digits or non-letters, tokens
 * shorter than {@code min-token-length} except two-letter capitalised acronyms (ЕС, ЄС), and all but the first
 * lemma of an ambiguous word. Analyzers are built once per JVM and configuration and shared by threads.
 */
public final class TermAnalyzer implements Serializable {
  private static final Map<TextOptions, Analyzers> CACHE = new ConcurrentHashMap<>();

  private final TextOptions options;
  /** This instance's analyzers, looked up once: hashing the options (word lists) per call cost 4% of the text stage. */
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
    switch (lang == null ? "other" : lang) {
      case "ru" -> { analyzer = a.russian; stop = a.stopRu; }
      case "uk" -> { analyzer = a.ukrainian; stop = a.stopUk; }
      default -> { analyzer = a.other; stop = a.stopOther; }
    }
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int tokens = 0;
      while (ts.incrementToken()) {
        if ((++tokens & 0x3FF) == 0) {
          Deadline.check();
        }
        if (posInc.getPositionIncrement() == 0) {
          continue; // a second lemma of the same word
        }
        String surface = text.substring(offset.startOffset(), offset.endOffset());
        String t = term.toString().toLowerCase(Locale.ROOT);
        if (keep(surface, t, stop)) {
          terms.add(t);
          surfaces.add(surface);
        }
      }
      ts.end();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new Terms(terms, surfaces);
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

  /** The per-JVM analyzers and the stopword sets (surface forms plus their stems/lemmas). */
  private static final class Analyzers {
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
      russian = new RussianAnalyzer(new CharArraySet(ru, true));
      ukrainian = new UkrainianMorfologikAnalyzer(new CharArraySet(uk, true));
      this.other = new StandardAnalyzer(new CharArraySet(other, true));
      stopRu = withAnalyzed(ru, russian);
      stopUk = withAnalyzed(uk, ukrainian);
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

    /** Stopwords plus their analysed forms, read with an analyzer that does not drop them. */
    private static Set<String> withAnalyzed(Set<String> stop, Analyzer withStops) {
      Set<String> out = new HashSet<>(stop);
      Analyzer plain = withStops instanceof RussianAnalyzer
          ? new RussianAnalyzer(CharArraySet.EMPTY_SET)
          : new UkrainianMorfologikAnalyzer(CharArraySet.EMPTY_SET);
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
