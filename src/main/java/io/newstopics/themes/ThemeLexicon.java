package io.newstopics.themes;

import io.newstopics.config.JobConfig;
import io.newstopics.text.TermAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theme lexicons of {@code conf/}, read through the same analyzers as the articles, so that a lexicon word
 * in any inflected form matches every form of it in the text: rows (theme, stem).
 */
public final class ThemeLexicon {
  private static final Logger LOG = LoggerFactory.getLogger(ThemeLexicon.class);

  private ThemeLexicon() {}

  public record Entry(String theme, String lang, String word, String stem) {}

  public static List<Entry> entries(JobConfig cfg) {
    TermAnalyzer analyzer = new TermAnalyzer(cfg.text());
    List<Entry> out = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (JobConfig.Theme theme : cfg.themes().lexicons()) {
      for (var byLang : theme.wordsByLang().entrySet()) {
        for (String word : byLang.getValue()) {
          Set<String> stems = new LinkedHashSet<>(analyzer.analyze(byLang.getKey(), word).terms());
          if (stems.isEmpty()) {
            lost.add(theme.name() + "/" + byLang.getKey() + ": " + word);
          }
          for (String s : stems) {
            out.add(new Entry(theme.name(), byLang.getKey(), word, s));
          }
        }
      }
    }
    if (!lost.isEmpty()) {
      LOG.warn("Theme words that are stopwords or too short and will never match (edit themes.lexicons): {}", lost);
    }
    return out;
  }

  /** (theme, stem), one row per pair. */
  public static Dataset<Row> asTable(SparkSession spark, JobConfig cfg) {
    List<Row> rows = entries(cfg).stream().map(e -> RowFactory.create(e.theme(), e.stem())).distinct().toList();
    StructType schema = new StructType().add("theme", DataTypes.StringType).add("stem", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }
}
