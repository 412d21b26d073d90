package io.newstopics.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command: its usage help, exit 0. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;
}
