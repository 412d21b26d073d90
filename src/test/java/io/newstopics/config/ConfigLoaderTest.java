package io.newstopics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key is checked wherever it comes from, and every value when the configuration is loaded. */
class ConfigLoaderTest {
  @TempDir
  Path dir;

  /** A --conf file holding only {@code extra}: reference.conf gives the rest. */
  private Path conf(String extra) throws Exception {
    return Files.writeString(dir.resolve("my.conf"), extra + "\n");
  }

  private static ConfigException fails(Path conf, Map<String, String> sets) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(conf == null ? ConfigLoader.DEFAULT_CONF
        : conf.toString(), sets, "in", "auto", "wh"));
  }

  @Test
  void aMisspeltKeyInAConfFileNamesTheFileTheKeyAndTheNearestKey() throws Exception {
    Path f = conf("topics.subsampling-rat = 0.5");
    String msg = fails(f, Map.of()).getMessage();
    assertTrue(msg.contains("'topics.subsampling-rat'") && msg.contains(f.toString())
        && msg.contains("did you mean 'topics.subsampling-rate'?"), msg);

    msg = fails(conf("topics { max-iteration = 5 }"), Map.of()).getMessage();
    assertTrue(msg.contains("'topics.max-iteration'") && msg.contains("'topics.max-iterations'"), msg);
    msg = fails(conf("text.stopwords.rus = \"x.txt\""), Map.of()).getMessage();
    assertTrue(msg.contains("'text.stopwords.rus'") && msg.contains("'text.stopwords.ru'"), msg);
    // in a theme block, the keys a theme takes
    msg = fails(conf("themes.lexicons.sanctions.rus = [санкции]"), Map.of()).getMessage();
    assertTrue(msg.contains("'themes.lexicons.sanctions.rus'") && msg.contains("'themes.lexicons.sanctions.ru'"), msg);
    // a new theme with the right keys is fine
    JobConfig ok = ConfigLoader.load(conf("themes.lexicons.tariffs { ru = [пошлины], uk = [мита] }").toString(),
        Map.of(), "in", "auto", "wh");
    assertTrue(ok.themes().lexicons().stream().anyMatch(t -> t.name().equals("tariffs")));
  }

  @Test
  void aMisspeltKeyInSetNamesSetAndTheNearestKey() {
    String msg = fails(null, Map.of("features.vocab-sise", "100")).getMessage();
    assertTrue(msg.contains("'features.vocab-sise' in --set") && msg.contains("'features.vocab-size'")
        && msg.contains(ConfigLoader.DEFAULT_CONF), msg);
    msg = fails(null, Map.of("topics.k-auto", "{ iteration = 3 }")).getMessage();
    assertTrue(msg.contains("'topics.k-auto.iteration'") && msg.contains("'topics.k-auto.iterations'"), msg);
  }

  @Test
  void badValuesFailWhenLoadedNamingTheKey() throws Exception {
    Map<String, String> bad = Map.ofEntries(
        Map.entry("topics.subsampling-rate", "2"),
        Map.entry("topics.doc-concentration", "-1"),
        Map.entry("topics.topic-concentration", "zero"),
        Map.entry("text.model-languages", "[ru, xx]"),
        Map.entry("topics.learning-offset", "0"),
        Map.entry("topics.passes", "-3"),
        Map.entry("topics.min-article-probability", "1"),
        Map.entry("features.min-df", "0"),
        Map.entry("features.max-df", "-0.5"),
        Map.entry("text.min-terms", "0"),
        Map.entry("text.boilerplate.min-share", "1.5"),
        Map.entry("themes.saturation-density", "0"),
        Map.entry("themes.min-topic-mass", "2"),
        Map.entry("themes.context-weight", "-1"),
        Map.entry("themes.training-labels", "\"no/such/labels.jsonl\""),
        Map.entry("topics.k-auto.epsilon", "-0.1"),
        Map.entry("links.max-term-docs", "0"),
        Map.entry("input.csv.delimiter", "\"\""));
    for (var e : bad.entrySet()) {
      String msg = fails(null, Map.of(e.getKey(), e.getValue())).getMessage();
      assertTrue(msg.contains(e.getKey()), e + ": " + msg);
    }
    assertTrue(fails(null, Map.of("text.model-languages", "[ru, xx]")).getMessage().contains("unknown [xx]"));
    // the EM optimizer needs priors above 1
    String em = fails(null, Map.of("topics.optimizer", "em", "topics.guided", "false",
        "topics.doc-concentration", "0.5")).getMessage();
    assertTrue(em.contains("topics.doc-concentration") && em.contains("above 1"), em);
    // the same checks on a --conf file, which names itself in type errors
    Path f = conf("topics.subsampling-rate = 2");
    assertTrue(fails(f, Map.of()).getMessage().contains("topics.subsampling-rate"));
    String wrongType = fails(conf("topics.max-iterations = many"), Map.of()).getMessage();
    assertTrue(wrongType.contains("max-iterations") && wrongType.contains(dir.resolve("my.conf").toString()),
        wrongType);
  }

  @Test
  void goodValuesStillLoad() throws Exception {
    JobConfig cfg = ConfigLoader.load(conf("topics.subsampling-rate = 0.25\ntopics.doc-concentration = 0.1\n"
        + "text.model-languages = [uk]").toString(), Map.of("features.min-df", "0.01"), "in", "auto", "wh");
    assertEquals("0.25", cfg.topics().subsamplingRate());
    assertEquals("0.1", cfg.topics().docConcentration());
    assertEquals(java.util.List.of("uk"), cfg.text().modelLanguages());
    assertEquals(0.01, cfg.features().minDf());
  }

  @Test
  void nearestKeyIsTheSmallestEditDistance() {
    assertEquals(1, ConfigKeys.distance("topics.kk", "topics.k"));
    assertEquals("topics.seed", ConfigKeys.nearest("topics.sede", java.util.List.of("topics.k", "topics.seed")));
  }
}
