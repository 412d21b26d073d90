package io.newstopics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newstopics.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LanguageTaggerTest {
  @Test
  void tagsRussianUkrainianAndOther() {
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
        .add("input_lang", DataTypes.StringType);
    Dataset<Row> in = spark.createDataFrame(List.of(
        RowFactory.create("ru", "Президент Венесуэлы обратился к России с просьбой о военной помощи.", null),
        RowFactory.create("uk", "Президент Венесуели звернувся до Росії з проханням про військову допомогу.", null),
        RowFactory.create("en", "The president of Venezuela asked Russia for military aid.", null),
        RowFactory.create("be", "Прэзідэнт Венесуэлы звярнуўся да Расіі па ваенную дапамогу ў Маскве.", null),
        RowFactory.create("ru-short", "Мадуро попросил помощи у Москвы", null),
        RowFactory.create("given", "Президент Венесуэлы обратился к России.", "uk"),
        RowFactory.create("empty", "", null)), schema);
    assertEquals(
        SparkTestSession.sorted("[be,other]", "[empty,other]", "[en,other]", "[given,uk]", "[ru,ru]",
            "[ru-short,ru]", "[uk,uk]"),
        SparkTestSession.sortedRows(LanguageTagger.tag(in).select("id", "lang")));
  }

  @Test
  void detectsFromTheLettersOfEachClass() {
    assertEquals("ru", LanguageTagger.detect("Всё ещё")); // ё is Russian, outside а-я
    assertEquals("uk", LanguageTagger.detect("ЇЖАК і ґанок")); // capitals and lower case
    assertEquals("ru", LanguageTagger.detect("Мадуро")); // no distinctive letter: ru
    assertEquals("other", LanguageTagger.detect("NATO summit в Мадриде")); // more Latin than Cyrillic letters
    assertEquals("other", LanguageTagger.detect(null));
    assertEquals("other", LanguageTagger.detect("2025, 3.5 — !"));
    // one letter of another Cyrillic language in 200 Cyrillic letters is a typo; in 199 it is that language
    assertEquals("ru", LanguageTagger.detect("ў" + "а".repeat(200)));
    assertEquals("other", LanguageTagger.detect("ў" + "а".repeat(199)));
  }

  @Test
  void normalizesYoApostrophesUrlsAndNumbers() {
    SparkSession spark = SparkTestSession.get();
    Row r = spark.sql("SELECT 'Всё ещё п’ять ракет https://x.com/a?b=1 за 2025 год, 3,5 млн' AS t")
        .select(TextNormalizer.normalize(org.apache.spark.sql.functions.col("t"))).first();
    assertEquals("Все еще п'ять ракет   за   год,   млн", r.getString(0));
  }
}
