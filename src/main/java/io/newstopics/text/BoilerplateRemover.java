package io.newstopics.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Removes page and channel debris before modelling: a line whose words (links, markup and emoji ignored) recur in
 * many articles — "Подписаться | Прислать новость", "Читать нас без VPN", share and player blocks — is boilerplate,
 * not news. Adds {@code model_text}; the stored article text is left as it was.
 */
public final class BoilerplateRemover {
  private BoilerplateRemover() {}

  /** Lines found in at least max(minArticles, minShare * articles) articles are removed. */
  public static long threshold(long articles, int minArticles, double minShare) {
    return Math.max(minArticles, (long) Math.ceil(minShare * articles));
  }

  static Column lineKey(Column line) {
    Column noLinks = regexp_replace(line, "\\((?:https?://|www\\.)[^)]*\\)|(?:https?://|www\\.)\\S+", " ");
    return trim(regexp_replace(lower(noLinks), "[^\\p{L}\\p{N}]+", " "));
  }

  /** Page debris ({@link PageDebris}) first, then the recurring lines. */
  public static Dataset<Row> apply(Dataset<Row> articles, long threshold, List<String> linePrefixes) {
    return apply(articles, threshold, linePrefixes, null);
  }

  /** The lines of the articles once page debris is gone: article_id, pos, line, key. */
  private static Dataset<Row> lines(Dataset<Row> articles, List<String> linePrefixes) {
    return articles
        .select(col("article_id"),
            posexplode(split(PageDebris.strip(coalesce(col("text"), lit("")), linePrefixes), "\n")))
        .select(col("article_id"), col("pos"), col("col").as("line"))
        .withColumn("key", lineKey(col("line")));
  }

  /** The boilerplate of these articles: the keys (column key) of the lines found in at least threshold of them. */
  public static Dataset<Row> commonKeys(Dataset<Row> articles, long threshold, List<String> linePrefixes) {
    return common(lines(articles, linePrefixes), threshold);
  }

  private static Dataset<Row> common(Dataset<Row> lines, long threshold) {
    return lines.where(length(col("key")).gt(0))
        .groupBy("key").agg(count_distinct(col("article_id")).as("n"))
        .where(col("n").geq(lit(threshold))).select("key");
  }

  /**
   * As {@link #apply(Dataset, long, List)}, also removing the lines whose key is in {@code known} (the boilerplate
   * of the corpus a model was trained on, so that scoring a few articles removes what training removed); null: none.
   */
  public static Dataset<Row> apply(Dataset<Row> articles, long threshold, List<String> linePrefixes,
                                   Dataset<Row> known) {
    Dataset<Row> lines = lines(articles, linePrefixes);
    Dataset<Row> common = common(lines, threshold);
    if (known != null) {
      common = common.union(known.select("key")).distinct();
    }
    // a using-join: both sides' key is the same column of one lineage, so key = key would be trivially true
    Dataset<Row> body = lines.join(common, new String[] {"key"}, "left_anti")
        .groupBy("article_id")
        .agg(concat_ws("\n", transform(sort_array(collect_list(struct(col("pos"), col("line")))),
            x -> x.getField("line"))).as("model_text"));
    return articles.join(body, "article_id", "left")
        .withColumn("model_text", coalesce(col("model_text"), lit("")));
  }
}
