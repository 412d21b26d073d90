package io.newstopics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.ConfigLoader;
import io.newstopics.config.JobConfig;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Page debris (scripts, players, markup, share and "read also" lines) never reaches the model. */
class PageDebrisTest {
  private static final String PAGE = String.join("\n",
      "<div class=\"lead\">Венесуэла получила от России зенитные комплексы, сообщает агентство.</div>",
      "<script type=\"text/javascript\">var player = jwplayer(\"vid\"); player.setup({file: \"x.mp4\"});</script>",
      "jwplayer(\"video-1\").setup({ file: \"https://cdn.example/v.mp4\", autostart: false });",
      "var googletag = googletag || {};",
      "(function() { var s = document.createElement('script'); })();",
      "});",
      "Поставки включают радары; об этом заявил министр&nbsp;обороны.",
      "<a href=\"https://example.com/more\">Читайте также: Мадуро встретился с послом</a>",
      "👉 Подписывайтесь на наш канал",
      "Поделиться",
      "Поделитесь мнением в комментариях, просит редакция.",
      "Читайте також: Мадуро попросив ракети");

  @Test
  void scriptsMarkupCodeAndShareLinesGoPlainSentencesStay() {
    var spark = SparkTestSession.get();
    JobConfig cfg = ConfigLoader.load(ConfigLoader.DEFAULT_CONF, Map.of(), "seeds", "auto", "unused");
    StructType schema = new StructType().add("article_id", DataTypes.StringType).add("text", DataTypes.StringType);
    Dataset<Row> articles = spark.createDataFrame(List.of(RowFactory.create("a1", PAGE)), schema);
    String body = BoilerplateRemover.apply(articles, 1000, cfg.text().boilerplateLinePrefixes())
        .select("model_text").first().getString(0);
    assertTrue(body.contains("Венесуэла получила от России зенитные комплексы"), body);
    assertTrue(body.contains("Поставки включают радары; об этом заявил министр обороны."), body);
    assertTrue(body.contains("Поделитесь мнением в комментариях"), "a sentence is not a share button: " + body);
    for (String debris : List.of("jwplayer", "function", "href", "<div", "var ", "googletag", "document.", "});",
        "&nbsp;", "Читайте также", "Подписывайтесь", "Читайте також")) {
      assertFalse(body.contains(debris), debris + " left in: " + body);
    }
    assertFalse(body.lines().anyMatch(l -> l.strip().equals("Поделиться")), body);
    assertEquals(List.of(), TermExtractor.apply(TextNormalizer.apply(BoilerplateRemover.apply(
            articles.withColumn("title", org.apache.spark.sql.functions.lit("")).withColumn("lang",
                org.apache.spark.sql.functions.lit("ru")), 1000, cfg.text().boilerplateLinePrefixes()), RecordGuard.unbounded()), cfg.text())
        .selectExpr("filter(terms, t -> t IN ('jwplayer', 'function', 'href', 'var', 'script', 'div', 'nbsp'))")
        .first().getList(0));
  }

  @Test
  void aLineRecurringInManyArticlesGoesTheArticlesOwnLinesStay() {
    var spark = SparkTestSession.get();
    StructType schema = new StructType().add("article_id", DataTypes.StringType).add("text", DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // the recurring line differs in links and emoji only: the same line to the remover
      rows.add(RowFactory.create("a" + i, "Новость номер " + i + " о санкциях.\n"
          + (i % 2 == 0 ? "🔥 Подписаться | Прислать новость" : "Подписаться | Прислать новость (https://t.me/x" + i + ")")
          + "\nЕщё одна строка " + i));
    }
    Dataset<Row> out = BoilerplateRemover.apply(spark.createDataFrame(rows, schema), 20, List.of())
        .select("article_id", "model_text");
    assertEquals(25, out.count());
    for (Row r : out.collectAsList()) {
      String n = r.getString(0).substring(1);
      assertEquals("Новость номер " + n + " о санкциях.\nЕщё одна строка " + n, r.getString(1));
    }
    // below the threshold nothing is removed
    assertTrue(BoilerplateRemover.apply(spark.createDataFrame(rows, schema), 26, List.of())
        .where("model_text LIKE '%Прислать новость%'").count() == 25);
  }
}
