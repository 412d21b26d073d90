package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a configuration may have: those of the packed {@code reference.conf}, plus, in each theme block
 * under {@code themes.lexicons}, {@link #THEME_KEYS}. A key that is none of them is refused with the nearest known
 * key, whether it comes from a --conf file, --set or a saved model's settings: a misspelt key would otherwise be
 * silently ignored, and its default used.
 */
final class ConfigKeys {
  static final String LEXICONS = "themes.lexicons";
  static final List<String> THEME_KEYS = List.of("description", "prior", "ru", "uk", JobConfig.Theme.RELATED + "ru",
      JobConfig.Theme.RELATED + "uk");

  private final Set<String> known;

  /** The leaf keys of {@code reference} (the packed default configuration), theme blocks left out. */
  ConfigKeys(Config reference) {
    Set<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      if (!e.getKey().startsWith(LEXICONS + ".")) {
        keys.add(e.getKey());
      }
    }
    this.known = keys;
  }

  /**
   * Fails on the first key of {@code given} that is not known; {@code where} names its source (the file, "--set",
   * a model folder) in the message.
   */
  void check(Config given, String where) {
    walk(given.root(), new ArrayList<>(), where);
  }

  private void walk(ConfigObject obj, List<String> path, String where) {
    for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      String key = ConfigUtil.joinPath(p);
      boolean inTheme = p.size() >= 3 && ConfigUtil.joinPath(p.subList(0, 2)).equals(LEXICONS);
      if (inTheme && p.size() >= 4) { // themes.lexicons.<theme>.<key>
        if (p.size() > 4 || !THEME_KEYS.contains(p.get(3))) {
          List<String> themeKeys = THEME_KEYS.stream()
              .map(k -> ConfigUtil.joinPath(List.of("themes", "lexicons", p.get(2), k))).toList();
          throw unknown(key, where, themeKeys, "a theme block takes " + THEME_KEYS);
        }
      } else if (e.getValue() instanceof ConfigObject block && !known.contains(key)) {
        // instanceof, not valueType(): a value may be an unresolved ${substitution}, resolved after layering
        walk(block, p, where);
      } else if (!inTheme && !known.contains(key)) {
        throw unknown(key, where, known, "every key is listed, with its default, in " + ConfigLoader.REFERENCE
            + " (src/main/resources); set them in " + ConfigLoader.DEFAULT_CONF + " or with --set");
      }
    }
  }

  private static ConfigException unknown(String key, String where, Collection<String> candidates, String hint) {
    String near = nearest(key, candidates);
    return new ConfigException("unknown config key '" + key + "' in " + where
        + (near == null ? "" : "; did you mean '" + near + "'?") + " (" + hint + ")");
  }

  /** The candidate at the smallest edit distance from {@code key} (null when there is none). */
  static String nearest(String key, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(key, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
