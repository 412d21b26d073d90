package io.newstopics.text;

import static org.apache.spark.sql.functions.col;

import io.newstopics.config.JobConfig.TextOptions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Stage: adds {@code terms} (stems/lemmas) and {@code surfaces} (the words they were read from, same order)
 * from {@code lang} and {@code clean_text}, through {@link TermAnalyzer}. The one UDF of the pipeline:
 * Lucene's analysis has no Spark built-in equivalent.
 */
public final class TermExtractor {
  private static final StructType RESULT = new StructType()
      .add("terms", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("surfaces", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private TermExtractor() {}

  public static Dataset<Row> apply(Dataset<Row> articles, TextOptions options) {
    TermAnalyzer analyzer = new TermAnalyzer(options);
    UDF2<String, String, Row> fn = (lang, text) -> {
      TermAnalyzer.Terms t = analyzer.analyze(lang, text);
      return RowFactory.create(seq(t.terms()), seq(t.surfaces()));
    };
    UserDefinedFunction analyze = new RecordGuard(options.maxSecondsPerArticle())
        .udf("term analysis", fn, RESULT, RowFactory.create(seq(List.of()), seq(List.of())));
    return RecordGuard.apply(articles, "_analysed", analyze.apply(col("lang"), col("clean_text")))
        .withColumn("terms", col("_analysed.terms"))
        .withColumn("surfaces", col("_analysed.surfaces"))
        .drop("_analysed");
  }

  /** Each term by its replacement in {@code by}, if it has one; null terms: null. */
  public static String[] replaced(Map<String, String> by, scala.collection.Seq<String> terms) {
    if (terms == null) {
      return null;
    }
    String[] out = new String[terms.length()];
    for (int i = 0; i < out.length; i++) {
      String t = terms.apply(i);
      out[i] = by.getOrDefault(t, t);
    }
    return out;
  }

  private static scala.collection.immutable.Seq<String> seq(List<String> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
