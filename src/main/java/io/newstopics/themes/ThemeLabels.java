package io.newstopics.themes;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import io.newstopics.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Analysts' theme labels: JSON Lines, one object per article, {@code {"id": "...", "themes": ["sanctions", ...]}};
 * {@code []} means labelled and none of the themes. The themes a file labels are those it names at least once: an
 * article is a negative for each of them that it does not list. An id is the article's {@code source_ref}
 * (news.articles), or the file name of a source_ref that is a path (a text folder's article).
 *
 * @param labels id, themes (the well-formed lines; an id listed twice: its first line)
 * @param themes the themes the file names, sorted
 * @param malformed lines that are not such an object (no id, or themes not a list of strings)
 * @param unknownThemes themes the file names that the configuration does not have (left out)
 */
public record ThemeLabels(String file, Dataset<Row> labels, List<String> themes, long lines, long malformed,
                          long duplicates, List<String> unknownThemes) {

  /** Reads a labels file (any Hadoop path), keeping the themes of {@code known}. */
  public static ThemeLabels read(SparkSession spark, String file, List<String> known) {
    Dataset<Row> raw;
    try {
      raw = spark.read().schema("id STRING, themes ARRAY<STRING>, _corrupt STRING")
          .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", "_corrupt").json(file);
    } catch (Exception e) { // AnalysisException (checked in Java) when the path does not exist
      throw new ConfigException("cannot read the labels file " + file + ": " + e.getMessage().lines().findFirst()
          .orElse("") + " (give a JSON Lines file of {\"id\": ..., \"themes\": [...]}, see docs/themes.md)");
    }
    raw = raw.cache();
    long lines = raw.count();
    Dataset<Row> valid = raw.where(col("_corrupt").isNull().and(col("id").isNotNull()).and(col("themes").isNotNull())
        .and(org.apache.spark.sql.functions.trim(col("id")).notEqual(lit(""))));
    long good = valid.count();
    Dataset<Row> first = valid.dropDuplicates("id").select("id", "themes");
    long distinct = first.count();
    TreeSet<String> named = new TreeSet<>();
    for (Row r : first.select(explode(col("themes"))).distinct().collectAsList()) { // theme names: a few rows
      named.add(r.getString(0));
    }
    List<String> unknown = new ArrayList<>();
    List<String> themes = new ArrayList<>();
    for (String t : named) {
      (known.contains(t) ? themes : unknown).add(t);
    }
    raw.unpersist();
    if (lines == 0) {
      throw new ConfigException("the labels file " + file + " has no lines (see docs/themes.md for the format)");
    }
    return new ThemeLabels(file, first, List.copyOf(themes), lines, lines - good, good - distinct,
        List.copyOf(unknown));
  }

  /** What was left out, in one line (empty when nothing was). */
  public String problems() {
    List<String> out = new ArrayList<>();
    if (malformed > 0) {
      out.add(malformed + " malformed line(s) (not {\"id\": \"...\", \"themes\": [...]})");
    }
    if (duplicates > 0) {
      out.add(duplicates + " repeated id(s) (the first line of each was used)");
    }
    if (!unknownThemes.isEmpty()) {
      out.add("themes not in the configuration, left out: " + unknownThemes
          + " (the themes are the blocks of themes.lexicons)");
    }
    return String.join("; ", out);
  }

  /**
   * The labels matched to articles: article_id, id, theme, label (1.0 / 0.0), one row per matched article and
   * labelled theme. An article is matched by its source_ref, or by the file name of a source_ref that is a path.
   *
   * @param articles article_id, source_ref
   */
  public Dataset<Row> matched(Dataset<Row> articles) {
    Dataset<Row> keys = articles.select(col("article_id"), explode(array(col("source_ref"),
            when(col("source_ref").contains("/"), regexp_extract(col("source_ref"), "[^/]+$", 0)))).as("id"))
        .where(col("id").isNotNull()).distinct();
    Dataset<Row> themeNames = labels.sparkSession()
        .createDataset(themes, org.apache.spark.sql.Encoders.STRING()).toDF("theme");
    return labels.join(keys, "id")
        .dropDuplicates("article_id")
        .crossJoin(org.apache.spark.sql.functions.broadcast(themeNames))
        .select(col("article_id"), col("id"), col("theme"),
            when(array_contains(col("themes"), col("theme")), lit(1.0)).otherwise(lit(0.0)).as("label"));
  }
}
