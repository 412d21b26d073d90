package io.newstopics.topics;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a reader sees first of a topic: a short label (its {@value #LABEL_TERMS} heaviest distinct display terms)
 * and a quality flag from the job's own coherence ({@link Coherence}: NPMI of the topic's top terms on the modelled
 * articles).
 */
public final class TopicQuality {
  public static final String OK = "ok";
  public static final String INCOHERENT = "incoherent";
  /** A topic whose top terms co-occur less than independent terms would (NPMI below this) is flagged. */
  public static final double MIN_NPMI = 0.0;
  /** Display terms in a label. */
  public static final int LABEL_TERMS = 3;

  private TopicQuality() {}

  /**
   * The flag of a topic of mean NPMI {@code npmi}: {@link #INCOHERENT} below {@link #MIN_NPMI}, and when NPMI is
   * undefined (NaN: fewer than two scored terms, nothing shows the topic is coherent); else {@link #OK}.
   */
  public static String of(double npmi) {
    return Double.isNaN(npmi) || npmi < MIN_NPMI ? INCOHERENT : OK;
  }

  /**
   * topic_id, label, quality: one row per topic of {@code coherence}. {@code topicTerms}: topic_id, term_rank, term
   * (the readable topic terms); the label is the first {@value #LABEL_TERMS} distinct terms by rank (the model's
   * P(term | topic)), joined with ", ". Built-in functions only; k rows.
   */
  public static Dataset<Row> table(SparkSession spark, Dataset<Row> topicTerms, Coherence.Result coherence) {
    Dataset<Row> labels = topicTerms.groupBy("topic_id")
        .agg(array_sort(collect_list(struct(col("term_rank"), col("term")))).as("ranked"))
        .select(col("topic_id"), array_join(slice(array_distinct(transform(col("ranked"), x -> x.getField("term"))),
            1, LABEL_TERMS), ", ").as("label"));
    StructType schema = new StructType().add("topic_id", DataTypes.IntegerType).add("quality", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (Coherence.TopicScore t : coherence.topics()) {
      rows.add(RowFactory.create(t.topicId(), of(t.npmi())));
    }
    return labels.join(spark.createDataFrame(rows, schema), "topic_id");
  }

  /** How many of the topics are flagged {@link #INCOHERENT}. */
  public static long incoherent(Coherence.Result coherence) {
    return coherence.topics().stream().filter(t -> INCOHERENT.equals(of(t.npmi()))).count();
  }
}
