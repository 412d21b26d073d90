package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.newstopics.features.TermFeatures;
import io.newstopics.tables.TableSpec;
import io.newstopics.tables.Tables;
import io.newstopics.topics.Coherence;
import io.newstopics.topics.TopicQuality;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage write_results: the training run's slice of news.article_topics, article_themes, article_terms,
 * article_links, article_entities, vocabulary, topics (with their topic_key) and topic_lineage, each appended once under the run's run_id
 * ({@link io.newstopics.tables.Warehouse#appendRuns}).
 */
public final class WriteResults {
  private WriteResults() {}

  /** The results of a training run, one per table. */
  public record Results(FitFeatures.Features features, FitTopics.Topics topics, Coherence.Result coherence,
                        ScoreArticles.Scores scores, FitThemes.Themes themes, Dataset<Row> links,
                        Dataset<Row> entities, Dataset<Row> lineage) {}

  public static void run(RunContext ctx, Results r) {
    ctx.run().stage("write_results", () -> {
      Dataset<Row> readable = r.topics().readable();
      Map<TableSpec, Dataset<Row>> slices = new LinkedHashMap<>();
      slices.put(Tables.ARTICLE_TOPICS, r.scores().articleTopics());
      slices.put(Tables.ARTICLE_THEMES, r.themes().articleThemes());
      slices.put(Tables.ARTICLE_TERMS, TermFeatures.topTerms(r.scores().scored(), r.features().vocabulary()));
      slices.put(Tables.ARTICLE_LINKS, r.links());
      slices.put(Tables.ARTICLE_ENTITIES, r.entities());
      slices.put(Tables.VOCABULARY, r.features().vocabulary());
      slices.put(Tables.TOPICS, readable
          .where(col("term_rank").leq(lit(ctx.cfg().topics().termsPerTopic())))
          .join(r.themes().topicThemes(), "topic_id")
          .join(r.coherence().asTable(ctx.spark()), new String[] {"topic_id"}, "left")
          .join(TopicQuality.table(ctx.spark(), readable, r.coherence()), new String[] {"topic_id"}, "left")
          .join(r.lineage().select("topic_id", "topic_key"), new String[] {"topic_id"}, "left"));
      slices.put(Tables.TOPIC_LINEAGE, r.lineage());
      ctx.warehouse().appendRuns(ctx.run().runId(), slices);
      return null;
    });
  }
}
