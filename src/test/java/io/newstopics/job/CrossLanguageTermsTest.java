package io.newstopics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run on three Russian articles and their Ukrainian translations: each pair shares model terms beyond the
 * concepts of conf/concepts.conf, because Ukrainian words spelled like Russian ones (ситуація, експерт, енергія)
 * become the Russian terms.
 */
class CrossLanguageTermsTest {
  @TempDir
  Path dir;

  private static final String[][] PAIRS = {
      {"Парламент обсудил новые санкции против оппозиции. Министр экономики заявил, что политика правительства "
          + "приведет к кризису. Депутаты проголосовали за решение комиссии о коррупции в регионах.",
       "Парламент обговорив нові санкції проти опозиції. Міністр економіки заявив, що політика уряду призведе до "
          + "кризи. Депутати проголосували за рішення комісії щодо корупції в регіонах."},
      {"Выборы президента пройдут весной. Избирательная комиссия зарегистрировала кандидатов, журналисты и "
          + "эксперты обсуждают программу и ситуацию, а социологи публикуют рейтинг.",
       "Вибори президента відбудуться навесні. Виборча комісія зареєструвала кандидатів, журналісти та експерти "
          + "обговорюють програму і ситуацію, а соціологи публікують рейтинг."},
      {"Европа ищет новые источники энергии. Цена газа выросла, а компании обсуждают проект нового терминала и "
          + "инвестиции в ядерную энергетику и технологии.",
       "Європа шукає нові джерела енергії. Ціна газу зросла, а компанії обговорюють проєкт нового терміналу та "
          + "інвестиції в ядерну енергетику і технології."}};

  @Test
  void aUkrainianArticleAndItsRussianOriginalShareWordsBeyondTheConcepts() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    for (int i = 0; i < PAIRS.length; i++) {
      Files.writeString(in.resolve("p" + i + "_ru.txt"), PAIRS[i][0], StandardCharsets.UTF_8);
      Files.writeString(in.resolve("p" + i + "_uk.txt"), PAIRS[i][1], StandardCharsets.UTF_8);
    }
    SparkSession spark = SparkTestSession.get();
    RunResult r = NewsTopicsJob.run(spark, SparkTestSession.config(in.toString(), dir.resolve("wh").toString(),
        Map.of("features.terms-per-article", "50", "topics.k", "3", "topics.max-iterations", "5")));

    Map<String, Set<String>> stems = new HashMap<>();
    for (Row row : spark.sql("SELECT regexp_extract(a.source_ref, '(p[0-9]_[a-z]+)', 1), a.lang, t.stem "
        + "FROM news.article_terms t JOIN news.articles a ON a.article_id = t.article_id "
        + "WHERE t.run_id = '" + r.runId() + "'").collectAsList()) {
      assertEquals(row.getString(0).substring(3), row.getString(1), row.toString());
      stems.computeIfAbsent(row.getString(0), k -> new HashSet<>()).add(row.getString(2));
    }
    assertEquals(2 * PAIRS.length, stems.size(), stems.keySet().toString());
    for (int i = 0; i < PAIRS.length; i++) {
      Set<String> shared = new HashSet<>(stems.get("p" + i + "_ru"));
      shared.retainAll(stems.get("p" + i + "_uk"));
      shared.removeIf(s -> s.startsWith("c:")); // concepts: shared before the alignment too
      System.out.printf("pair %d shares %d terms besides concepts: %s%n", i, shared.size(), shared);
      assertTrue(shared.size() >= 4, "pair " + i + " shares " + shared);
    }
  }
}
