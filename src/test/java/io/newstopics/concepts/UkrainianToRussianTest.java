package io.newstopics.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import io.newstopics.text.TermAnalyzer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The ru/uk spelling alignment on real word pairs, and its effect on a Ukrainian text and its Russian original. */
class UkrainianToRussianTest {
  private final JobConfig cfg = SparkTestSession.config("seeds", "unused", Map.of());
  private final TermAnalyzer analyzer = new TermAnalyzer(cfg.text());
  private final ConceptDictionary dict = ConceptDictionary.of(cfg);

  /** Ukrainian lemma -> the Russian lemma of the same word (spelling differs, or the word is spelled alike). */
  static final Map<String, String> SAME_WORD = new LinkedHashMap<>();
  /** Ukrainian lemmas with no Russian word of the same spelling and meaning: must stay unaligned. */
  static final List<String> NOT_THE_SAME = List.of(
      "країна", "уряд", "нафта", "зброя", "мова", "людина", "тиждень", "дитина", "допомога", "щодо",
      // false friends
      "час", "неділя", "лист", "рік", "питання", "місто", "родина", "дружина", "світ", "захід", "схід", "кіт",
      "річний", "складний", "шар", "луна", "відвідати", "збігатися");

  static {
    String[] pairs = {
        "санкція", "санкция", "президент", "президент", "опозиція", "оппозиция", "вибори", "выборы",
        "міністр", "министр", "політика", "политика", "економіка", "экономика", "війна", "война",
        "україна", "украина", "європа", "европа", "проєкт", "проект", "рішення", "решение",
        "голосувати", "голосовать", "говорити", "говорить", "сім'я", "семья", "об'єкт", "объект",
        "територія", "территория", "комісія", "комиссия", "корупція", "коррупция", "секретар", "секретарь",
        "український", "украинский", "депутат", "депутат", "парламент", "парламент", "ціна", "цена",
        "міністерство", "министерство", "інформація", "информация", "організація", "организация",
        "історія", "история", "конфлікт", "конфликт", "ефект", "эффект", "експерт", "эксперт",
        "енергія", "энергия", "фінансовий", "финансовый", "національний", "национальный",
        "політичний", "политический", "економічний", "экономический", "адміністрація", "администрация",
        "делегація", "делегация", "дискусія", "дискуссия", "кореспондент", "корреспондент",
        "програма", "программа", "група", "группа", "процес", "процесс", "ринок", "рынок",
        "договір", "договор", "переговори", "переговоры", "поліція", "полиция", "журналіст", "журналист",
        "ядерний", "ядерный", "хліб", "хлеб", "сніг", "снег", "осінь", "осень", "пісня", "песня", "стіл", "стол",
        "ліс", "лес", "одеса", "одесса", "львів", "львов", "крим", "крым", "діяльність", "деятельность",
        "військовий", "военный", "населення", "население", "управління", "управление", "кандидат", "кандидат",
        "інвестиція", "инвестиция", "терміновий", "срочный", "потрібний", "потребный",
        // prefixes від-/роз-, -ця, ordinals, the apostrophe written as nothing
        "відключення", "отключение", "відношення", "отношение", "розвідка", "разведка", "розпад", "распад",
        "таблиця", "таблица", "столиця", "столица", "третій", "третий", "п'ятий", "пятый", "дев'ятий", "девятый"};
    for (int i = 0; i < pairs.length; i += 2) {
      SAME_WORD.put(pairs[i], pairs[i + 1]);
    }
  }

  @Test
  void alignsRealPairsWithHighPrecisionAndRecall() {
    int right = 0;
    int wrong = 0;
    List<String> misses = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (var e : SAME_WORD.entrySet()) {
      String got = UkrainianToRussian.spelledLemma(e.getKey());
      if (e.getValue().equals(got)) {
        right++;
      } else if (got == null) {
        misses.add(e.getKey());
      } else {
        wrong++;
        errors.add(e.getKey() + "->" + got);
      }
    }
    for (String uk : NOT_THE_SAME) {
      String got = UkrainianToRussian.spelledLemma(uk);
      if (got != null) {
        wrong++;
        errors.add(uk + "->" + got);
      }
    }
    double precision = right / (double) (right + wrong);
    double recall = right / (double) SAME_WORD.size();
    System.out.printf("ru/uk alignment: %d pairs, %d negatives; precision %.3f recall %.3f; misses %s; errors %s%n",
        SAME_WORD.size(), NOT_THE_SAME.size(), precision, recall, misses, errors);
    assertTrue(SAME_WORD.size() >= 40);
    assertTrue(precision >= 0.95, "precision " + precision + ", wrong: " + errors);
    assertTrue(recall >= 0.85, "recall " + recall + ", missed: " + misses);
  }

  @Test
  void falseFriendsAndDifferentWordsAreNotAlignedBySpelling() {
    for (String uk : NOT_THE_SAME) {
      assertNull(UkrainianToRussian.spelledLemma(uk), uk);
    }
    // not lemmas of the Ukrainian dictionary: inflected forms and unknown words are left alone
    assertNull(UkrainianToRussian.russianLemma("санкції"));
    assertNull(UkrainianToRussian.russianLemma("ґвинтокрилоплан"));
  }

  @Test
  void participlesAlignAsTheirVerbsAndComparativesAsTheirPositive() {
    // the Russian dictionary reads задержанный as задержать, популярнейший as популярный
    assertEquals(List.of("затримати"), UkrainianToRussian.bases("затриманий", UkrainianLemmaCheck.lemmaClasses(
        "затриманий")));
    assertEquals("задержать", UkrainianToRussian.russianLemma("затриманий"));
    assertEquals("освободить", UkrainianToRussian.russianLemma("звільнений"));
    assertEquals("направить", UkrainianToRussian.russianLemma("спрямований"));
    assertEquals("популярный", UkrainianToRussian.russianLemma("найпопулярніший"));
    assertEquals("популярный", UkrainianToRussian.russianLemma("популярніший"));
    assertEquals(List.of(), UkrainianToRussian.bases("санкція", UkrainianLemmaCheck.lemmaClasses("санкція")));
  }

  @Test
  void ukrainianVerbsAreTheVerbsDictionaryForms() {
    for (String verb : List.of("говорити", "завважити", "голосувати")) {
      assertTrue(UkrainianLemmaCheck.isVerb(verb), verb);
    }
    for (String other : List.of("військо", "санкція", "військовий", "говорить", "швидко")) {
      assertTrue(!UkrainianLemmaCheck.isVerb(other), other);
    }
  }

  @Test
  void theWordListTranslatesDictionaryLemmasToDictionaryLemmas() {
    Map<String, String> words = UkrainianToRussian.Words.RU;
    assertTrue(words.size() >= 200, "word list: " + words.size());
    List<String> bad = new ArrayList<>();
    for (var e : words.entrySet()) {
      String ruTerm = analyzer.analyze("ru", e.getValue()).terms().size() == 1 ? "" : " (not one Russian term)";
      if (UkrainianLemmaCheck.lemmaClasses(e.getKey()) == 0 || RussianLemmaCheck.lemmaClasses(e.getValue()) == 0
          || !ruTerm.isEmpty()) {
        bad.add(e.getKey() + "\t" + e.getValue() + ruTerm);
      }
    }
    assertEquals(List.of(), bad, "uk-ru-words.tsv lines whose words are not dictionary lemmas");
    // the list goes first, false friends included: місто is город, not место
    assertEquals("город", UkrainianToRussian.russianLemma("місто"));
    assertEquals("дом", UkrainianToRussian.russianLemma("будинок"));
    assertEquals(analyzer.analyze("ru", "домами").terms(), List.of(dict.alignment().russianTerm("будинок")));
  }

  @Test
  void theAlignedTermIsTheRussianAnalyzersTermOfTheLemma() {
    UkrainianToRussian a = dict.alignment();
    for (String uk : List.of("санкція", "опозиція", "вибори", "політика", "голосувати", "економічний")) {
      String ukTerm = analyzer.analyze("uk", uk).terms().get(0);
      String ruTerm = analyzer.analyze("ru", SAME_WORD.get(uk)).terms().get(0);
      assertEquals(ruTerm, a.russianTerm(ukTerm), uk);
      assertEquals(ruTerm, a.russianTerm(ukTerm), uk + " (cached)");
    }
    for (String uk : NOT_THE_SAME) { // neither spelled alike nor in the word list: left as it is
      if (!UkrainianToRussian.Words.RU.containsKey(uk)) {
        assertNull(a.russianTerm(uk), uk);
      }
    }
  }

  static final String[][] TRANSLATIONS = {
      {"Парламент обсудил новые санкции против оппозиции. Министр экономики заявил, что политика правительства "
          + "приведет к кризису. Депутаты проголосовали за решение комиссии о коррупции.",
       "Парламент обговорив нові санкції проти опозиції. Міністр економіки заявив, що політика уряду призведе до "
          + "кризи. Депутати проголосували за рішення комісії щодо корупції."},
      {"Выборы президента пройдут весной. Центральная избирательная комиссия зарегистрировала кандидатов, "
          + "журналисты и эксперты обсуждают программу и ситуацию в регионах.",
       "Вибори президента відбудуться навесні. Центральна виборча комісія зареєструвала кандидатів, журналісти "
          + "та експерти обговорюють програму і ситуацію в регіонах."},
      {"Европа ищет новые источники энергии. Цена газа выросла, а компании обсуждают проект нового терминала и "
          + "инвестиции в ядерную энергетику.",
       "Європа шукає нові джерела енергії. Ціна газу зросла, а компанії обговорюють проєкт нового терміналу та "
          + "інвестиції в ядерну енергетику."}};

  @Test
  void aUkrainianTextSharesMoreTermsWithItsRussianOriginal() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TRANSLATIONS.length; i++) {
      for (int l = 0; l < 2; l++) {
        var t = analyzer.analyze(l == 0 ? "ru" : "uk", TRANSLATIONS[i][l]);
        rows.add(RowFactory.create(i + (l == 0 ? "ru" : "uk"), l == 0 ? "ru" : "uk",
            CollectionConverters.asScala(t.terms()).toList(), CollectionConverters.asScala(t.surfaces()).toList()));
      }
    }
    var analysed = SparkTestSession.get().createDataFrame(rows, new StructType().add("article_id", "string")
        .add("lang", "string").add("terms", "array<string>").add("surfaces", "array<string>"));
    Map<String, Set<String>> after = new LinkedHashMap<>();
    for (Row r : ConceptMapper.apply(analysed, dict).collectAsList()) {
      after.put(r.getString(0), new HashSet<>(r.getList(2)));
    }
    for (int i = 0; i < TRANSLATIONS.length; i++) {
      Set<String> ru = after.get(i + "ru");
      Set<String> before = new HashSet<>(); // the Ukrainian terms as the concepts alone map them
      for (String t : analyzer.analyze("uk", TRANSLATIONS[i][1]).terms()) {
        before.add(dict.map("uk", t));
      }
      before.retainAll(ru);
      Set<String> now = new HashSet<>(after.get(i + "uk"));
      now.retainAll(ru);
      System.out.printf("pair %d: %d shared terms with the concepts alone, %d now: %s%n", i, before.size(),
          now.size(), now);
      assertTrue(now.containsAll(before), "pair " + i);
      assertTrue(now.size() >= before.size() + 3, "pair " + i + ": before " + before + ", now " + now);
    }
  }
}
