package io.newstopics.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * The benchmark scorer's one reduction of text to keys, independent of the job's text pipeline: lowercase, ё→е,
 * apostrophes (’ ʼ ‘ `) written as ', tokens are letter runs of at least {@value #MIN_LETTERS} letters (inner
 * apostrophes kept: м'ясо), and each token becomes its Snowball stem: Russian for Cyrillic (Ukrainian too: Lucene
 * has no Ukrainian Snowball stemmer), English for Latin, the token itself otherwise. The Russian stemmer strips
 * endings only after a vowel it knows, so the Ukrainian vowels і, ї, є are written и, и, е first (and ґ as г):
 * otherwise війська and військо keep different keys. The corpus tokens and every contender's topic words go through
 * the same function, so they meet on the same keys.
 */
final class SharedKeys implements Serializable {
  static final int MIN_LETTERS = 3;
  private static final Pattern TOKEN = Pattern.compile("\\p{L}+(?:'\\p{L}+)*");
  private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
  private static final Pattern LATIN = Pattern.compile("\\p{IsLatin}+(?:'\\p{IsLatin}+)*");

  // Snowball stemmers keep state: one pair per thread
  private static final ThreadLocal<SnowballStemmer> RU = ThreadLocal.withInitial(RussianStemmer::new);
  private static final ThreadLocal<SnowballStemmer> EN = ThreadLocal.withInitial(EnglishStemmer::new);

  private SharedKeys() {}

  /** Lowercase, ё→е, Ukrainian і ї є ґ as и и е г, apostrophe variants as '. */
  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('і', 'и').replace('ї', 'и').replace('є', 'е')
        .replace('ґ', 'г').replace('’', '\'').replace('ʼ', '\'').replace('‘', '\'').replace('`', '\'');
  }

  /** The keys of every token of {@code text}, in text order (repeats kept); empty for null. */
  static List<String> keys(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Matcher m = TOKEN.matcher(normalise(text));
    while (m.find()) {
      String k = key(m.group());
      if (k != null) {
        out.add(k);
      }
    }
    return out;
  }

  /** The key of one normalised token, or null when it has fewer than {@value #MIN_LETTERS} letters. */
  static String key(String token) {
    if (token.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
      return null;
    }
    SnowballStemmer s;
    if (CYRILLIC.matcher(token).find()) {
      s = RU.get();
    } else if (LATIN.matcher(token).matches()) {
      s = EN.get();
    } else {
      return token;
    }
    s.setCurrent(token);
    s.stem();
    String stem = s.getCurrent();
    return stem.isEmpty() ? token : stem;
  }
}
