package io.newstopics.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newstopics.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A line's key, and the removal of the lines by key. */
class BoilerplateRemoverTest {
  private static final List<String> LINES = List.of(
      "🔥 Подписаться | Прислать новость",
      "Подписаться | Прислать новость (https://t.me/x1)",
      "  ЧИТАТЬ нас без VPN: www.example.com/ru?a=1 — и не только!!! ",
      "Військова допомога Ґуайдо, 2019 р.; «Іран» та ’ʼ апострофи",
      "Ёлка ЁЖ ǅungla ΣΊΣΥΦΟΣ İstanbul ½ Ⅻ ٣ 𝐀𝐁𝐂 𝟙𝟚",
      "(http://a.b/c) (www.d.e) https://x.y/z?q=1 слова",
      "",
      "   ",
      "— · — ✔️ ✅");

  /** The key as Spark built-ins computed it before (two regexp_replace around lower, then trim). */
  private static Column sparkKey(Column line) {
    Column noLinks = regexp_replace(line, "\\((?:https?://|www\\.)[^)]*\\)|(?:https?://|www\\.)\\S+", " ");
    return trim(regexp_replace(lower(noLinks), "[^\\p{L}\\p{N}]+", " "));
  }

  @Test
  void theKeyIsTheOneSparksBuiltInsGave() {
    var spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    for (String l : LINES) {
      rows.add(RowFactory.create(l));
    }
    Dataset<Row> lines = spark.createDataFrame(rows, new StructType().add("line", DataTypes.StringType));
    for (Row r : lines.select(col("line"), sparkKey(col("line"))).collectAsList()) {
      assertEquals(r.getString(1), BoilerplateRemover.key(r.getString(0)), "line: " + r.getString(0));
    }
    assertEquals("подписаться прислать новость", BoilerplateRemover.key(LINES.get(1)));
    assertEquals(null, BoilerplateRemover.key(null));
  }

  @Test
  void linesAreRemovedByKeyTheOthersKeepTheirOrder() {
    Set<String> keys = Set.of("подписаться прислать новость", "читать нас без vpn");
    assertEquals("Первая строка\n\nТретья строка\n",
        BoilerplateRemover.withoutLines("Первая строка\nПодписаться | Прислать новость\n\n"
            + "Третья строка\nЧитать нас без VPN (https://t.me/x)\n", keys));
    assertEquals("Без переноса", BoilerplateRemover.withoutLines("Без переноса", keys));
    assertEquals("", BoilerplateRemover.withoutLines("🔥 Подписаться — прислать новость!", keys));
    assertEquals("a\nb", BoilerplateRemover.withoutLines("a\nb", Set.of()));
  }

  /**
   * The common keys counted from each article's distinct line keys are those of the former query (every line
   * exploded with its key, articles counted distinct; kept here as the reference): 600 random articles of recurring
   * and unique lines, repeated lines within an article, markup, prefix lines and null texts, at thresholds 1 to 40.
   */
  @Test
  void commonKeysAreTheFormerQuery() {
    var spark = SparkTestSession.get();
    List<String> prefixes = List.of("Читайте также", "Поделиться");
    List<String> pool = new ArrayList<>(LINES);
    pool.addAll(List.of("Читайте также: другое", "Поделиться", "<b>Подписаться | Прислать новость</b>",
        "function f() { x(); }", "Мадуро встретился с послом", "санкции США"));
    java.util.Random random = new java.util.Random(17);
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < 600; a++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--) {
        text.append(random.nextInt(3) == 0 ? "строка " + random.nextInt(50) : pool.get(random.nextInt(pool.size())))
            .append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      }
      rows.add(RowFactory.create("a" + a, random.nextInt(30) == 0 ? null : text.toString()));
    }
    Dataset<Row> articles = spark.createDataFrame(rows, new StructType().add("article_id", "string")
        .add("text", "string")).repartition(4);
    Dataset<Row> lines = articles
        .select(col("article_id"), org.apache.spark.sql.functions.posexplode(org.apache.spark.sql.functions.split(
            PageDebris.strip(col("text"), prefixes), "\n")))
        .select(col("article_id"), col("pos"), col("col").as("line"))
        .withColumn("key", org.apache.spark.sql.functions.udf((org.apache.spark.sql.api.java.UDF1<String, String>)
            BoilerplateRemover::key, DataTypes.StringType).apply(col("line")));
    int compared = 0;
    for (long threshold : List.of(1L, 2L, 5L, 12L, 40L)) {
      List<String> former = SparkTestSession.sortedRows(lines
          .where(org.apache.spark.sql.functions.length(col("key")).gt(0))
          .groupBy("key").agg(org.apache.spark.sql.functions.count_distinct(col("article_id")).as("n"))
          .where(col("n").geq(org.apache.spark.sql.functions.lit(threshold))).select("key"));
      assertEquals(former, SparkTestSession.sortedRows(BoilerplateRemover.commonKeys(articles, threshold, prefixes,
          RecordGuard.unbounded())),
          "threshold " + threshold);
      compared += former.size();
    }
    org.junit.jupiter.api.Assertions.assertTrue(compared > 30, compared + " keys compared");
  }
}
