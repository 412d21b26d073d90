package io.newstopics.topics;

import java.io.Serializable;
import org.apache.spark.Partition;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;

/**
 * Coalesces an RDD's partitions into contiguous runs of equal count (parents 0-3 into the first, 4-7 into the
 * second, ...). Spark's default coalescer groups by preferred location, and when every parent lives on the same
 * executor (a local master, cached partitions) its groups need not be even, and each LDA iteration waits for the
 * largest. The LDA input's partitions are of about equal size (a hash partitioning by content with a given number,
 * {@code Partitions.byContent}), so equal counts are equal work.
 */
final class ContiguousCoalescer implements PartitionCoalescer, Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public PartitionGroup[] coalesce(int maxPartitions, RDD<?> parent) {
    Partition[] parts = parent.partitions();
    int groups = Math.max(1, Math.min(maxPartitions, parts.length));
    PartitionGroup[] out = new PartitionGroup[groups];
    for (int g = 0; g < groups; g++) {
      out[g] = new PartitionGroup(scala.Option.empty());
    }
    for (int i = 0; i < parts.length; i++) {
      out[(int) ((long) i * groups / parts.length)].partitions().addOne(parts[i]);
    }
    return out;
  }
}
