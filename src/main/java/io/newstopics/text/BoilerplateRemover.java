package io.newstopics.text;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
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
    return remove(articles, keys(commonKeys(articles, threshold, linePrefixes), known), linePrefixes);
  }

  /**
   * The keys of {@code common} and {@code known} (null: none), sorted, on the driver. They are few whatever the
   * corpus size: each is the key of a line found in at least the threshold's number of articles, and the threshold
   * grows with the corpus ({@link #threshold}).
   */
  public static List<String> keys(Dataset<Row> common, Dataset<Row> known) {
    Dataset<Row> all = known == null ? common.select("key") : common.select("key").union(known.select("key"));
    List<String> out = new java.util.ArrayList<>();
    for (Row r : all.distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    java.util.Collections.sort(out);
    return out;
  }

  /**
   * Adds {@code model_text}: the text without page debris and without the lines whose key is in {@code keys}, in
   * their order. Row by row with built-in array functions: the explode, anti-join, regrouping and join back by
   * article_id this was before cost two shuffles of every line of the corpus.
   */
  public static Dataset<Row> remove(Dataset<Row> articles, List<String> keys, List<String> linePrefixes) {
    Column boilerplate = lit(keys.toArray(new String[0]));
    Column lines = split(PageDebris.strip(coalesce(col("text"), lit("")), linePrefixes), "\n");
    return articles.withColumn("model_text", concat_ws("\n",
        filter(lines, line -> org.apache.spark.sql.functions.not(array_contains(boilerplate, lineKey(line))))));
  }
}
