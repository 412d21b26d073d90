package io.newstopics.topics;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import scala.Tuple2;

/**
 * The E-step of an online LDA iteration: each partition of a mini-batch infers its articles' topic weights
 * ({@link ArticleInference}) and sums their sufficient statistics; the batch's are the sum of its partitions'.
 */
final class MiniBatchStats {
  private MiniBatchStats() {}

  /** Up to this many partitions, a mini-batch's statistics are summed on the driver. */
  static final int DRIVER_SUM_PARTITIONS = 8;

  /**
   * The statistics of a mini-batch: on a few partitions (a local master: one per core) one job whose per-partition
   * statistics (the terms the partition's articles have) the driver sums; on more (a cluster), summed in a tree on
   * the executors first, as MLlib does, so the driver does not receive an array per partition.
   */
  static Stats of(JavaRDD<Tuple2<Object, Vector>> batch, PartitionStats f, int k, int vocab) {
    if (batch.getNumPartitions() > DRIVER_SUM_PARTITIONS) {
      return batch.mapPartitionsWithIndex((index, it) -> Collections.singletonList(f.of(index, it)).iterator(), false)
          .treeReduce(Stats::add, 2);
    }
    Stats[] parts = (Stats[]) batch.context().runJob(batch.rdd(), f,
        scala.reflect.ClassTag$.MODULE$.apply(Stats.class));
    Stats sum = new Stats(k, vocab);
    for (Stats part : parts) {
      sum = sum.add(part);
    }
    return sum;
  }

  /**
   * The statistics of one partition of a mini-batch, as the function of the iteration's one Spark job (partition i
   * infers with seed + i; {@link #of(int, Iterator)} for the tree of a cluster). A named class, not a lambda: Spark's
   * closure cleaner then has no enclosing class to parse on each of the fit's jobs, which run one after another
   * while the driver waits.
   */
  static final class PartitionStats
      extends scala.runtime.AbstractFunction2<org.apache.spark.TaskContext,
          scala.collection.Iterator<Tuple2<Object, Vector>>, Stats> implements Serializable {
    private final Broadcast<double[]> lambda;
    private final double[] rowDigamma;
    private final double[] alpha;
    private final int k;
    private final int vocab;
    private final long seed;

    PartitionStats(Broadcast<double[]> lambda, double[] rowDigamma, double[] alpha, int k, int vocab, long seed) {
      this.lambda = lambda;
      this.rowDigamma = rowDigamma;
      this.alpha = alpha;
      this.k = k;
      this.vocab = vocab;
      this.seed = seed;
    }

    @Override
    public Stats apply(org.apache.spark.TaskContext task, scala.collection.Iterator<Tuple2<Object, Vector>> articles) {
      return of(task.partitionId(), scala.jdk.javaapi.CollectionConverters.asJava(articles));
    }

    Stats of(int partition, Iterator<Tuple2<Object, Vector>> articles) {
      return Stats.of(articles, ArticleInference.fromLambda(lambda.value(), rowDigamma, vocab, alpha), k, vocab,
          seed + partition);
    }
  }

  /**
   * One partition's (then the batch's) sufficient statistics, already multiplied by exp(E[log beta]) (MLlib
   * multiplies their sum on the driver), the sum of E[log theta] and the article count. A partition's are sparse:
   * the rows of the terms its articles have, so a task returns only those; sums are dense.
   */
  static final class Stats implements Serializable {
    final int k;
    final int vocab;
    /** Dense: column-major k x V, null when no partition had a non-empty article. */
    double[] stat;
    /** Sparse: the terms (ascending) and their k values each (row-major), when stat is null. */
    int[] terms;
    double[] values;
    final double[] logphat;
    long docs;

    private Stats(int k, int vocab) {
      this.k = k;
      this.vocab = vocab;
      this.logphat = new double[k];
    }

    static Stats of(Iterator<Tuple2<Object, Vector>> articles, ArticleInference inference, int k, int vocab,
                    long seed) {
      Stats s = new Stats(k, vocab);
      double[] gamma = new double[k];
      double[] sstats = new double[0];
      double[] stat = null;
      while (articles.hasNext()) {
        org.apache.spark.mllib.linalg.SparseVector counts = articles.next()._2().toSparse();
        int[] ids = counts.indices();
        int n = ids.length;
        if (n == 0) {
          continue;
        }
        if (sstats.length < n * k) {
          sstats = new double[Math.max(n * k, sstats.length * 2)];
        }
        inference.infer(ids, counts.values(), n, seed, gamma, sstats);
        if (stat == null) {
          stat = new double[k * vocab];
        }
        for (int j = 0; j < n; j++) {
          int w = ids[j];
          for (int t = 0; t < k; t++) {
            stat[w * k + t] += sstats[j * k + t];
          }
        }
        double[] elogtheta = LdaMath.dirichletExpectation(gamma);
        for (int t = 0; t < k; t++) {
          s.logphat[t] += elogtheta[t];
        }
        s.docs++;
      }
      if (stat != null) {
        int used = 0;
        for (int w = 0; w < vocab; w++) {
          used += inference.used(w) ? 1 : 0;
        }
        s.terms = new int[used];
        s.values = new double[used * k];
        int i = 0;
        for (int w = 0; w < vocab; w++) {
          if (inference.used(w)) {
            s.terms[i] = w;
            for (int t = 0; t < k; t++) {
              s.values[i * k + t] = stat[w * k + t] * inference.expElogbeta(w, t);
            }
            i++;
          }
        }
      }
      return s;
    }

    /** The statistics as a dense column-major k x V array (null: no article had terms). */
    double[] dense() {
      if (stat == null && terms != null) {
        stat = new double[k * vocab];
        addSparse(this);
      }
      return stat;
    }

    /** This plus {@code o}, in this (made dense). */
    Stats add(Stats o) {
      if (o.stat != null || o.terms != null) {
        dense();
        if (stat == null) {
          stat = new double[k * vocab];
        }
        if (o.stat != null) {
          for (int i = 0; i < stat.length; i++) {
            stat[i] += o.stat[i];
          }
        } else {
          addSparse(o);
        }
      }
      for (int t = 0; t < logphat.length; t++) {
        logphat[t] += o.logphat[t];
      }
      docs += o.docs;
      return this;
    }

    private void addSparse(Stats o) {
      if (o.terms == null) {
        return;
      }
      for (int i = 0; i < o.terms.length; i++) {
        int base = o.terms[i] * k;
        for (int t = 0; t < k; t++) {
          stat[base + t] += o.values[i * k + t];
        }
      }
      if (o == this) {
        terms = null;
        values = null;
      }
    }
  }
}
