package io.newstopics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A UDF over an article's {@code terms} and {@code surfaces} (aligned): the (term, surface) pairs whose term is one of
 * {@code keys}, in text order, plus the runs of 2..{@code maxRun} consecutive terms that start with one of
 * {@code runStarts} and whose space-joined terms are a key (the run's surface: its words, space-joined). The keys
 * are in hash sets: the few hits of each article are picked before anything is exploded, so the rows grow with the
 * hits, not with every term of every article.
 *
 * <p>The same rows as exploding {@code arrays_zip(terms, surfaces)} (and the runs: {@code array_join} of
 * {@code slice}s, which skip nulls) and joining the keys: a missing surface is null, a null array gives none.
 */
public final class TermHits implements UDF2<scala.collection.Seq<String>, scala.collection.Seq<String>, Row[]> {
  /** The element of the result: term (or run of terms), surface. */
  public static final StructType HIT = new StructType().add("term", "string").add("surface", "string");
  public static final org.apache.spark.sql.types.DataType TYPE = DataTypes.createArrayType(HIT);

  private final Set<String> keys;
  private final Set<String> runStarts;
  private final int maxRun;

  /** Single terms only. */
  public TermHits(Set<String> keys) {
    this(keys, Set.of(), 1);
  }

  public TermHits(Set<String> keys, Set<String> runStarts, int maxRun) {
    this.keys = keys;
    this.runStarts = runStarts;
    this.maxRun = maxRun;
  }

  @Override
  public Row[] call(scala.collection.Seq<String> terms, scala.collection.Seq<String> surfaces) {
    if (terms == null || surfaces == null) {
      return new Row[0];
    }
    List<Row> out = new ArrayList<>();
    int n = terms.length();
    int m = surfaces.length();
    for (int i = 0; i < n; i++) {
      String t = terms.apply(i);
      if (t == null) {
        continue;
      }
      if (keys.contains(t)) {
        out.add(RowFactory.create(t, i < m ? surfaces.apply(i) : null));
      }
      if (runStarts.contains(t)) {
        for (int len = 2; len <= maxRun && i + len <= n; len++) {
          String run = joined(terms, i, i + len);
          if (keys.contains(run)) {
            out.add(RowFactory.create(run, joined(surfaces, i, Math.min(i + len, m))));
          }
        }
      }
    }
    return out.toArray(new Row[0]);
  }

  private static String joined(scala.collection.Seq<String> words, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      String w = words.apply(i);
      if (w != null) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(w);
      }
    }
    return b.toString();
  }
}
