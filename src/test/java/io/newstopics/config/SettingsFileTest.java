package io.newstopics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A saved model's settings file: readable HOCON that reads back to the same configuration, through the checks. */
class SettingsFileTest {
  private static final JobConfig CFG = ConfigLoader.load(ConfigLoader.DEFAULT_CONF, Map.of("topics.k", "6",
      "text.stopwords.extra", "[слово]", "themes.lexicons.tariffs.ru", "[пошлины]"), "in", "auto", "wh");

  @Test
  void readsBackTheSameConfiguration() {
    String text = SettingsFile.render(CFG, "run-1");
    assertTrue(text.startsWith("# The effective settings of news-topics run run-1"), text);
    JobConfig back = SettingsFile.parse(text, "models/run-1/job_config.conf");
    assertEquals(CFG.text(), back.text());
    assertEquals(CFG.features(), back.features());
    assertEquals(CFG.topics(), back.topics());
    assertEquals(CFG.themes(), back.themes());
    assertEquals(CFG.concepts(), back.concepts());
    assertEquals(CFG.links(), back.links());
    assertEquals(CFG.flat(), back.flat());
    assertEquals(CFG.fields(), back.fields());
    assertTrue(back.text().stopwordsExtra().contains("слово"));
    assertTrue(back.themes().lexicons().stream().anyMatch(t -> t.name().equals("tariffs")));
  }

  @Test
  void damagedOrUnknownSettingsNameTheFileAndTheProblem() {
    String text = SettingsFile.render(CFG, "run-1");
    String where = "models/run-1/job_config.conf";
    String cut = assertThrows(ConfigException.class, () -> SettingsFile.parse(text.substring(0, text.length() / 3),
        where)).getMessage();
    assertTrue(cut.contains(where), cut);
    String unknown = assertThrows(ConfigException.class, () -> SettingsFile.parse(text + "\nsettings.topics.kk = 3\n",
        where)).getMessage();
    assertTrue(unknown.contains("'topics.kk' in " + where) && unknown.contains("'topics.k'"), unknown);
    String missing = assertThrows(ConfigException.class, () -> SettingsFile.parse("settings {}\n", where))
        .getMessage();
    assertTrue(missing.contains(where) && missing.contains("stopwords"), missing);
    String bad = assertThrows(ConfigException.class, () -> SettingsFile.parse(text
        + "\nsettings.text.model-languages = [ru, de]\n", where)).getMessage();
    assertTrue(bad.contains("text.model-languages") && bad.contains("[de]"), bad);
  }
}
