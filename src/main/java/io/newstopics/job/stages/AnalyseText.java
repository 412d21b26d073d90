package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.newstopics.concepts.ConceptDictionary;
import io.newstopics.concepts.ConceptMapper;
import io.newstopics.config.JobConfig;
import io.newstopics.text.BoilerplateRemover;
import io.newstopics.text.LanguageTagger;
import io.newstopics.text.LemmaMerges;
import io.newstopics.text.RecordGuard;
import io.newstopics.text.TermExtractor;
import io.newstopics.text.TextLimit;
import io.newstopics.text.TextNormalizer;
import io.newstopics.themes.ThemeLexicon;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Stage text: language, boilerplate, normalisation, terms with surface forms, concepts, the corpus's lemma merges
 * ({@link LemmaMerges}), term_count and quality_flags of the accepted records; metrics articles, boilerplate_lines,
 * lemma_merges. Each article is read up to text.max-chars ({@link TextLimit}) and fails alone ({@link RecordGuard}).
 */
public final class AnalyseText {
  private AnalyseText() {}

  /**
   * The analysed articles (their analysis cached), the boilerplate line keys removed from them (the lines common in
   * this input, plus the known ones given to {@link #run}), the lemma merges applied (term, lemma), and the records
   * a text step failed on, in the shape of {@link ReadInput.Ingested#rejected} (reason text_failed or text_timeout:
   * they go to news.quarantine).
   */
  public record Analysed(Dataset<Row> articles, Dataset<Row> boilerplate, Dataset<Row> lemmaMerges,
                         Dataset<Row> failed) {}

  /**
   * @param knownBoilerplate line keys removed as boilerplate besides the lines common in this input (a saved
   *     model's, when scoring; null when training)
   * @param knownMerges the lemma merges to apply (a saved model's, when scoring); null when training: this input's
   */
  public static Analysed run(RunContext ctx, ReadInput.Ingested in, Dataset<Row> knownBoilerplate,
                             Dataset<Row> knownMerges, ConceptDictionary concepts) {
    JobConfig cfg = ctx.cfg();
    long boilerplateThreshold = BoilerplateRemover.threshold(in.inputRecords(), cfg.text().boilerplateMinArticles(),
        cfg.text().boilerplateMinShare());
    RecordGuard guard = new RecordGuard(cfg.text().maxSecondsPerArticle());
    return ctx.run().stage("text", () -> {
      Dataset<Row> tagged = LanguageTagger.tag(TextLimit.cut(Partitions.sized(in.accepted(), in.inputRecords()),
          cfg.text().maxChars()));
      List<String> prefixes = cfg.text().boilerplateLinePrefixes();
      List<String> keys = BoilerplateRemover.keys(
          BoilerplateRemover.commonKeys(tagged, boilerplateThreshold, prefixes, guard), knownBoilerplate);
      ctx.run().metric("boilerplate_lines", keys.size());
      // the saved model stores them, so that scoring removes the same lines
      Dataset<Row> boilerplate = in.accepted().sparkSession().createDataset(keys, Encoders.STRING()).toDF("key");
      Dataset<Row> cleaned = TextNormalizer.apply(BoilerplateRemover.remove(tagged, keys, prefixes, guard), guard);
      Dataset<Row> all = ctx.keep(TextLimit.restore(ConceptMapper.apply(TermExtractor.apply(cleaned, cfg.text()),
              concepts)
          .withColumn("term_count", size(col("terms")))
          .withColumn("quality_flags", concat(col("quality_flags"),
              when(not(ModelledArticles.modelledLanguage(cfg)), array(lit("not_modelled_language")))
                  .when(not(ModelledArticles.enoughTerms(cfg)), array(lit("too_few_terms")))
                  .otherwise(array().cast("array<string>"))))
          .drop("clean_text", "model_text")));
      Map<String, Long> outcomes = Counts.of(all, RecordGuard.REASON);
      ctx.run().metric("articles", outcomes.getOrDefault("null", 0L));
      Dataset<Row> failed = all.where(col(RecordGuard.REASON).isNotNull()).select(col("source_ref"),
          col("source_file"), col("raw"), col(RecordGuard.REASON).as("error"),
          col(RecordGuard.MESSAGE).as("error_message"));
      Dataset<Row> accepted = all.where(col(RecordGuard.REASON).isNull()).drop(RecordGuard.REASON,
          RecordGuard.MESSAGE);
      // at most one merge per Russian noun lemma: bounded by the dictionary, not by the corpus
      List<Row> merges = knownMerges != null ? knownMerges.select("term", "lemma").collectAsList()
          : LemmaMerges.find(accepted, concepts.tokens("ru"), ThemeLexicon.terms(cfg, concepts));
      ctx.run().metric("lemma_merges", merges.size());
      Dataset<Row> mergeTable = in.accepted().sparkSession().createDataFrame(merges, LemmaMerges.SCHEMA);
      return new Analysed(LemmaMerges.apply(accepted, merges), boilerplate, mergeTable, failed);
    });
  }
}
