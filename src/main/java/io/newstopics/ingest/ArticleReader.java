package io.newstopics.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.newstopics.config.JobConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads articles from a text folder, JSON Lines, CSV or Parquet into one shape:
 * {@code source_ref, source_file, title, text, input_lang, published_date, source, url, metadata, raw, error}.
 * Records that cannot be articles keep a reason code in {@code error} (they go to quarantine, never vanish).
 */
public final class ArticleReader {
  /** Error codes written to news.quarantine.reason. */
  public static final String MALFORMED = "malformed_record";
  public static final String EMPTY = "empty_text";

  private static final String DATE_MARKER = "^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})";

  private ArticleReader() {}

  public static Dataset<Row> read(SparkSession spark, JobConfig cfg) {
    InputFormat format = InputFormat.resolve(spark, cfg.input(), cfg.format());
    Dataset<Row> articles = switch (format) {
      case TEXT -> textFolder(spark, cfg.input());
      case JSONL -> records(jsonLines(spark, cfg.input()), cfg.fields());
      case CSV -> records(table(spark.read().option("header", true).option("multiLine", true)
          .option("sep", cfg.csvDelimiter()).option("mode", "PERMISSIVE").csv(cfg.input())), cfg.fields());
      case PARQUET -> records(table(spark.read().parquet(cfg.input())), cfg.fields());
    };
    return articles.withColumn("error",
        when(col("error").isNull().and(coalesce(trim(col("text")), lit("")).equalTo("")), lit(EMPTY))
            .otherwise(col("error")));
  }

  /** One article per file: title = first non-empty line; a leading {@code date YYYY-MM-DD} line gives the date. */
  static Dataset<Row> textFolder(SparkSession spark, String input) {
    Dataset<Row> files = spark.read().option("wholetext", true).option("recursiveFileLookup", true).text(input)
        .select(col("value"), col("_metadata.file_path").as("source_file"));
    Column date = regexp_extract(col("value"), DATE_MARKER, 1);
    Column body = when(date.notEqual(""), regexp_replace(col("value"), DATE_MARKER + "[^\\n]*(\\n|$)", ""))
        .otherwise(col("value"));
    return files
        .withColumn("body", body)
        .select(
            col("source_file").as("source_ref"),
            col("source_file"),
            nullif(trim(regexp_extract(col("body"), "^\\s*([^\\n]*\\S)", 1)), lit("")).as("title"),
            trim(col("body")).as("text"),
            lit(null).cast("string").as("input_lang"),
            nullif(date, lit("")).try_cast("date").as("published_date"),
            lit(null).cast("string").as("source"),
            lit(null).cast("string").as("url"),
            lit(null).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)).as("metadata"),
            substring(col("value"), 1, 200).as("raw"),
            lit(null).cast("string").as("error"));
  }

  /** JSON Lines as {@code record: map<string,string>} (nested values kept as JSON text), one per non-blank line. */
  static Dataset<Row> jsonLines(SparkSession spark, String input) {
    return spark.read().option("recursiveFileLookup", true).text(input)
        .select(col("value").as("raw"), col("_metadata.file_path").as("source_file"))
        .where(trim(col("raw")).notEqual(""))
        .withColumn("record", from_json(col("raw"),
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
  }

  /** A tabular input (CSV, Parquet) as {@code record: map<string,string>}. */
  static Dataset<Row> table(Dataset<Row> df) {
    String[] names = df.columns();
    List<Column> values = new ArrayList<>();
    List<Column> keys = new ArrayList<>();
    for (String n : names) {
      boolean complex = !(df.schema().apply(n).dataType() instanceof org.apache.spark.sql.types.AtomicType);
      values.add(complex ? org.apache.spark.sql.functions.to_json(col("`" + n + "`"))
          : col("`" + n + "`").cast("string"));
      keys.add(lit(n));
    }
    Column record = map_from_arrays(array(keys.toArray(Column[]::new)), array(values.toArray(Column[]::new)));
    return df.select(record.as("record"), col("_metadata.file_path").as("source_file"))
        .withColumn("raw", substring(org.apache.spark.sql.functions.to_json(col("record")), 1, 200));
  }

  /** Maps a {@code record} column to the article shape, by the configured field names. */
  static Dataset<Row> records(Dataset<Row> recs, JobConfig.InputFields f) {
    Column rec = col("record");
    Column[] idParts = f.id().stream().map(k -> field(rec, k)).toArray(Column[]::new);
    Column id = nullif(concat_ws(":", idParts), lit(""));
    Column text = coalesce(candidatesRaw(rec, f.text()));
    Column title = coalesce(nullif(trim(field(rec, f.title())), lit("")),
        nullif(trim(regexp_extract(coalesce(text, lit("")), "^\\s*([^\\n]*\\S)", 1)), lit("")));
    Column dateText = trim(field(rec, f.date()));
    Column date = coalesce(to_date(dateText.try_cast("timestamp")), dateText.try_cast("date"));
    List<String> mapped = f.mapped();
    Column metadata = map_filter(rec, (k, v) -> org.apache.spark.sql.functions.not(k.isin(mapped.toArray())));
    Column ref = coalesce(id, concat(col("source_file"), lit("#"), substring(sha2(col("raw"), 256), 1, 16)));
    return recs.select(
        ref.as("source_ref"),
        col("source_file"),
        title.as("title"),
        text.as("text"),
        field(rec, f.lang()).as("input_lang"),
        date.as("published_date"),
        field(rec, f.source()).as("source"),
        field(rec, f.url()).as("url"),
        when(rec.isNull(), lit(null)).otherwise(metadata).as("metadata"),
        substring(col("raw"), 1, 200).as("raw"),
        when(rec.isNull(), lit(MALFORMED)).otherwise(lit(null).cast("string")).as("error"));
  }

  /** Trims all white space (Spark's trim only removes spaces). */
  static Column trim(Column c) {
    return regexp_replace(c, "^\\s+|\\s+$", "");
  }

  private static Column field(Column record, String key) {
    return try_element_at(record, lit(key));
  }

  /** The first non-empty of the candidate fields. */
  private static Column field(Column record, List<String> candidates) {
    return coalesce(candidates.stream().map(k -> nullif(trim(field(record, k)), lit(""))).toArray(Column[]::new));
  }

  private static Column[] candidatesRaw(Column record, List<String> candidates) {
    return candidates.stream().map(k -> when(trim(field(record, k)).notEqual(""), field(record, k)))
        .toArray(Column[]::new);
  }

  /** Names the input fields a user can map, for messages. */
  public static String fieldsHelp(JobConfig.InputFields f) {
    return Arrays.toString(f.mapped().toArray());
  }
}
