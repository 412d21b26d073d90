package io.newstopics.cli;

import io.newstopics.config.JobConfig;
import io.newstopics.job.ScoreJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-topics score}: new articles through a saved model ({@link ScoreJob#score}), without training. */
@Command(name = "score", sortOptions = false,
    description = {"Scores new articles with a saved model, without training.",
        "The model is the one a run saved under <warehouse>/models/<run_id>/. The articles go to the table articles, their topics, themes, top terms and entities to article_topics, "
        + "article_themes, article_terms and article_entities under the model's run_id, visible all at once when "
        + "the score run succeeds; scoring again changes nothing.",
        "Text, topic and theme settings are the model run's; --conf/--set only set how the input is read."})
final class ScoreCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "RUN_ID|latest", required = true,
      description = "The training run whose model scores the articles; latest: the latest successful run.")
  String model;

  @Option(names = "--input", paramLabel = "PATH|URI", required = true,
      description = "A file or folder of new articles (any Hadoop URI).")
  String input;

  @Mixin
  JobOptions job;

  @Mixin
  HelpOption help;

  @Override
  public Integer call() {
    JobConfig cfg = job.load(input);
    System.out.print(ScoreJob.score(SparkSessions.getOrCreate("news-topics-score"), cfg, model).summary());
    return 0;
  }
}
