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
}
