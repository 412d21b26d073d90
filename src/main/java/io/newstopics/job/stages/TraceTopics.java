package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.newstopics.tables.Tables;
import io.newstopics.tables.Views;
import io.newstopics.topics.TopicLineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage trace_topics: this run's topics matched to those of the previous succeeded training run in news.topics
 * ({@link TopicLineage}), on the top topics.terms-per-topic terms, the ones both runs store. Returns the run's
 * lineage (topic_id, topic_key, previous_run_id, previous_topic_id, similarity), k rows, for {@link WriteResults};
 * metric topics_carried (topics that kept a previous key), set when there is a previous run.
 */
public final class TraceTopics {
  private TraceTopics() {}

  public static Dataset<Row> run(RunContext ctx, FitTopics.Topics topics) {
    return ctx.run().stage("trace_topics", () -> {
      String runId = ctx.run().runId();
      int terms = ctx.cfg().topics().termsPerTopic();
      // this run is still 'running': the latest succeeded training run is the one before it
      Row latest = ctx.warehouse().read(Tables.RUNS).where(expr(Views.TRAINING_RUNS))
          .where(col("run_id").notEqual(lit(runId))).selectExpr("max_by(run_id, finished_at)").first();
      String previousRunId = latest.isNullAt(0) ? null : latest.getString(0);
      Dataset<Row> previous = previousRunId == null ? null : ctx.warehouse().read(Tables.TOPICS)
          .where(col("run_id").equalTo(lit(previousRunId)).and(col("term_rank").leq(lit(terms))));
      Dataset<Row> lineage = ctx.keep(TopicLineage.trace(ctx.spark(), runId,
          topics.readable().where(col("term_rank").leq(lit(terms))), previousRunId, previous,
          ctx.cfg().topics().lineageMinSimilarity()));
      if (previousRunId != null) {
        ctx.run().metric("topics_carried", lineage.where(col("previous_topic_id").isNotNull()).count());
      }
      return lineage;
    });
  }
}
