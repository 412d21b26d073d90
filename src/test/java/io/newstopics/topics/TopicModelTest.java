package io.newstopics.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import io.newstopics.features.TermFeatures;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TopicModelTest {
  /** 40 articles, two clearly separate vocabularies. */
  private static Dataset<Row> corpus() {
    SparkSession spark = SparkTestSession.get();
    return spark.sql("""
        SELECT concat('d', id) AS article_id,
               CASE WHEN id % 2 = 0
                 THEN array('санкц', 'эмбарг', 'нефт', 'актив', 'санкц', element_at(array('минфин', 'запрет'), cast(id % 4 / 2 AS int) + 1))
                 ELSE array('ракет', 'истребител', 'радар', 'ракет', 'поставк', element_at(array('дрон', 'танк'), cast(id % 4 / 2 AS int) + 1))
               END AS terms
        FROM range(40)""");
  }

  private static JobConfig.TopicOptions options(int k, int iterations) {
    JobConfig.TopicOptions d = SparkTestSession.config("seeds", "unused", Map.of()).topics();
    return new JobConfig.TopicOptions(k, d.optimizer(), iterations, d.seed(), d.subsamplingRate(), d.passes(),
        d.minBatchDocs(), d.learningOffset(), d.learningDecay(), d.optimizeDocConcentration(),
        d.docConcentration(), d.topicConcentration(), d.termsPerTopic(), d.minArticleProbability(),
        d.coherenceTerms(), d.languageSpecificWeight());
  }

  private static Dataset<Row> vectors() {
    Dataset<Row> c = corpus();
    Dataset<Row> forms = c.selectExpr("explode(array_distinct(terms)) AS stem").distinct()
        .selectExpr("stem", "stem AS term");
    TermFeatures.Fitted f = TermFeatures.fit(SparkTestSession.get(), c, forms,
        new JobConfig.FeatureOptions(100, 1, 40, 5), c.count());
    return f.transform(c).select("article_id", "tf");
  }

  @Test
  void separatesTwoClearTopicsDeterministically() {
    Dataset<Row> v = vectors();
    TopicModel.Fitted a = TopicModel.fit(v, options(2, 30), 40);
    TopicModel.Fitted b = TopicModel.fit(v, options(2, 30), 40);
    Dataset<Row> dominant = TopicModel.articleTopics(a.model(), v, 0.01).where("is_dominant");
    // all even articles share one dominant topic, all odd ones the other
    List<Row> byParity = dominant.selectExpr("cast(substring(article_id, 2) AS int) % 2 AS parity", "topic_id")
        .distinct().collectAsList();
    assertEquals(2, byParity.size(), byParity.toString());
    assertEquals(SparkTestSession.sortedRows(TopicModel.topicTerms(a.model(), 4)),
        SparkTestSession.sortedRows(TopicModel.topicTerms(b.model(), 4)), "same seed, same topics");
    for (Row r : TopicModel.articleTopics(a.model(), v, 0.0).groupBy("article_id").sum("probability").collectAsList()) {
      assertEquals(1.0, r.getDouble(1), 1e-6);
    }
  }

  @Test
  void kAndBatchAdaptToCorpusSize() {
    assertEquals(2, TopicModel.effectiveK(options(20, 10), 5));
    assertEquals(20, TopicModel.effectiveK(options(20, 10), 22_000));
    assertEquals(1.0, TopicModel.subsamplingRate(options(20, 100), 5));
    double big = TopicModel.subsamplingRate(options(20, 100), 22_000);
    assertTrue(big >= 0.1 && big < 0.2, "about 10 passes in 100 iterations: " + big);
  }
}
