package io.newstopics.ingest;

import io.newstopics.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's file scans skip 0-byte files, so an empty article file would vanish without a trace. This lists them
 * (streaming the listing, keeping only the empty ones) so that they reach news.quarantine as empty_text.
 */
final class EmptyFiles {
  private EmptyFiles() {}

  static List<String> list(SparkSession spark, String input) {
    List<String> out = new ArrayList<>();
    try {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path qualifiedRoot = fs.makeQualified(root);
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualifiedRoot, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (f.getLen() == 0 && !hidden(qualifiedRoot, f.getPath())) {
          out.add(f.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot list input " + input + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Like Spark: a file or folder whose name starts with '.' or '_' below the input root is not input. */
  private static boolean hidden(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String n = p.getName();
      if (n.startsWith(".") || n.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
