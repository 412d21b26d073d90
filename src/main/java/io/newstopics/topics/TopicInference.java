package io.newstopics.topics;

import java.util.Collections;
import java.util.Iterator;
import org.apache.commons.math3.special.Gamma;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * A fitted LDA model applied to articles: their topic mixtures and the model's bound on their log-likelihood, with
 * Spark ML's results ({@code LDAModel.transform}, {@code LDAModel.logLikelihood}: the same inference, seeds and
 * terms) and {@code exp(E[log beta])} computed once per call, where Spark ML computes it again for every article.
 */
final class TopicInference {
  private TopicInference() {}

  /**
   * MLlib's variational lower bound on the log-likelihood of {@code tf}'s articles ({@code LDAModel.logLikelihood}).
   *
   * @param tf term counts (column {@code tf}), read as MLlib's {@code logLikelihood} reads them (ids from
   *           {@code monotonically_increasing_id}, the inference seed of an article is the model's seed plus its id)
   */
  static double logLikelihood(Dataset<Row> tf, LDAModel model) {
    int k = model.getK();
    int vocab = model.vocabSize();
    double[] lambda = lambda(model);
    double[] elogbeta = LdaMath.dirichletExpectation(lambda, k, vocab);
    double[] expElogbeta = LdaMath.exp(elogbeta);
    double[] alpha = model.getEffectiveDocConcentration();
    double eta = model.getEffectiveTopicConcentration();
    long seed = model.getSeed();
    JavaRDD<Tuple2<Object, Vector>> docs = tf.select(functions.monotonically_increasing_id(), functions.col("tf"))
        .javaRDD().map(r -> new Tuple2<>(r.getLong(0), Vectors.fromML(r.getAs(1))));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(tf.sparkSession().sparkContext());
    Broadcast<double[]> expBc = jsc.broadcast(expElogbeta);
    Broadcast<double[]> elogBc = jsc.broadcast(elogbeta);
    double corpusPart;
    try {
      corpusPart = docs.filter(d -> d._2().numNonzeros() > 0).mapPartitionsToDouble(it -> {
        ArticleInference inference = new ArticleInference(expBc.value(), vocab, alpha);
        double[] gamma = new double[k];
        double sum = 0;
        while (it.hasNext()) {
          Tuple2<Object, Vector> d = it.next();
          sum += bound(d._2().toSparse(), inference, seed + (Long) d._1(), gamma, alpha, elogBc.value(), vocab);
        }
        return Collections.singletonList(sum).iterator();
      }).sum();
    } finally {
      expBc.destroy();
      elogBc.destroy();
    }
    // E[log p(beta | eta) - log q(beta | lambda)]
    double topicsPart = 0;
    double[] topicSum = new double[k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        double l = lambda[w * k + t];
        topicsPart += (eta - l) * elogbeta[w + t * vocab] + Gamma.logGamma(l) - Gamma.logGamma(eta);
        topicSum[t] += l;
      }
    }
    for (int t = 0; t < k; t++) {
      topicsPart += Gamma.logGamma(eta * vocab) - Gamma.logGamma(topicSum[t]);
    }
    return corpusPart + topicsPart;
  }

  /** One article's share of the bound: E[log p(doc | theta, beta)] + E[log p(theta | alpha) - log q(theta | gamma)]. */
  private static double bound(org.apache.spark.mllib.linalg.SparseVector counts, ArticleInference inference, long seed,
                              double[] gamma, double[] alpha, double[] elog, int vocab) {
    int k = alpha.length;
    int[] ids = counts.indices();
    double[] cts = counts.values();
    inference.infer(ids, cts, ids.length, seed, gamma, null);
    double[] elogtheta = LdaMath.dirichletExpectation(gamma);
    double gammaSum = 0;
    double alphaSum = 0;
    for (int t = 0; t < k; t++) {
      gammaSum += gamma[t];
      alphaSum += alpha[t];
    }
    double bound = 0;
    double[] x = new double[k];
    for (int j = 0; j < ids.length; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < k; t++) {
        x[t] = elogtheta[t] + elog[ids[j] + t * vocab];
        max = Math.max(max, x[t]);
      }
      double sum = 0;
      for (int t = 0; t < k; t++) {
        sum += Math.exp(x[t] - max);
      }
      bound += cts[j] * (max + Math.log(sum));
    }
    for (int t = 0; t < k; t++) {
      bound += (alpha[t] - gamma[t]) * elogtheta[t] + Gamma.logGamma(gamma[t]) - Gamma.logGamma(alpha[t]);
    }
    return bound + Gamma.logGamma(alphaSum) - Gamma.logGamma(gammaSum);
  }

  /** The model's topic matrix lambda, column-major k x V (MLlib's topicsMatrix is its transpose). */
  static double[] lambda(LDAModel model) {
    return LdaMath.byTerm(model.topicsMatrix().toArray(), model.vocabSize(), model.getK());
  }

  /**
   * The topic mixture of every article, as Spark ML's {@code LDAModel.transform} gives it (the same inference and
   * seed: the model's, for every article; gamma normalised to sum 1; all zeros for an article without terms).
   *
   * @param tf column {@code id} (kept as it is), term counts in column {@code tf}, and any other columns (passed
   *           through)
   * @return id, p (array of k probabilities), then the other columns of {@code tf}
   */
  static Dataset<Row> topicMixtures(Dataset<Row> tf, String id, LDAModel model) {
    int k = model.getK();
    int vocab = model.vocabSize();
    double[] expElogbeta = LdaMath.exp(LdaMath.dirichletExpectation(lambda(model), k, vocab));
    double[] alpha = model.getEffectiveDocConcentration();
    long seed = model.getSeed();
    String[] others = java.util.Arrays.stream(tf.columns()).filter(c -> !c.equals(id) && !c.equals("tf"))
        .toArray(String[]::new);
    String[] inColumns = new String[others.length + 1];
    inColumns[0] = "tf";
    System.arraycopy(others, 0, inColumns, 1, others.length);
    Dataset<Row> in = tf.select(id, inColumns);
    StructType schema = new StructType().add(in.schema().apply(id))
        .add("p", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    for (String c : others) {
      schema = schema.add(in.schema().apply(c));
    }
    int width = schema.size();
    // not destroyed: the rows are computed whenever the returned plan runs (it is cached by the caller)
    Broadcast<double[]> expBc = JavaSparkContext.fromSparkContext(tf.sparkSession().sparkContext())
        .broadcast(expElogbeta);
    return in.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      ArticleInference inference = new ArticleInference(expBc.value(), vocab, alpha);
      double[] gamma = new double[k];
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          Row r = it.next();
          org.apache.spark.ml.linalg.SparseVector counts = ((org.apache.spark.ml.linalg.Vector) r.get(1)).toSparse();
          double[] p = new double[k];
          if (counts.indices().length > 0) {
            inference.infer(counts.indices(), counts.values(), counts.indices().length, seed, gamma, null);
            double sum = 0;
            for (int t = 0; t < k; t++) {
              sum += gamma[t];
            }
            for (int t = 0; t < k; t++) {
              p[t] = gamma[t] / sum;
            }
          }
          Object[] out = new Object[width];
          out[0] = r.get(0);
          out[1] = p;
          for (int c = 2; c < width; c++) {
            out[c] = r.get(c);
          }
          return RowFactory.create(out);
        }
      };
    }, Encoders.row(schema));
  }
}
