package io.newstopics.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.newstopics.config.JobConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads articles from a text folder, JSON Lines, CSV or Parquet into one shape:
 * {@code source_ref, source_file, title, text, input_lang, published_date, source, url, metadata, raw, error}.
 * Records that cannot be articles keep a reason code in {@code error} (they go to quarantine, never vanish).
 */
public final class ArticleReader {
  /** Error codes written to news.quarantine.reason. */
  public static final String MALFORMED = "malformed_record";
  public static final String EMPTY = "empty_text";
  public static final String TOO_LARGE = "too_large";

  private static final StructType DECODED = new StructType().add("text", DataTypes.StringType)
      .add("charset", DataTypes.StringType).add("html", DataTypes.BooleanType)
      .add("error", DataTypes.StringType).add("message", DataTypes.StringType);

  private static final String DATE_MARKER = "^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})";
  /** Working column of the date text, for the SQL try_cast in {@link #parseDate} (dropped by the final select). */
  private static final String DATE_TEXT = "_date_text";

  private ArticleReader() {}

  /** Reads {@code cfg.input()} in {@code format} (resolved once by the caller with {@link InputFormat#resolve}). */
  public static Dataset<Row> read(SparkSession spark, JobConfig cfg, InputFormat format) {
    Dataset<Row> articles = switch (format) {
      case TEXT -> textFolder(spark, cfg.input(), cfg.maxFileBytes());
      case JSONL -> records(jsonLines(spark, cfg.input()), cfg.fields());
      case CSV -> records(csv(spark, cfg.input(), cfg.csvDelimiter(), cfg.maxFileBytes()), cfg.fields());
      case PARQUET -> records(table(spark.read().parquet(cfg.input()), null), cfg.fields());
    };
    Column empty = col("error").isNull().and(coalesce(blank("`text`"), lit(true)));
    Column tooLong = col("error").isNull().and(length(col("text")).gt(lit(cfg.maxFileBytes())));
    return articles
        .withColumn("error_message", when(empty, lit("No text: the file or the text field is empty or only "
            + "markup (for records, check input.fields.text in conf/news-topics.conf)"))
            .when(tooLong, lit("Text longer than input.max-file-bytes (" + cfg.maxFileBytes() + "); raise it in "
                + "conf/news-topics.conf"))
            .otherwise(col("error_message")))
        .withColumn("error", when(empty, lit(EMPTY)).when(tooLong, lit(TOO_LARGE)).otherwise(col("error")));
  }

  /**
   * CSV files, each by its own header (columns matched by name); a row of the wrong width, or whose quote is broken
   * (the rows after it are still read as rows), is kept as a malformed record naming its file and line.
   * {@code delimiter}: any text without quotes or line breaks; {@code \t} (backslash, t) is a tab, as in Spark.
   */
  static Dataset<Row> csv(SparkSession spark, String input, String delimiter, long maxFileBytes) {
    String sep = delimiter.equals("\\t") ? "\t" : delimiter;
    Dataset<Row> rows = CsvFiles.read(spark, input, sep, maxFileBytes);
    return spread(rows.withColumn("raw", substring(coalesce(col("_corrupt"),
            org.apache.spark.sql.functions.to_json(col("record"))), 1, 200))
        .drop("_corrupt"));
  }

  /**
   * One article per file: title = first non-empty line; a leading {@code date YYYY-MM-DD} line gives the date.
   * Files are read as bytes and decoded by {@link TextDecoder}; files over {@code maxBytes} are not read at all
   * (binaryFile pushes the length filter down) and come back with error {@code too_large}.
   */
  static Dataset<Row> textFolder(SparkSession spark, String input, long maxBytes) {
    Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", true).load(input);
    Dataset<Row> large = files.where(col("length").gt(lit(maxBytes)))
        .select(col("path").as("source_file"), lit(null).cast("string").as("value"),
            lit(null).cast("string").as("charset"), lit(false).as("html"), lit(TOO_LARGE).as("error"),
            concat(lit("File of "), col("length").cast("string"), lit(" bytes is over input.max-file-bytes ("
                + maxBytes + "); raise it in conf/news-topics.conf or split the file")).as("error_message"));
    UserDefinedFunction decode = udf((UDF1<byte[], Row>) bytes -> {
      TextDecoder.Decoded d = TextDecoder.decodeSafely(bytes);
      return RowFactory.create(d.text(), d.charset(), d.html(), d.error(), d.message());
    }, DECODED);
    Dataset<Row> small = files.where(col("length").leq(lit(maxBytes)))
        .select(col("path").as("source_file"), decode.apply(col("content")).as("d"));
    // 0-byte files (skipped by Spark's scans) as decoded-empty rows: the shared empty_text check below takes them
    Dataset<Row> empty = spark.createDataFrame(EmptyFiles.list(spark, input).stream()
            .map(f -> RowFactory.create(f, RowFactory.create("", "UTF-8", false, null, null))).toList(),
        new StructType().add("source_file", DataTypes.StringType).add("d", DECODED));
    Dataset<Row> all = small.unionByName(empty)
        .select(col("source_file"), col("d.text").as("value"), col("d.charset").as("charset"),
            col("d.html").as("html"), col("d.error").as("error"), col("d.message").as("error_message"))
        .unionByName(large);
    Column date = regexp_extract(coalesce(col("value"), lit("")), DATE_MARKER, 1);
    Column body = when(date.notEqual(""), regexp_replace(col("value"), DATE_MARKER + "[^\\n]*(\\n|$)", ""))
        .otherwise(col("value"));
    return all
        .withColumn("body", body)
        .withColumn(DATE_TEXT, nullif(date, lit("")))
        .select(
            col("source_file").as("source_ref"),
            col("source_file"),
            firstLine(col("body")).as("title"),
            trim("`body`").as("text"),
            lit(null).cast("string").as("input_lang"),
            tryCast(DATE_TEXT, "date").as("published_date"),
            lit(null).cast("string").as("source"),
            lit(null).cast("string").as("url"),
            lit(null).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)).as("metadata"),
            col("charset").as("source_encoding"),
            when(col("html"), array(lit("html_stripped"))).otherwise(array().cast("array<string>")).as("quality_flags"),
            substring(col("value"), 1, 200).as("raw"),
            lit(null).cast("long").as("input_seq"),
            col("error"),
            col("error_message"));
  }

  /** JSON Lines as {@code record: map<string,string>} (nested values kept as JSON text), one per non-blank line. */
  static Dataset<Row> jsonLines(SparkSession spark, String input) {
    return spread(spark.read().option("recursiveFileLookup", true).text(input)
        .select(col("value").as("raw"), col("_metadata.file_path").as("source_file"),
            org.apache.spark.sql.functions.monotonically_increasing_id().as("input_seq")))
        .where(org.apache.spark.sql.functions.not(blank("`raw`")))
        .withColumn("record", from_json(col("raw"),
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
  }

  /** A tabular input (Parquet) as {@code record: map<string,string>}; null record for a corrupt row. */
  static Dataset<Row> table(Dataset<Row> df, String corruptColumn) {
    List<Column> values = new ArrayList<>();
    List<Column> keys = new ArrayList<>();
    for (String n : df.columns()) {
      if (n.equals(corruptColumn)) {
        continue;
      }
      boolean complex = !(df.schema().apply(n).dataType() instanceof org.apache.spark.sql.types.AtomicType);
      values.add(complex ? org.apache.spark.sql.functions.to_json(col("`" + n + "`"))
          : col("`" + n + "`").cast("string"));
      keys.add(lit(n));
    }
    Column record = map_from_arrays(array(keys.toArray(Column[]::new)), array(values.toArray(Column[]::new)));
    Column corrupt = corruptColumn == null ? lit(null).cast("string") : col(corruptColumn);
    return spread(df.select(when(corrupt.isNull(), record).as("record"), col("_metadata.file_path").as("source_file"),
            corrupt.as("_corrupt"), org.apache.spark.sql.functions.monotonically_increasing_id().as("input_seq")))
        .withColumn("raw", substring(coalesce(col("_corrupt"), org.apache.spark.sql.functions.to_json(col("record"))),
            1, 200))
        .drop("_corrupt");
  }

  /**
   * The records over at least as many partitions as the session has cores (by input_seq), when the scan gives fewer:
   * a gzipped file is one partition, and parsing, hashing and checking all of its records in one task would leave
   * the other cores idle. The rows are the same, only spread.
   */
  static Dataset<Row> spread(Dataset<Row> records) {
    int cores = records.sparkSession().sparkContext().defaultParallelism();
    return records.javaRDD().getNumPartitions() < cores ? records.repartition(cores, col("input_seq")) : records;
  }

  /** Maps a {@code record} column to the article shape, by the configured field names. */
  static Dataset<Row> records(Dataset<Row> recs, JobConfig.InputFields f) {
    Column rec = col("record");
    Column[] idParts = f.id().stream().map(ArticleReader::field).toArray(Column[]::new);
    Column id = nullif(concat_ws(":", idParts), lit(""));
    Column text = coalesce(candidatesRaw(f.text()));
    Column title = coalesce(field(f.title()), firstLine(text));
    Column dateText = field(f.date());
    Column date = parseDate(DATE_TEXT);
    List<String> mapped = f.mapped();
    Column metadata = map_filter(rec, (k, v) -> org.apache.spark.sql.functions.not(k.isin(mapped.toArray())));
    Column ref = coalesce(id, concat(col("source_file"), lit("#"), substring(sha2(col("raw"), 256), 1, 16)));
    Column badDate = dateText.isNotNull().and(date.isNull());
    // Invalid UTF-8 bytes become U+FFFD when the regex engine decodes the row, so this also finds them
    // (is_valid_utf8 would say the same but exists only from Spark 4.0).
    Column invalidUtf8 = col("raw").rlike("\uFFFD");
    Column error = when(rec.isNull(), lit(MALFORMED))
        .when(invalidUtf8, lit(TextDecoder.UNDECODABLE))
        .otherwise(lit(null).cast("string"));
    Column message = when(rec.isNull(), lit("Not a JSON object or CSV row of the header's width; fix or remove "
        + "it in the input file"))
        .when(invalidUtf8, lit("Invalid UTF-8 bytes in the record; re-save the file as UTF-8"));
    if (java.util.Arrays.asList(recs.columns()).contains("_read_error")) {
      // a reader that judged its records itself (CSV: file and line in the message) decides first
      error = coalesce(col("_read_error"), error);
      message = when(col("_read_error").isNotNull(), col("_read_message")).otherwise(message);
    }
    return recs.withColumn(DATE_TEXT, dateText).select(
        ref.as("source_ref"),
        col("source_file"),
        title.as("title"),
        text.as("text"),
        field(f.lang()).as("input_lang"),
        date.as("published_date"),
        field(f.source()).as("source"),
        field(f.url()).as("url"),
        when(rec.isNull(), lit(null))
            .when(badDate, org.apache.spark.sql.functions.map_concat(metadata,
                org.apache.spark.sql.functions.map(lit("unparsed_date"), dateText)))
            .otherwise(metadata).as("metadata"),
        lit("UTF-8").as("source_encoding"),
        when(badDate, array(lit("unparsable_date"))).otherwise(array().cast("array<string>")).as("quality_flags"),
        substring(col("raw"), 1, 200).as("raw"),
        col("input_seq"),
        error.as("error"),
        message.as("error_message"));
  }

  /**
   * ISO dates and timestamps (with or without offset), dd.MM.yyyy, yyyy/MM/dd; null when none fits.
   * {@code column} names a column holding the trimmed date text.
   */
  static Column parseDate(String column) {
    Column t = col(column);
    return coalesce(to_date(tryCast(column, "timestamp")), tryCast(column, "date"),
        to_date(org.apache.spark.sql.functions.try_to_timestamp(t, lit("dd.MM.yyyy"))),
        to_date(org.apache.spark.sql.functions.try_to_timestamp(t, lit("dd.MM.yyyy HH:mm"))),
        to_date(org.apache.spark.sql.functions.try_to_timestamp(t, lit("yyyy/MM/dd"))));
  }

  /**
   * {@code try_cast(<column> AS <type>)}: null where the value does not convert. In SQL on a named column because
   * Column.try_cast exists only from Spark 4.0, while SQL's try_cast is in Spark 3.5 and 4.x alike.
   */
  static Column tryCast(String column, String type) {
    return org.apache.spark.sql.functions.expr("try_cast(`" + column + "` AS " + type + ")");
  }

  /** The first non-empty line, trimmed; null if there is none. */
  static Column firstLine(Column text) {
    // the group starts and ends with a character other than white space: nothing to trim. The leading white space
    // is taken possessively: a text of only white space fails at once instead of backtracking over it (quadratic)
    return nullif(regexp_extract(coalesce(text, lit("")), "^\\s*+([^\\n]*\\S)", 1), lit(""));
  }

  /**
   * Java's regex white space ({@code \\s}: space, tab, line feed, vertical tab, form feed, carriage return), the
   * characters {@link #trim} removes.
   */
  static final String WHITE_SPACE = " \t\n\u000B\f\r";

  /**
   * The SQL expression {@code sql} trimmed of all white space, as {@code regexp_replace(c, '^\\s+|\\s+$', '')}
   * would (Spark's one-argument trim only removes spaces): with Spark's character trim, on the UTF-8 bytes, without
   * decoding each text or trying a regex alternation at every character. In SQL's {@code TRIM(BOTH chars FROM str)}
   * form: the two-argument trim functions are deprecated in Spark 4 (and logged so).
   */
  static Column trim(String sql) {
    return expr("TRIM(BOTH '" + WHITE_SPACE + "' FROM " + sql + ")");
  }

  /**
   * Whether the SQL expression {@code sql} is only white space ({@link #WHITE_SPACE}; null for null):
   * {@code trim(sql) = ''} without its cost. Spark's character trim from the right builds two int arrays as long as
   * the text and walks all of it; from the left it stops at the first other character, which is all a blankness
   * test needs.
   */
  static Column blank(String sql) {
    return expr("TRIM(LEADING '" + WHITE_SPACE + "' FROM " + sql + ") = ''");
  }

  /** The SQL of field {@code key} of column {@code record} (null when the record has no such field). */
  private static String fieldSql(String key) {
    return "try_element_at(`record`, '" + key.replace("\\", "\\\\").replace("'", "\\'") + "')";
  }

  /** Field {@code key} of column {@code record}: one lookup, whether the caller needs a Column or SQL. */
  private static Column field(String key) {
    return expr(fieldSql(key));
  }

  /** The first non-empty of the candidate fields. */
  private static Column field(List<String> candidates) {
    return coalesce(candidates.stream().map(k -> nullif(trim(fieldSql(k)), lit(""))).toArray(Column[]::new));
  }

  private static Column[] candidatesRaw(List<String> candidates) {
    return candidates.stream().map(k -> when(org.apache.spark.sql.functions.not(blank(fieldSql(k))), field(k)))
        .toArray(Column[]::new);
  }
}
