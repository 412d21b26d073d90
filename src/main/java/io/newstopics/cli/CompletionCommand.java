package io.newstopics.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code news-topics completion}: the bash (and zsh) completion script, generated from the commands' own options. */
@Command(name = "completion",
    description = {"Prints a bash completion script: source <(bin/news-topics completion)",
        "The script completes the commands and their options; zsh loads it too, after "
        + "`autoload -U +X bashcompinit && bashcompinit`."})
final class CompletionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help;

  @Override
  public Integer call() {
    System.out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    return 0;
  }
}
