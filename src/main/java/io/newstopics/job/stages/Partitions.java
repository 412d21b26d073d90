package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many partitions the articles are spread over: for the text stage ({@link #sized}) and for the LDA training
 * input ({@link #byContent}). Each task gets at most {@link #ARTICLES_PER_TASK} articles, so a task's rows fit in
 * a driver's heap, and the tasks come in a multiple of the cores, so that they end together.
 */
public final class Partitions {
  /** Most articles a task of the text stage analyses (and caches) at once. */
  public static final long ARTICLES_PER_TASK = 5_000;

  /** Fewest modelled articles per partition of {@link #byContent}. */
  public static final long MIN_ARTICLES_PER_PARTITION = 1_000;

  private Partitions() {}

  /**
   * The records spread over enough partitions for at most {@link #ARTICLES_PER_TASK} each (by article_id), in a
   * multiple of the session's cores ({@link #balancedTasks}); records already in enough partitions, in a multiple of
   * the cores, are left as they are.
   */
  public static Dataset<Row> sized(Dataset<Row> records, long count) {
    int cores = records.sparkSession().sparkContext().defaultParallelism();
    int wanted = balancedTasks(count, cores);
    int partitions = records.javaRDD().getNumPartitions();
    boolean unbalanced = wanted > 1 && partitions % cores != 0;
    return wanted > partitions || unbalanced ? records.repartition(wanted, col("article_id")) : records;
  }

  /**
   * {@link #tasksFor} rounded up to a multiple of {@code cores}, so that the tasks end together, but never under
   * {@link #MIN_ARTICLES_PER_PARTITION} articles per task (many cores do not split a small corpus into tiny tasks);
   * one task's worth of articles stays one task.
   */
  public static int balancedTasks(long count, int cores) {
    int tasks = tasksFor(count);
    if (tasks <= 1 || cores <= 1) {
      return tasks;
    }
    long roundedUp = (tasks + (long) cores - 1) / cores * cores;
    long byMinimum = (count + MIN_ARTICLES_PER_PARTITION - 1) / MIN_ARTICLES_PER_PARTITION;
    return (int) Math.max(tasks, Math.min(Math.min(roundedUp, byMinimum), 10_000));
  }

  /** Partitions for {@code count} articles at most {@link #ARTICLES_PER_TASK} each (at most 10,000 partitions). */
  public static int tasksFor(long count) {
    return (int) Math.min((count + ARTICLES_PER_TASK - 1) / ARTICLES_PER_TASK, 10_000);
  }

  /**
   * The modelled articles by content_hash: spark.sql.shuffle.partitions partitions, or more when they would hold
   * over {@link #ARTICLES_PER_TASK} articles each, or fewer when they would hold under
   * {@link #MIN_ARTICLES_PER_PARTITION} (one for a handful of articles). The number is given so that adaptive
   * execution does not coalesce them into fewer partitions of uneven size: the LDA fit runs one task per partition.
   */
  public static Dataset<Row> byContent(Dataset<Row> modelled, long docs) {
    long few = Math.max(1, (docs + MIN_ARTICLES_PER_PARTITION - 1) / MIN_ARTICLES_PER_PARTITION);
    int wanted = Math.max(tasksFor(docs),
        (int) Math.min(few, modelled.sparkSession().sessionState().conf().numShufflePartitions()));
    return modelled.repartition(wanted, col("content_hash"));
  }
}
