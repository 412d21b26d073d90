package io.newstopics.concepts;

import io.newstopics.config.ConfigFiles;
import io.newstopics.config.JobConfig.TextOptions;
import io.newstopics.text.TermAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aligns Ukrainian lemmas to Russian ones that are the same word spelled the Ukrainian way (санкція/санкция,
 * війна/война, вибори/выборы, опозиція/оппозиция, економіка/экономика, говорити/говорить), so that a Ukrainian
 * article and its Russian translation share their model terms beyond {@code conf/concepts.conf}.
 *
 * <p>Guarantees: a Ukrainian term is aligned only when it is a lemma of the Ukrainian dictionary, is not a known
 * false friend ({@link #FALSE_FRIENDS}), and one of its spelling candidates is a lemma of the Russian dictionary in
 * one of its word classes (noun, name, adjective, verb, adverb, numeral: function words are never aligned);
 * among passing candidates the cheapest wins (fewest and most regular changes), ties by alphabet, so the result
 * depends on the word alone. The aligned term is what the job's Russian analyzer makes of that Russian lemma, so
 * it meets the terms of Russian articles whatever the Russian analyzer produces (stems or lemmas).
 * Common words whose translation is not a spelling change (будинок/дом, місто/город) come from a word list,
 * {@code uk-ru-words.tsv} next to this class, checked before the spelling; its Russian side must be a Russian
 * dictionary lemma. Entities and the domain's own terms (зброя/оружие, уряд/правительство) belong in
 * {@code conf/concepts.conf}, whose concepts take precedence.
 */
public final class UkrainianToRussian implements Serializable {
  /**
   * Ukrainian lemmas whose Russian look-alike means something else (uk/ru): час time/hour, неділя Sunday/week,
   * лист letter/leaf, рік year/rock, питання question/nutrition, місто city/place, родина family/homeland,
   * дружина wife/squad, луна echo/moon, шар layer/ball, сказ rabies/tale, година hour/time, качка duck/pitching,
   * вітати greet/hover, дивитися look/marvel, мешкати live/dawdle, гадати think/tell fortunes, наглий sudden/
   * impudent, лихий evil/dashing, злодій thief/villain, баня dome/bathhouse, уряд government/rank,
   * лік count/face, ліки medicines/faces, орати plough/yell, сім seven/catfish, мати mother or to have/mother,
   * державний state (adj.)/majestic, піти go/drink, лікування treatment/jubilation, прізвище surname/nickname,
   * світ world/light, слід should/trace, бік side/bey, захід west/sunset, схід east/descent, надати provide/
   * add more, видання edition/marriageable age, донька daughter/bottom line, потік stream/smudge, користь benefit/
   * greed, пані lady/panel, життя life/hagiography, казати say/show, річний annual/river, складний complex/folding,
   * судовий judicial/ship's, повернути(ся) return/turn, визнати recognise/find out, кіт cat/whale, твір work/Tver,
   * вільно freely/Vilno, рівень level/rhubarb, рівня, колір colour/tint, ніж than/knife, світовий world/light,
   * поганий bad/pagan, співати sing/drink, східний eastern/similar, впливати influence/swim in, відомий known/
   * driven, участь part/fate, часом sometimes/hour, речник spokesman/river-, сума sum/bag, стан state/camp,
   * початок beginning/corn cob, виступ speech/ledge, нагадати remind/foretell, відвідати visit/taste,
   * збігатися coincide/come running.
   */
  static final Set<String> FALSE_FRIENDS = Set.of("час", "неділя", "лист", "рік", "питання", "місто", "родина",
      "дружина", "луна", "шар", "сказ", "година", "качка", "вітати", "дивитися", "мешкати", "гадати", "наглий",
      "лихий", "злодій", "баня", "уряд", "лік", "ліки", "орати", "сім", "мати", "державний", "піти",
      "лікування", "прізвище", "світ", "слід", "бік", "захід", "схід", "надати", "надавати", "видання", "донька",
      "потік", "користь", "пані", "життя", "казати", "річний", "складний", "судовий", "повернути", "повернутися",
      "визнати", "кіт", "твір", "вільно", "рівень", "рівня", "колір", "ніж", "світовий",
      "поганий", "співати", "східний", "впливати", "відомий", "участь", "часом", "речник", "сума", "стан",
      "початок", "виступ", "нагадати", "відвідати", "відвідувати", "збігатися", "збігтися");

  /** Candidates cost at most this many regular changes; words needing more are not the same word. */
  static final int MAX_COST = 3;
  /** Steps of the search per word at most, so a long word with many optional changes stays cheap. */
  static final int MAX_STEPS = 20_000;
  /** Aligned terms kept per JVM at most; past it terms are aligned again each time (same answer, more work). */
  static final int CACHE_SIZE = 200_000;
  private static final String NONE = "";
  private static final Map<TextOptions, Map<String, String>> CACHES = new ConcurrentHashMap<>();

  private final TextOptions options;
  private final TermAnalyzer analyzer;
  private transient volatile Map<String, String> cache;

  public UkrainianToRussian(TextOptions options) {
    this.options = options;
    this.analyzer = new TermAnalyzer(options);
  }

  /**
   * The Russian model term of a Ukrainian model term (a lemma of the Ukrainian analyzer), or null when it has none.
   * Looked up in a per-JVM cache, computed from the word on a miss.
   */
  public String russianTerm(String ukTerm) {
    Map<String, String> c = cache;
    if (c == null) {
      c = CACHES.computeIfAbsent(options, o -> new ConcurrentHashMap<>());
      cache = c;
    }
    String hit = c.get(ukTerm);
    if (hit == null) {
      hit = align(ukTerm);
      if (c.size() < CACHE_SIZE) {
        c.put(ukTerm, hit);
      }
    }
    return hit.isEmpty() ? null : hit;
  }

  private String align(String ukTerm) {
    String lemma = russianLemma(ukTerm);
    if (lemma == null) {
      return NONE;
    }
    List<String> terms = analyzer.analyze("ru", lemma).terms();
    if (terms.size() != 1 || terms.get(0).startsWith(ConceptDictionary.TOKEN_PREFIX)) {
      return NONE; // a Russian stopword or too short: Russian articles drop it too
    }
    return terms.get(0);
  }

  /**
   * The Russian lemma of a Ukrainian lemma: its translation in the word list, else {@link #spelledLemma}, else that
   * of its base ({@link #bases}): a participle aligns as its verb (затриманий as затримати, задержать: the Russian
   * dictionary reads задержанный as задержать), a comparative or superlative as its positive (найпопулярніший as
   * популярний, популярный, as Russian reads популярнейший).
   */
  public static String russianLemma(String ukLemma) {
    if (ukLemma == null) {
      return null;
    }
    int classes = UkrainianLemmaCheck.lemmaClasses(ukLemma);
    String word = sameWord(ukLemma, classes);
    if (word != null) {
      return word;
    }
    for (String base : bases(ukLemma, classes)) {
      String ru = sameWord(base, UkrainianLemmaCheck.lemmaClasses(base));
      if (ru != null) {
        return ru;
      }
    }
    return null;
  }

  /** The word list's translation, else the spelling; {@code classes}: the word's, read once by the caller. */
  private static String sameWord(String ukLemma, int classes) {
    String word = Words.RU.get(ukLemma);
    return word != null ? word : spelled(ukLemma, classes);
  }

  /**
   * A participle's verbs or a comparative's positive, by regular endings, most regular first; only Ukrainian lemmas
   * of that class (a verb, an adjective or adverb in its base degree).
   */
  static List<String> bases(String ukLemma, int classes) {
    List<String> out = new ArrayList<>();
    if ((classes & DictionaryLemmas.PARTICIPLE) != 0) {
      for (String[] rule : PARTICIPLE_ENDINGS) {
        if (ukLemma.endsWith(rule[0])) {
          String stem = ukLemma.substring(0, ukLemma.length() - rule[0].length());
          for (int i = 1; i < rule.length; i++) {
            if ((UkrainianLemmaCheck.lemmaClasses(stem + rule[i]) & DictionaryLemmas.VERB) != 0) {
              out.add(stem + rule[i]);
            }
          }
        }
      }
    }
    if ((classes & DictionaryLemmas.DEGREE) != 0) {
      String w = ukLemma.startsWith("най") ? ukLemma.substring(3) : ukLemma;
      for (String[] rule : DEGREE_ENDINGS) {
        String positive = w.endsWith(rule[0]) ? w.substring(0, w.length() - rule[0].length()) + rule[1] : null;
        if (positive != null && (UkrainianLemmaCheck.lemmaClasses(positive)
            & (DictionaryLemmas.ADJECTIVE | DictionaryLemmas.ADVERB)) != 0) {
          out.add(positive);
        }
      }
    }
    return out;
  }

  /** The Russian lemma spelled like a Ukrainian lemma, or null (not a Ukrainian lemma, false friend, none found). */
  public static String spelledLemma(String ukLemma) {
    return ukLemma == null ? null : spelled(ukLemma, UkrainianLemmaCheck.lemmaClasses(ukLemma));
  }

  private static String spelled(String ukLemma, int classes) {
    if (ukLemma.length() < 2 || FALSE_FRIENDS.contains(ukLemma) || classes == 0) {
      return null;
    }
    if ((classes & DictionaryLemmas.NAME) != 0) {
      classes |= DictionaryLemmas.NOUN; // Russian has place names as nouns (одесса, украина)
    }
    Search s = new Search(ukLemma, classes);
    s.expand(0, 0, false);
    return s.best;
  }

  /**
   * A depth-first walk over the Russian spellings of a word, cut where no Russian word starts with the spelling so
   * far; keeps the cheapest Russian lemma, the alphabetically first of equal cost.
   */
  private static final class Search {
    final String w;
    final int classes;
    final StringBuilder out = new StringBuilder();
    int steps;
    String best;
    int bestCost = MAX_COST;

    Search(String w, int classes) {
      this.w = w;
      this.classes = classes;
    }

    void expand(int i, int spent, boolean doubled) {
      if (spent > bestCost || ++steps > MAX_STEPS || (out.length() > 0 && !RussianLemmaCheck.startsWord(out))) {
        return;
      }
      if (i == w.length()) {
        String cand = out.toString();
        if ((best == null || spent < bestCost || cand.compareTo(best) < 0) && (RussianLemmaCheck.lemmaClasses(cand) & classes) != 0) {
          best = cand;
          bestCost = spent;
        }
        return;
      }
      int len = out.length();
      String rest = w.substring(i);
      if (i == 0) {
        for (String[] rule : PREFIXES) { // uk prefix -> ru prefix, one change: відключення/отключение
          if (rest.startsWith(rule[0]) && rest.length() > rule[0].length()
              && (rule.length == 2 || VOICELESS.indexOf(rest.charAt(rule[0].length())) >= 0)) {
            out.append(rule[1]);
            expand(rule[0].length(), spent + 1, doubled);
            out.setLength(len);
          }
        }
      }
      for (String[] rule : ENDINGS) { // uk ending -> ru ending: rule[2] changes
        if (rest.equals(rule[0])) {
          out.append(rule[1]);
          expand(w.length(), spent + rule[2].length(), doubled);
          out.setLength(len);
        }
      }
      char ch = w.charAt(i);
      if (rest.length() == 3 && ch == rest.charAt(1) && rest.charAt(2) == 'я' && CONSONANTS.indexOf(ch) >= 0) {
        for (String end : new String[] {"ие", "ье"}) { // рішення/решение, життя/житье
          out.append(ch).append(end);
          expand(w.length(), spent + 1, doubled);
          out.setLength(len);
        }
      }
      if (ch == 'ь' && rest.startsWith("ьо")) { // льотчик/летчик (ё read as е)
        out.append('е');
        expand(i + 2, spent + 1, doubled);
        out.setLength(len);
      }
      if (ch == 'у' && rest.startsWith("ува")) { // голосувати/голосовать
        out.append('о');
        expand(i + 1, spent + 1, doubled);
        out.setLength(len);
      }
      String[] alts = alternatives(i, ch);
      for (int a = 0; a < alts.length; a++) {
        out.append(alts[a]);
        expand(i + 1, spent + a, doubled);
        out.setLength(len);
      }
      // опозиція/оппозиция, територія/территория: Ukrainian writes one consonant where Russian doubles it
      if (!doubled && i > 0 && CONSONANTS.indexOf(ch) >= 0 && w.charAt(i - 1) != ch
          && (i + 1 == w.length() || w.charAt(i + 1) != ch)) {
        out.append(ch).append(ch);
        expand(i + 1, spent + 1, true);
        out.setLength(len);
      }
    }

    /** Russian spellings of the letter at {@code i}, most regular first; the n-th costs n changes. */
    private String[] alternatives(int i, char ch) {
      return switch (ch) {
        case 'і' -> new String[] {"и", "е", "о"};
        case 'ї' -> new String[] {"и", "йи"};
        case 'є' -> new String[] {"е", "э", "йе"};
        case 'ґ' -> new String[] {"г"};
        case '\'', '’', 'ʼ' -> new String[] {"ь", "", "ъ"}; // сім'я/семья, п'ять/пять, об'єкт/объект
        case 'я' -> i > 0 && w.charAt(i - 1) == 'ц' ? new String[] {"а", "я"} : new String[] {"я"}; // столиця/столица
        case 'и' -> new String[] {"и", "ы"};
        case 'е' -> new String[] {"е", "э"}; // мер/мэр, поет/поэт, ефект/эффект
        case 'ь' -> (i + 1 < w.length() && w.charAt(i + 1) == 'к') || (i > 0 && w.charAt(i - 1) == 'ц')
            ? new String[] {"", "ь"} : new String[] {"ь"}; // український/украинский, палець/палец
        default -> new String[] {String.valueOf(ch)};
      };
    }
  }

  /** The word list {@code uk-ru-words.tsv} (Ukrainian lemma, tab, Russian lemma; # comments), read once per JVM. */
  static final class Words {
    static final Map<String, String> RU = read();

    private static Map<String, String> read() {
      Map<String, String> m = new HashMap<>();
      try (InputStream in = UkrainianToRussian.class.getResourceAsStream("uk-ru-words.tsv")) {
        if (in == null) {
          throw new IllegalStateException("uk-ru-words.tsv is missing from the jar (io/newstopics/concepts/)");
        }
        for (String l : ConfigFiles.parseWords(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
          String[] f = l.split("\t");
          if (f.length != 2 || m.put(f[0].strip(), f[1].strip()) != null) {
            throw new IllegalStateException("uk-ru-words.tsv: not 'uk<TAB>ru' or a repeated word: " + l);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.copyOf(m);
    }
  }

  private static final String CONSONANTS = "бвгджзклмнпрстфхцчшщ";
  private static final String VOICELESS = "кпстфхцчшщ";
  /**
   * A participle's ending, then its verb's endings to try: спрямований/спрямувати, затриманий/затримати,
   * звільнений/звільнити, засуджений/засудити, схвалений/схвалити, встановлений/встановити, очищений/очистити,
   * закритий/закрити, загинулий/загинути, виниклий/виникнути.
   */
  private static final String[][] PARTICIPLE_ENDINGS = {
      {"ьований", "ювати"}, {"ований", "увати"}, {"аний", "ати"}, {"яний", "яти"}, {"джений", "дити"},
      {"жений", "зити", "дити", "жити"}, {"чений", "тити", "чити"}, {"щений", "стити", "тити", "щити"},
      {"блений", "бити"}, {"влений", "вити"}, {"плений", "пити"}, {"млений", "мити"}, {"флений", "фити"},
      {"ений", "ити", "іти"}, {"єний", "їти", "ити"}, {"тий", "ти"}, {"улий", "ути"}, {"клий", "кнути"}};
  /** Comparative and superlative endings (after най-) and the positive's: популярніший/популярний, частіше/часто. */
  private static final String[][] DEGREE_ENDINGS = {{"іший", "ий"}, {"іше", "о"}};
  /**
   * Word-initial prefixes (uk, ru; a third field: only before a voiceless consonant), one change each:
   * відключення/отключение, розробка/разработка, розпад/распад, безсмертний/бессмертный.
   */
  private static final String[][] PREFIXES = {
      {"від", "от"}, {"роз", "раз"}, {"роз", "рас", "v"}, {"без", "бес", "v"}};
  /**
   * Whole endings (uk, ru, one character per change): infinitives (-ти/-ть, -тися/-ться), stressed adjectives
   * (-ий/-ой), nouns in -р/-рь, and -(і/и)чний/-ический, -(і/и)чно/-ически, the regular form of both (no change counted).
   */
  private static final String[][] ENDINGS = {
      {"ти", "ть", "."}, {"тися", "ться", "."}, {"тись", "ться", "."}, {"ий", "ой", "."}, {"р", "рь", "."},
      {"ічний", "ический", ""}, {"ічно", "ически", ""}, {"ичний", "ический", ""},
      {"ично", "ически", ""}};
}
