package io.newstopics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defaults live in reference.conf alone: a user's file holds only what differs, --set overrides the file, and
 * a saved model's settings keep their own themes.
 */
class ConfigLayersTest {
  @TempDir
  Path dir;

  private JobConfig load(String file, Map<String, String> sets) throws Exception {
    Path f = Files.writeString(dir.resolve("my.conf"), file + "\n");
    return ConfigLoader.load(f.toString(), sets, "in", "auto", "wh");
  }

  private static JobConfig defaults() {
    return ConfigLoader.load(ConfigLoader.DEFAULT_CONF, Map.of(), "in", "auto", "wh");
  }

  @Test
  void aConfFileWithOnlyTopicsKGivesTheDefaultRunParametersOtherwise() throws Exception {
    JobConfig d = defaults();
    JobConfig mine = load("topics.k = 7", Map.of());
    assertEquals(7, mine.topics().k());
    assertEquals(d.topics().toBuilder().k(7).build(), mine.topics());
    assertEquals(d.fields(), mine.fields());
    assertEquals(d.csvDelimiter(), mine.csvDelimiter());
    assertEquals(d.maxFileBytes(), mine.maxFileBytes());
    assertEquals(d.text(), mine.text());
    assertEquals(d.features(), mine.features());
    assertEquals(d.themes(), mine.themes());
    assertEquals(d.links(), mine.links());
    assertEquals(d.concepts().list(), mine.concepts().list());
    Map<String, String> flat = new TreeMap<>(d.flat());
    flat.put("topics.k", "7");
    assertEquals(flat, new TreeMap<>(mine.flat()));
    Config settings = ConfigFactory.parseString(d.settings()).withValue("topics.k", ConfigValueFactory.fromAnyRef(7));
    assertEquals(settings.root(), ConfigFactory.parseString(mine.settings()).root());
    // the defaults are reference.conf's, not older constants (guided off, all articles, every metric doc)
    assertTrue(mine.topics().guided());
    assertEquals("20000", mine.topics().trainSample());
    assertEquals(2000, mine.topics().metricDocs());
  }

  @Test
  void theFileOverridesTheDefaultsAndSetOverridesTheFile() throws Exception {
    JobConfig d = defaults();
    JobConfig cfg = load("topics { k = 7, seed = 5 }\nfeatures.vocab-size = 500\n"
        + "topics.k-auto.iterations = ${topics.max-iterations}", Map.of("topics.k", "9", "topics.max-iterations", "30"));
    assertEquals(9, cfg.topics().k(), "--set over the file");
    assertEquals(5, cfg.topics().seed(), "the file over reference.conf");
    assertEquals(500, cfg.features().vocabSize());
    assertEquals(30, cfg.topics().maxIterations());
    assertEquals(30, cfg.topics().kAutoIterations(), "substitutions resolve after --set is laid over the file");
    assertEquals(d.topics().optimizer(), cfg.topics().optimizer());
    assertEquals(d.features().minDf(), cfg.features().minDf());
    // a theme block in the file is added to the default themes
    JobConfig more = load("themes.lexicons.tariffs { ru = [пошлины], uk = [мита] }", Map.of());
    assertEquals(d.themes().lexicons().size() + 1, more.themes().lexicons().size());
  }

  @Test
  void aSavedModelMissingAKeyTakesItsDefaultAndKeepsOnlyItsOwnThemes() {
    JobConfig d = defaults();
    Config saved = ConfigFactory.parseString(d.settings()).withoutPath("topics.metric-docs")
        .withoutPath("themes.lexicons.sanctions");
    JobConfig back = ConfigLoader.fromSaved(saved, ConfigFiles.onDisk(null), "models/r/job_config.conf");
    assertEquals(d.topics().metricDocs(), back.topics().metricDocs());
    List<String> themes = back.themes().lexicons().stream().map(JobConfig.Theme::name).toList();
    assertFalse(themes.contains("sanctions"), themes.toString());
    assertEquals(d.themes().lexicons().size() - 1, themes.size());
  }

  @Test
  void everyKeyOfReferenceConfSaysWhatItDoes() {
    Config reference = ConfigLoader.reference();
    List<String> bare = new ArrayList<>();
    for (var e : reference.entrySet()) {
      if (!e.getKey().startsWith(ConfigKeys.LEXICONS + ".") && e.getValue().origin().comments().isEmpty()) {
        bare.add(e.getKey());
      }
    }
    assertTrue(bare.isEmpty(), "keys without a comment in reference.conf: " + bare);
    assertTrue(reference.hasPath("topics.k") && reference.hasPath("themes.lexicons.sanctions.ru"));
  }

  @Test
  void aBuilderRefusesAMissingOption() {
    String msg = assertThrows(IllegalStateException.class, () -> JobConfig.TopicOptions.builder().k(3).build())
        .getMessage();
    assertTrue(msg.contains("topics.optimizer"), msg);
  }
}
