package io.newstopics.cli;

import io.newstopics.config.ConfigException;
import io.newstopics.config.ConfigLoader;
import io.newstopics.config.JobConfig;
import io.newstopics.ingest.InputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options {@code run} and {@code score} share: how the input is read, where the tables go, the config. */
final class JobOptions {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto", converter = FormatName.class,
      completionCandidates = FormatName.class,
      description = "auto (from the file names), text, jsonl, csv or parquet. Default: ${DEFAULT-VALUE}")
  String format;

  @Mixin
  WarehouseOption warehouse;

  @Option(names = "--conf", paramLabel = "FILE", defaultValue = ConfigLoader.DEFAULT_CONF,
      description = "The config file (HOCON); when the default is absent, the copy packed in the jar. "
          + "Default: ${DEFAULT-VALUE}")
  Path conf;

  @Option(names = "--set", paramLabel = "key=value", converter = Setting.Parser.class,
      description = "Overrides a key of the config file, e.g. --set topics.k=30; may be repeated.")
  List<Setting> sets = new ArrayList<>();

  /** One {@code --set key=value}: key and value stripped of surrounding blanks. */
  record Setting(String key, String value) {
    static final class Parser implements ITypeConverter<Setting> {
      @Override
      public Setting convert(String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0 || kv.substring(0, eq).isBlank()) {
          throw new TypeConversionException("--set takes key=value (e.g. --set topics.k=30), not '" + kv + "'");
        }
        return new Setting(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
    }
  }

  /** The {@code --set}s in order; a key given twice keeps its last value. */
  Map<String, String> overrides() {
    Map<String, String> m = new LinkedHashMap<>();
    sets.forEach(s -> m.put(s.key(), s.value()));
    return m;
  }

  /** The run's settings: the config file, then the {@code --set}s; a bad key or value is a {@link ConfigException}. */
  JobConfig load(String input) {
    return ConfigLoader.load(conf.toString(), overrides(), input, format, warehouse.warehouse);
  }

  /** An {@code --format} name as {@link InputFormat} reads it (aliases such as json included), checked when parsed. */
  static final class FormatName extends ArrayList<String> implements ITypeConverter<String> {
    FormatName() {
      super(List.of("auto", "text", "jsonl", "csv", "parquet"));
    }

    @Override
    public String convert(String name) {
      if (!name.equalsIgnoreCase("auto")) {
        try {
          InputFormat.parse(name);
        } catch (ConfigException e) {
          throw new TypeConversionException("'" + name + "' is not a format; use auto, text, jsonl, csv or parquet");
        }
      }
      return name;
    }
  }
}
