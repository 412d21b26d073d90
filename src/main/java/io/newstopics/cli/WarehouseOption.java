package io.newstopics.cli;

import picocli.CommandLine.Option;

/** {@code --warehouse}: the folder or URI holding the Delta tables, shared by every command that reads or writes them. */
final class WarehouseOption {
  @Option(names = "--warehouse", paramLabel = "PATH|URI", defaultValue = "warehouse",
      description = "The folder of the Delta tables, local or any Hadoop URI. Default: ${DEFAULT-VALUE}")
  String warehouse;
}
