package io.newstopics.job.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.newstopics.config.JobConfig;
import io.newstopics.features.TermFeatures;
import io.newstopics.themes.ThemeClassifier;
import io.newstopics.themes.ThemeLabels;
import io.newstopics.themes.ThemeLexicon;
import io.newstopics.themes.ThemeMapper;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage themes: each topic's theme from the conf/ lexicons, every article's evidence for every theme, and
 * P(theme | article) from classifiers fitted on that evidence (and on themes.training-labels, when given).
 */
public final class FitThemes {
  private static final Logger LOG = LoggerFactory.getLogger(FitThemes.class);

  private FitThemes() {}

  /**
   * @param topicThemes each topic's theme (topic_id, theme, confidence, ...), cached
   * @param model the fitted theme classifiers
   * @param articleThemes the rows of news.article_themes
   */
  public record Themes(Dataset<Row> topicThemes, ThemeClassifier.Fitted model, Dataset<Row> articleThemes) {}

  /**
   * @param analysed every analysed article
   * @param accepted the accepted input records (their source_ref, to match the training labels)
   */
  public static Themes run(RunContext ctx, Dataset<Row> analysed, Dataset<Row> accepted, FitFeatures.Features features,
                           FitTopics.Topics topics, ScoreArticles.Scores scores) {
    JobConfig cfg = ctx.cfg();
    Dataset<Row> lexicon = ThemeLexicon.asTable(ctx.spark(), cfg);
    Dataset<Row> topicThemes = ctx.keep(ThemeMapper.topicThemes(
        topics.readable().where(col("term_rank").leq(lit(cfg.themes().topicTerms()))), lexicon, cfg.themes()));
    List<String> themeNames = cfg.themes().lexicons().stream().map(JobConfig.Theme::name).toList();
    Dataset<Row> themeEvidence = ctx.keep(ThemeMapper.evidence(analysed.select("article_id", "terms", "surfaces"),
        scores.articleTopics(), topicThemes, scores.scored().select("article_id", TermFeatures.TOP_TERMS), lexicon,
        themeNames, cfg.themes()));
    ThemeClassifier.Fitted themeModel = ctx.run().stage("themes", () -> ThemeClassifier.fit(themeEvidence,
        trainingLabels(ctx.spark(), cfg, accepted, themeNames), themeNames, features.size(),
        ThemeLexicon.termIndices(lexicon, features.vocabulary()), cfg.themes()));
    return new Themes(topicThemes, themeModel, ThemeMapper.articleThemes(themeEvidence, themeModel, cfg.themes()));
  }

  /**
   * The labels of themes.training-labels matched to this run's articles (article_id, theme, label), or null when
   * none are configured.
   */
  static Dataset<Row> trainingLabels(SparkSession spark, JobConfig cfg, Dataset<Row> articles, List<String> themes) {
    String file = cfg.themes().trainingLabels();
    if (file == null || file.isBlank()) {
      return null;
    }
    ThemeLabels labels = ThemeLabels.read(spark, file, themes);
    if (!labels.problems().isEmpty()) {
      LOG.warn("themes.training-labels {}: {}", file, labels.problems());
    }
    return labels.matched(articles.select("article_id", "source_ref")).select("article_id", "theme", "label");
  }
}
