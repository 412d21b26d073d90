package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;

/**
 * The files a configuration names (text.stopwords.ru/uk, concepts.file): a relative name is looked up beside the
 * user's config file, then as given (from the working directory), then in the jar's {@code conf/} folder, where the
 * project's own lists travel.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Where the word lists and the concept dictionary named in the settings come from: files beside the config file
   * ({@link #onDisk}), or the copies a saved model keeps ({@link SettingsFile}).
   */
  interface Sources {
    /** The effective stopword list of {@code lang} (Lucene's built-in one, then the file's words). */
    List<String> stopwords(String lang, String name, String key);

    JobConfig.ConceptOptions concepts(String name);
  }

  static Sources onDisk(Path confDir) {
    return new Sources() {
      @Override
      public List<String> stopwords(String lang, String name, String key) {
        List<String> words = new ArrayList<>(charSet(lang.equals("ru") ? RussianAnalyzer.getDefaultStopSet()
            : UkrainianMorfologikAnalyzer.getDefaultStopwords()));
        words.addAll(readWordFile(confDir, name, key));
        return words;
      }

      @Override
      public JobConfig.ConceptOptions concepts(String name) {
        return ConfigFiles.concepts(confDir, name);
      }
    };
  }

  /**
   * The concept dictionary (concepts.file): relative to the config folder, else as given, else the copy packed in
   * the jar. Each block is {@code <id> { type = ..., ru = [...], uk = [...], name = "..." }}.
   */
  static JobConfig.ConceptOptions concepts(Path confDir, String name) {
    Config file;
    String source;
    Path beside = confDir == null ? null : confDir.resolve(name);
    try {
      if (beside != null && Files.isRegularFile(beside)) {
        file = ConfigFactory.parseFile(beside.toFile());
        source = beside.toString();
      } else if (Files.isRegularFile(Path.of(name))) {
        file = ConfigFactory.parseFile(Path.of(name).toFile());
        source = name;
      } else {
        file = ConfigFactory.parseResources("conf/" + name);
        source = "conf/" + name;
        if (file.isEmpty()) {
          throw new ConfigException("concept dictionary not found: " + name + " (concepts.file); put it beside the "
              + "config file or give its path with --set concepts.file=PATH");
        }
      }
    } catch (com.typesafe.config.ConfigException.Parse ex) {
      throw new ConfigException("cannot parse the concept dictionary " + name + " (concepts.file): "
          + ex.getMessage(), ex);
    }
    return conceptsFrom(file, source);
  }

  /** The concepts of a dictionary read from {@code source}, each checked; errors name the source and the concept. */
  static JobConfig.ConceptOptions conceptsFrom(Config file, String source) {
    if (!file.hasPath("concepts")) {
      throw new ConfigException(source + " has no `concepts { ... }` block (concepts.file)");
    }
    List<JobConfig.Concept> list = new ArrayList<>();
    ConfigObject all = file.getObject("concepts");
    for (String id : new TreeMap<>(all.unwrapped()).keySet()) {
      String where = source + ": concept '" + id + "'";
      if (!id.matches("[a-z0-9][a-z0-9-]*")) {
        throw new ConfigException(where + ": ids are lower-case latin letters, digits and '-' (rename it)");
      }
      Config one;
      try {
        one = file.getConfig("concepts.\"" + id + "\"");
      } catch (com.typesafe.config.ConfigException.WrongType ex) {
        throw new ConfigException(where + " must be a block { type = ..., ru = [...], uk = [...] }", ex);
      }
      String type = one.hasPath("type") ? one.getString("type") : "";
      if (!JobConfig.CONCEPT_TYPES.contains(type)) {
        throw new ConfigException(where + ": type must be one of " + JobConfig.CONCEPT_TYPES + ", not '" + type
            + "'");
      }
      Map<String, List<String>> forms = new LinkedHashMap<>();
      for (String lang : List.of("ru", "uk")) {
        if (one.hasPath(lang)) {
          try {
            forms.put(lang, one.getStringList(lang));
          } catch (com.typesafe.config.ConfigException.WrongType ex) {
            throw new ConfigException(where + ": " + lang + " must be a list of words, e.g. " + lang + " = [слово]", ex);
          }
        }
      }
      if (forms.values().stream().allMatch(List::isEmpty)) {
        throw new ConfigException(where + " has no ru or uk words");
      }
      String display = one.hasPath("name") ? one.getString("name") : null;
      list.add(new JobConfig.Concept(id, type, display, forms));
    }
    return new JobConfig.ConceptOptions(source, List.copyOf(list));
  }

  private static List<String> charSet(CharArraySet set) {
    List<String> out = new ArrayList<>();
    for (Object o : set) {
      out.add(o instanceof char[] chars ? new String(chars) : String.valueOf(o));
    }
    return out;
  }

  /** Reads a word list relative to the config folder, else from the copy packed in the jar. */
  static List<String> readWordFile(Path confDir, String name, String key) {
    try {
      if (confDir != null && Files.isRegularFile(confDir.resolve(name))) {
        return parseWords(Files.readString(confDir.resolve(name), StandardCharsets.UTF_8));
      }
      Path direct = Path.of(name);
      if (Files.isRegularFile(direct)) {
        return parseWords(Files.readString(direct, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream("conf/" + name)) {
        if (in != null) {
          return parseWords(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException ex) {
      throw new ConfigException("cannot read word list " + name + " (" + key + "): " + ex.getMessage(), ex);
    }
    throw new ConfigException("word list not found: " + name + " (" + key + "); put it beside the config file");
  }

  /** The words of a word list: one per line, '#' comments and blank lines left out. */
  public static List<String> parseWords(String content) {
    List<String> words = new ArrayList<>();
    for (String line : content.split("\n")) {
      String w = line.replaceAll("#.*", "").strip();
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }
}
