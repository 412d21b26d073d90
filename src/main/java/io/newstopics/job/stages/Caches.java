package io.newstopics.job.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets a run (or one stage) persists, unpersisted together when it ends ({@link #close}). A run's stages
 * read these caches instead of computing their plans again.
 */
public final class Caches implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Caches.class);

  private final List<Dataset<Row>> kept = new ArrayList<>();

  /**
   * Persists {@code d} (memory, then disk) until {@link #close}. What is persisted is {@code d}'s rows under a plan
   * of one scan ({@code createDataFrame} of its rows; computed by d's plan when first read): Spark
   * prints a cached plan in full inside every plan that reads it, so caches built on caches would multiply the plan
   * text held by the driver.
   */
  public Dataset<Row> keep(Dataset<Row> d) {
    Dataset<Row> cached = d.sparkSession().createDataFrame(d.javaRDD(), d.schema())
        .persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(cached);
    return cached;
  }

  /** How many datasets are kept. */
  public int size() {
    return kept.size();
  }

  /**
   * Unpersists every cache, without letting a failure here (a context an OutOfMemoryError has stopped) replace the
   * error a run is failing with.
   */
  @Override
  public void close() {
    for (Dataset<Row> d : kept) {
      try {
        d.unpersist();
      } catch (RuntimeException e) {
        LOG.warn("Could not unpersist a cached dataset: {}", e.toString());
      }
    }
  }
}
