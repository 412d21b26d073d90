package io.newstopics.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV files, each parsed in a task by {@link CsvParser} with its own header: one row per record with
 * {@code record} (column name to value, by that file's header; null when the row is not a record of the header),
 * {@code source_file}, {@code input_seq} (the record's first line), {@code _corrupt} (the start of a bad record's
 * text) and {@code _read_error}/{@code _read_message} (reason and message of a bad record, naming file and line).
 */
final class CsvFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CsvFiles.class);

  static final StructType ROWS = new StructType()
      .add("record", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("source_file", DataTypes.StringType)
      .add("input_seq", DataTypes.LongType)
      .add("_corrupt", DataTypes.StringType)
      .add("_read_error", DataTypes.StringType)
      .add("_read_message", DataTypes.StringType);

  private CsvFiles() {}

  /**
   * The records of the CSV files under {@code input}. Files are listed by Spark (binaryFile, path only: their
   * content is not loaded) and read through the Hadoop FileSystem API with the session's Hadoop settings, so any
   * file system Spark reads works; compressed files (.gz, .bz2...) are decompressed by their codec.
   */
  static Dataset<Row> read(SparkSession spark, String input, String delimiter, long maxFileBytes) {
    Map<String, String> hadoop = new HashMap<>();
    for (Map.Entry<String, String> e : spark.sparkContext().hadoopConfiguration()) {
      hadoop.put(e.getKey(), e.getValue());
    }
    // settings given to the session at run time reach Spark's own file scans too (its per-query Hadoop conf)
    scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll()).forEach((k, v) -> {
      if (!k.startsWith("spark.")) {
        hadoop.put(k, v);
      }
    });
    int maxChars = (int) Math.min(Integer.MAX_VALUE / 4, maxFileBytes + 65_536);
    return spark.read().format("binaryFile").option("recursiveFileLookup", true).load(input).select("path")
        .flatMap((FlatMapFunction<Row, Row>) r -> new FileRows(r.getString(0), hadoop, delimiter, maxChars),
            Encoders.row(ROWS));
  }

  /** The rows of one file, parsed as they are consumed. */
  static final class FileRows implements Iterator<Row> {
    private final String file;
    private final Reader reader;
    private final CsvParser parser;
    private List<String> names;
    private String headerProblem;
    private long headerLine;
    private Row next;
    private boolean done;

    FileRows(String path, Map<String, String> hadoop, String delimiter, int maxChars) {
      Path p = new Path(path);
      this.file = p.toUri().toString();
      Configuration conf = new Configuration(false);
      hadoop.forEach(conf::set);
      try {
        FileSystem fs = p.getFileSystem(conf);
        InputStream raw = fs.open(p);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
        reader = decoder(codec == null ? raw : codec.createInputStream(raw));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open CSV file " + file + ": " + e.getMessage()
            + " (check the file and the file system settings)", e);
      }
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) t -> close());
      }
      parser = new CsvParser(reader, delimiter, maxChars);
    }

    /** UTF-8 unless a byte-order mark says UTF-16; the mark is skipped; bad bytes become U+FFFD. */
    private static Reader decoder(InputStream in) throws IOException {
      BufferedInputStream b = new BufferedInputStream(in, 65_536);
      b.mark(3);
      int b0 = b.read();
      int b1 = b.read();
      int b2 = b.read();
      Charset cs = StandardCharsets.UTF_8;
      b.reset();
      if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
        b.skip(3);
      } else if (b0 == 0xFE && b1 == 0xFF) {
        cs = StandardCharsets.UTF_16BE;
        b.skip(2);
      } else if (b0 == 0xFF && b1 == 0xFE) {
        cs = StandardCharsets.UTF_16LE;
        b.skip(2);
      }
      return new InputStreamReader(b, cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    private Row advance() {
      long line = headerLine;
      try {
        if (names == null && headerProblem == null && !header()) {
          return end();
        }
        CsvParser.Parsed p = parser.next();
        if (p == null) {
          return end();
        }
        line = p.line();
        return row(p);
      } catch (IOException | RuntimeException e) {
        end();
        return bad(line + 1, "", ArticleReader.MALFORMED, "Cannot read " + file + " after line " + line + " ("
            + e + "): the rest of the file was not read; check or re-copy the file");
      }
    }

    /** Reads the header; false when the file has no record at all. */
    private boolean header() throws IOException {
      CsvParser.Parsed h = parser.next();
      if (h == null) {
        LOG.info("CSV file {} has no header and no records", file);
        return false;
      }
      headerLine = h.line();
      if (h.fields() == null) {
        headerProblem = "its header (line " + h.line() + ") is not a CSV row: " + h.problem();
        names = List.of();
        return true;
      }
      List<String> out = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < h.fields().size(); i++) {
        String n = h.fields().get(i) == null ? "" : h.fields().get(i).strip();
        n = n.isEmpty() ? "_c" + i : n;
        Integer before = seen.putIfAbsent(n, i + 1);
        if (before != null && headerProblem == null) {
          headerProblem = "its header (line " + h.line() + ") names column '" + n + "' twice (columns " + before
              + " and " + (i + 1) + "); rename one";
        }
        out.add(n);
      }
      names = out;
      return true;
    }

    private Row row(CsvParser.Parsed p) {
      String where = " at line " + p.line() + " of " + file;
      if (p.fields() == null) {
        return p.tooLarge()
            ? bad(p.line(), p.text(), ArticleReader.TOO_LARGE, "CSV row" + where + ": " + p.problem()
                + "; raise input.max-file-bytes in conf/news-topics.conf or split the row")
            : bad(p.line(), p.text(), ArticleReader.MALFORMED, "Broken quote in the CSV record" + where + ": "
                + p.problem() + "; fix the quoting (a quote inside a quoted field is written \"\"). The lines "
                + "after that line were read as rows");
      }
      if (headerProblem != null) {
        return bad(p.line(), p.text(), ArticleReader.MALFORMED, "CSV record" + where + " not read: " + headerProblem);
      }
      if (p.fields().size() != names.size()) {
        return bad(p.line(), p.text(), ArticleReader.MALFORMED, "CSV row" + where + " has " + p.fields().size()
            + " fields, its header (line " + headerLine + ") " + names.size() + "; fix the row (quote a field "
            + "that holds the delimiter) or remove it");
      }
      Map<String, String> record = new LinkedHashMap<>();
      boolean undecodable = false;
      for (int i = 0; i < names.size(); i++) {
        String v = p.fields().get(i);
        undecodable |= v != null && v.indexOf('\uFFFD') >= 0;
        record.put(names.get(i), v);
      }
      return RowFactory.create(scala.jdk.javaapi.CollectionConverters.asScala(record), file, p.line(), null,
          undecodable ? TextDecoder.UNDECODABLE : null,
          undecodable ? "Invalid UTF-8 bytes in the CSV record" + where + "; re-save the file as UTF-8" : null);
    }

    private Row bad(long line, String text, String reason, String message) {
      return RowFactory.create(null, file, line, text, reason, message);
    }

    private Row end() {
      done = true;
      close();
      return null;
    }

    private void close() {
      try {
        reader.close();
      } catch (IOException e) {
        LOG.debug("closing {}: {}", file, e.toString());
      }
    }
  }
}
