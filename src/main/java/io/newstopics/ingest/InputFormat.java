package io.newstopics.ingest;

import io.newstopics.config.ConfigException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/** The input formats, and {@code auto}: decided from the file names of (a sample of) the input. */
public enum InputFormat {
  TEXT, JSONL, CSV, PARQUET;

  private static final int SAMPLE = 200;

  public static InputFormat parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "text", "txt" -> TEXT;
      case "jsonl", "json", "ndjson" -> JSONL;
      case "csv" -> CSV;
      case "parquet" -> PARQUET;
      default -> throw new ConfigException("unknown --format '" + name + "'; use auto, text, jsonl, csv or parquet");
    };
  }

  /** Resolves {@code auto} by the most common known extension among the first files; checks the input exists. */
  public static InputFormat resolve(SparkSession spark, String input, String format) {
    Path path = new Path(input);
    Map<InputFormat, Integer> votes = new HashMap<>();
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new ConfigException("input not found: " + input + " (give an existing file or folder with --input)");
      }
      if (!"auto".equalsIgnoreCase(format)) {
        return parse(format);
      }
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
      int seen = 0;
      while (files.hasNext() && seen < SAMPLE) {
        String name = files.next().getPath().getName().toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        seen++;
        InputFormat f = byName(name);
        votes.merge(f, 1, Integer::sum);
      }
    } catch (IOException ex) {
      throw new ConfigException("cannot read input " + input + ": " + ex.getMessage()
          + " (check the path and the file system credentials)", ex);
    }
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(TEXT);
  }

  static InputFormat byName(String name) {
    String n = name.replaceAll("\\.(gz|bz2|zst|lz4|snappy|deflate)$", "");
    if (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson")) {
      return JSONL;
    }
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".parquet")) {
      return PARQUET;
    }
    return TEXT;
  }
}
