package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newstopics.SparkTestSession;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class ContiguousCoalescerTest {
  private static List<List<Integer>> coalesced(int rows, int partitions, int groups) {
    JavaRDD<Integer> rdd = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext())
        .parallelize(IntStream.range(0, rows).boxed().toList(), partitions);
    return rdd.rdd().coalesce(groups, false, scala.Option.apply(new ContiguousCoalescer()), null).toJavaRDD()
        .glom().collect();
  }

  @Test
  void equalRunsOfPartitionsInOrder() {
    List<List<Integer>> two = coalesced(800, 8, 2);
    assertEquals(IntStream.range(0, 400).boxed().toList(), two.get(0));
    assertEquals(IntStream.range(400, 800).boxed().toList(), two.get(1));
    // 7 partitions of 100 into 3: 3, 2 and 2 of them
    List<List<Integer>> three = coalesced(700, 7, 3);
    assertEquals(List.of(300, 200, 200), three.stream().map(List::size).toList());
    assertEquals(IntStream.range(0, 700).boxed().toList(), three.stream().flatMap(List::stream).toList());
  }

  @Test
  void neverMoreGroupsThanPartitions() {
    assertEquals(List.of(List.of(0, 1, 2)), coalesced(3, 1, 2));
  }
}
