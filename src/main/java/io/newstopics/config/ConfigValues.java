package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;

/**
 * Checked reads of configuration values: each returns the value or fails with a {@link ConfigException} that names
 * the full key and the values it takes. {@code prefix} is the block the {@link Config} was taken from
 * ({@code "topics"}), so that messages name the key as written in the file.
 */
final class ConfigValues {
  /** The languages the term analyzers model (text.model-languages): Russian and Ukrainian. */
  static final List<String> MODEL_LANGUAGES = List.of("ru", "uk");

  private final Config c;
  private final String prefix;

  ConfigValues(Config c, String prefix) {
    this.c = c;
    this.prefix = prefix;
  }

  private String key(String k) {
    return prefix + "." + k;
  }

  private ConfigException bad(String k, String takes, Object value) {
    return new ConfigException(key(k) + " must be " + takes + ", not " + value);
  }

  int positive(String k) {
    int v = c.getInt(k);
    if (v <= 0) {
      throw bad(k, "a positive number", v);
    }
    return v;
  }

  double positiveDouble(String k) {
    double v = c.getDouble(k);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw bad(k, "a positive number", v);
    }
    return v;
  }

  double atLeastZero(String k) {
    double v = c.getDouble(k);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw bad(k, "0 or more", v);
    }
    return v;
  }

  /** A value in [lo, hi] with {@code loOpen}/{@code hiOpen} excluding that end. */
  double between(String k, double lo, boolean loOpen, double hi, boolean hiOpen) {
    double v = c.getDouble(k);
    boolean ok = (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
    if (!ok) {
      throw bad(k, "in " + (loOpen ? "(" : "[") + trim(lo) + ", " + trim(hi) + (hiOpen ? ")" : "]"), v);
    }
    return v;
  }

  int atLeast(String k, int min, String why) {
    int v = c.getInt(k);
    if (v < min) {
      throw bad(k, "at least " + min + " (" + why + ")", v);
    }
    return v;
  }

  String oneOf(String k, List<String> values) {
    String v = c.getString(k).strip();
    if (!values.contains(v)) {
      throw bad(k, "one of " + values, "\"" + v + "\"");
    }
    return v;
  }

  /** "auto", or a number in (lo, hi] (hi: {@code Double.POSITIVE_INFINITY} for none); returned as written. */
  String autoOrNumber(String k, double lo, double hi, String takes) {
    String v = c.getString(k).strip();
    if (v.equals("auto")) {
      return v;
    }
    try {
      double d = Double.parseDouble(v);
      if (d > lo && d <= hi) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(k, "\"auto\" or " + takes, "\"" + v + "\"");
  }

  /** text.model-languages: a non-empty list of {@link #MODEL_LANGUAGES}. */
  List<String> modelLanguages(String k) {
    List<String> langs = c.getStringList(k);
    List<String> unknown = langs.stream().filter(l -> !MODEL_LANGUAGES.contains(l)).toList();
    if (langs.isEmpty() || !unknown.isEmpty()) {
      throw new ConfigException(key(k) + " lists the languages to model, of " + MODEL_LANGUAGES + " (the languages "
          + "the term analyzers support), not " + langs + (unknown.isEmpty() ? "" : ": unknown " + unknown));
    }
    return List.copyOf(langs);
  }

  /** A document frequency: a count (>= 1) or a fraction of the corpus (0 < f < 1). */
  double docFrequency(String k) {
    double v = c.getDouble(k);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw bad(k, "a number of articles (>= 1) or a fraction of them in (0, 1)", v);
    }
    return v;
  }

  /** "all", a number of articles (>= 1) or a fraction of the modelled articles (0 < f < 1). */
  String trainSample(String k) {
    String v = c.getString(k).strip();
    if (v.equals("all")) {
      return v;
    }
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && (d < 1 || d == Math.rint(d))) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key(k) + " must be \"all\", a number of articles (e.g. 20000) or a "
        + "fraction in (0, 1) (e.g. 0.5), not \"" + v + "\"");
  }

  /** topics.k-auto.candidates, sorted and distinct, each at least 2. */
  List<Integer> kCandidates(String k) {
    List<Integer> given = c.getIntList(k);
    List<Integer> sorted = new ArrayList<>(new TreeSet<>(given));
    if (sorted.isEmpty() || sorted.get(0) < 2) {
      throw new ConfigException(key(k) + " must list numbers of topics of at least 2, e.g. "
          + "[10, 15, 20, 25, 30], not " + given);
    }
    return List.copyOf(sorted);
  }

  /** topics.k: a positive number, or "auto" (then {@code true}). */
  boolean isAuto(String k) {
    return c.getValue(k).valueType() == ConfigValueType.STRING && c.getString(k).strip().equals("auto");
  }

  /** themes.lexicons: the theme blocks, by name; each has a ru or uk word list, and a prior of the right size. */
  List<JobConfig.Theme> themes(String k) {
    List<JobConfig.Theme> lexicons = new ArrayList<>();
    for (String name : new TreeSet<>(c.getObject(k).unwrapped().keySet())) {
      Config one = c.getConfig(k + ".\"" + name + "\"");
      Map<String, List<String>> words = new LinkedHashMap<>();
      for (String lang : List.of("ru", "uk", JobConfig.Theme.RELATED + "ru", JobConfig.Theme.RELATED + "uk")) {
        if (one.hasPath(lang)) {
          words.put(lang, one.getStringList(lang));
        }
      }
      if (!words.containsKey("ru") && !words.containsKey("uk")) {
        throw new ConfigException("theme '" + name + "' has no ru or uk word list (themes.lexicons." + name + ")");
      }
      List<Double> prior = one.hasPath("prior") ? List.copyOf(one.getDoubleList("prior")) : List.of();
      if (!prior.isEmpty() && prior.size() != 1 + io.newstopics.themes.ThemeClassifier.EVIDENCE.size()) {
        throw new ConfigException("themes.lexicons." + name + ".prior takes "
            + (1 + io.newstopics.themes.ThemeClassifier.EVIDENCE.size()) + " numbers (intercept, then the weights of "
            + io.newstopics.themes.ThemeClassifier.EVIDENCE + "), not " + prior.size());
      }
      lexicons.add(new JobConfig.Theme(name, one.hasPath("description") ? one.getString("description") : name,
          words, prior));
    }
    if (lexicons.isEmpty()) {
      throw new ConfigException("no themes configured: add at least one block under themes.lexicons");
    }
    return List.copyOf(lexicons);
  }

  private static String trim(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
