package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's effective settings as a readable HOCON file ({@code job_config.conf} of a saved model), never Java
 * serialization: {@code settings} is the resolved configuration, {@code stopwords} the effective word lists and
 * {@code concepts} the concept dictionary the run used (so that the model does not depend on files that may have
 * changed since). Reading it back goes through {@link ConfigLoader}'s key and value checks, as a --conf file does.
 */
public final class SettingsFile {
  /** The file name inside a model folder. */
  public static final String NAME = "job_config.conf";

  private SettingsFile() {}

  /** The settings of {@code cfg} as the file's text. */
  public static String render(JobConfig cfg, String runId) {
    Map<String, Object> dictionary = new LinkedHashMap<>();
    for (JobConfig.Concept c : cfg.concepts().list()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("type", c.type());
      if (c.name() != null) {
        one.put("name", c.name());
      }
      one.putAll(c.formsByLang());
      dictionary.put(c.id(), one);
    }
    Config file = ConfigFactory.empty()
        .withValue("settings", ConfigFactory.parseString(cfg.settings()).root())
        .withValue("stopwords", ConfigValueFactory.fromMap(Map.of("ru", cfg.text().stopwordsRu(),
            "uk", cfg.text().stopwordsUk())))
        .withValue("concepts", ConfigValueFactory.fromMap(Map.of("source", cfg.concepts().source(),
            "dictionary", Map.of("concepts", dictionary))));
    return "# The effective settings of news-topics run " + runId + ", read back by `score`: settings (the resolved\n"
        + "# configuration), stopwords (the effective lists), concepts (the dictionary the run used).\n"
        + file.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
            .setJson(false).setFormatted(true));
  }

  /**
   * The settings in {@code text}; {@code where} names the file in messages. A file that does not parse, lacks a
   * part or holds a key or value the checks refuse is a {@link ConfigException} naming what is wrong.
   */
  public static JobConfig parse(String text, String where) {
    Config file;
    try {
      file = ConfigFactory.parseString(text);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("cannot parse " + where + ": " + e.getMessage(), e);
    }
    for (String part : List.of("settings", "stopwords.ru", "stopwords.uk", "concepts.source",
        "concepts.dictionary")) {
      if (!file.hasPath(part)) {
        throw new ConfigException(where + " has no " + part);
      }
    }
    try {
      List<String> ru = file.getStringList("stopwords.ru");
      List<String> uk = file.getStringList("stopwords.uk");
      JobConfig.ConceptOptions concepts = ConfigFiles.conceptsFrom(file.getConfig("concepts.dictionary"),
          file.getString("concepts.source"));
      return ConfigLoader.fromSaved(file.getConfig("settings"), new ConfigFiles.Sources() {
        @Override
        public List<String> stopwords(String lang, String name, String key) {
          return lang.equals("ru") ? ru : uk;
        }

        @Override
        public JobConfig.ConceptOptions concepts(String name) {
          return concepts;
        }
      }, where);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(where + ": " + e.getMessage(), e);
    }
  }
}
