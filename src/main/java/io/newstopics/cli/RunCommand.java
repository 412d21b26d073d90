package io.newstopics.cli;

import io.newstopics.config.JobConfig;
import io.newstopics.job.NewsTopicsJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code news-topics run}: the whole job ({@link NewsTopicsJob#run}); the config is checked before Spark starts. */
@Command(name = "run", sortOptions = false,
    description = {"Reads articles, models topics and themes, writes Delta tables.",
        "The tables go under <warehouse>/news/, the model under <warehouse>/models/<run_id>/ (for score)."})
final class RunCommand implements Callable<Integer> {
  @Option(names = "--input", paramLabel = "PATH|URI", defaultValue = "seeds",
      description = "A file or folder of articles (any Hadoop URI). Default: ${DEFAULT-VALUE}")
  String input;

  @Mixin
  JobOptions job;

  @Mixin
  HelpOption help;

  /** The settings this command runs with. */
  JobConfig config() {
    return job.load(input);
  }

  @Override
  public Integer call() {
    JobConfig cfg = config();
    System.out.print(NewsTopicsJob.run(SparkSessions.getOrCreate("news-topics"), cfg).summary());
    return 0;
  }
}
