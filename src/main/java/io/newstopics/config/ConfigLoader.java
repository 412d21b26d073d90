package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
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
 * Loads {@link JobConfig}: the HOCON file (default {@code conf/news-topics.conf}; the copy packed in the jar
 * when that file is absent, as on a cluster), then {@code --set key=value} overrides, then the command-line
 * input/format/warehouse. Unknown keys and bad values fail with a message that names the key and the file.
 */
public final class ConfigLoader {
  public static final String DEFAULT_CONF = "conf/news-topics.conf";
  private static final String PACKED_CONF = "conf/news-topics.conf";

  private ConfigLoader() {}

  public static JobConfig load(String confPath, Map<String, String> overrides, String input, String format,
                               String warehouse) {
    Path confFile = confPath == null ? null : Path.of(confPath);
    Config base;
    Path confDir;
    if (confFile != null && Files.isRegularFile(confFile)) {
      base = ConfigFactory.parseFile(confFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      confDir = confFile.toAbsolutePath().getParent();
    } else if (confPath != null && !confPath.equals(DEFAULT_CONF)) {
      throw new ConfigException("config file not found: " + confPath + " (give an existing file with --conf, "
          + "or leave --conf out to use " + DEFAULT_CONF + ")");
    } else {
      base = ConfigFactory.parseResources(PACKED_CONF);
      if (base.isEmpty()) {
        throw new ConfigException("no " + DEFAULT_CONF + " here and none packed in the jar; pass --conf FILE");
      }
      confDir = null;
    }
    Config packed = ConfigFactory.parseResources(PACKED_CONF);
    Config cfg = base;
    for (var e : overrides.entrySet()) {
      String key = e.getKey();
      if (!packed.isEmpty() && !packed.hasPathOrNull(key) && !key.startsWith("themes.lexicons.")) {
        throw new ConfigException("unknown config key '" + key + "' in --set; the keys are listed in "
            + DEFAULT_CONF);
      }
      cfg = ConfigFactory.parseMap(Map.of()).withValue(key, parseValue(e.getValue())).withFallback(cfg);
    }
    cfg = cfg.resolve();
    try {
      return build(cfg, confDir, input, format, warehouse);
    } catch (com.typesafe.config.ConfigException.Missing | com.typesafe.config.ConfigException.WrongType
             | BadValue ex) {
      throw new ConfigException("bad configuration: " + ex.getMessage()
          + " (fix it in " + (confFile != null ? confFile : DEFAULT_CONF) + " or in --set)", ex);
    }
  }

  private static ConfigValue parseValue(String raw) {
    try {
      return ConfigFactory.parseString("v = " + raw).getValue("v");
    } catch (com.typesafe.config.ConfigException ex) {
      return ConfigValueFactory.fromAnyRef(raw);
    }
  }

  private static JobConfig build(Config c, Path confDir, String input, String format, String warehouse) {
    Config f = c.getConfig("input.fields");
    var fields = new JobConfig.InputFields(names(f, "id"), names(f, "title"), names(f, "text"),
        names(f, "date"), names(f, "source"), names(f, "url"), names(f, "lang"));

    Config t = c.getConfig("text");
    List<String> ru = new ArrayList<>(charSet(RussianAnalyzer.getDefaultStopSet()));
    ru.addAll(readWordFile(confDir, t.getString("stopwords.ru"), "text.stopwords.ru"));
    List<String> uk = new ArrayList<>(charSet(UkrainianMorfologikAnalyzer.getDefaultStopwords()));
    uk.addAll(readWordFile(confDir, t.getString("stopwords.uk"), "text.stopwords.uk"));
    var text = new JobConfig.TextOptions(t.getStringList("model-languages"), positive(t, "min-token-length"),
        t.getInt("min-terms"), ru, uk, t.getStringList("stopwords.extra"),
        positive(t, "boilerplate.min-articles"), t.getDouble("boilerplate.min-share"),
        t.getStringList("boilerplate.line-prefixes"), positive(t, "max-chars"),
        positiveSeconds(t, "max-seconds-per-article"));

    Config fe = c.getConfig("features");
    var features = new JobConfig.FeatureOptions(positive(fe, "vocab-size"), fe.getDouble("min-df"),
        fe.getDouble("max-df"), positive(fe, "terms-per-article"));

    // options added after the first releases default to the old behaviour when an older --conf file lacks them
    Config tp = c.getConfig("topics").withFallback(ConfigFactory.parseString("""
        train-sample = all
        metric-docs = 2147483647
        progress-every = 10
        k-auto { candidates = [10, 15, 20, 25, 30], iterations = 50, heldout = 0.1, epsilon = 0.01 }
        guided = false
        guided-boost = 1.0
        """));
    String optimizer = tp.getString("optimizer");
    if (!optimizer.equals("online") && !optimizer.equals("em")) {
      throw new ConfigException("topics.optimizer must be \"online\" or \"em\", not \"" + optimizer + "\"");
    }
    boolean kAuto = tp.getValue("k").valueType() == com.typesafe.config.ConfigValueType.STRING
        && tp.getString("k").strip().equals("auto");
    List<Integer> kCandidates = kCandidates(tp);
    boolean guided = tp.getBoolean("guided");
    if (guided && !optimizer.equals("online")) {
      throw new ConfigException("topics.guided = true needs topics.optimizer = \"online\" (the seeded topic-word "
          + "start exists only there); set topics.guided = false or use the online optimizer");
    }
    var topics = new JobConfig.TopicOptions(
        kAuto ? kCandidates.get(kCandidates.size() - 1) : positive(tp, "k"), optimizer, positive(tp, "max-iterations"),
        tp.getLong("seed"), tp.getString("subsampling-rate"), tp.getDouble("passes"), positive(tp, "min-batch-docs"),
        tp.getDouble("learning-offset"), tp.getDouble("learning-decay"),
        tp.getBoolean("optimize-doc-concentration"), tp.getString("doc-concentration"),
        tp.getString("topic-concentration"), positive(tp, "terms-per-topic"),
        tp.getDouble("min-article-probability"), coherenceTerms(tp), languageSpecificWeight(tp), trainSample(tp),
        positive(tp, "metric-docs"), positive(tp, "progress-every"), kAuto, kCandidates,
        positive(tp, "k-auto.iterations"), fraction(tp, "k-auto.heldout"), tp.getDouble("k-auto.epsilon"), guided,
        positiveDouble(tp, "guided-boost"));

    Config th = c.getConfig("themes");
    List<JobConfig.Theme> lexicons = new ArrayList<>();
    ConfigObject lex = th.getObject("lexicons");
    for (String name : new TreeMap<>(lex.unwrapped()).keySet()) {
      Config one = th.getConfig("lexicons.\"" + name + "\"");
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
    double threshold = th.getDouble("threshold");
    if (threshold <= 0 || threshold >= 1) {
      throw new ConfigException("themes.threshold must be between 0 and 1 (exclusive), not " + threshold);
    }
    List<Double> prior = th.getDoubleList("prior");
    if (prior.size() != 1 + io.newstopics.themes.ThemeClassifier.EVIDENCE.size()) {
      throw new ConfigException("themes.prior takes " + (1 + io.newstopics.themes.ThemeClassifier.EVIDENCE.size())
          + " numbers (intercept, then the weights of " + io.newstopics.themes.ThemeClassifier.EVIDENCE
          + "), not " + prior.size());
    }
    double regularization = th.getDouble("regularization");
    if (regularization < 0) {
      throw new ConfigException("themes.regularization must be 0 or more, not " + regularization);
    }
    var themes = new JobConfig.ThemeOptions(th.getDouble("saturation-density"), positive(th, "topic-terms"),
        th.getDouble("min-topic-mass"), positive(th, "evidence-terms"), threshold, th.getString("training-labels"),
        positive(th, "min-training-examples"), positive(th, "train-articles"), regularization,
        positive(th, "max-iterations"), th.getDouble("context-weight"), List.copyOf(prior), lexicons);

    var concepts = concepts(confDir, c.getString("concepts.file"));

    Config li = c.getConfig("links");
    double minSimilarity = li.getDouble("min-similarity");
    if (minSimilarity < 0 || minSimilarity > 1) {
      throw new ConfigException("links.min-similarity must be between 0 and 1, not " + minSimilarity);
    }
    var links = new JobConfig.LinkOptions(minSimilarity, positive(li, "max-term-docs"), positive(li, "shared-terms"));

    Map<String, String> flat = new TreeMap<>();
    for (var e : c.entrySet()) {
      if (!e.getKey().startsWith("themes.lexicons")) {
        flat.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    long maxBytes = c.getBytes("input.max-file-bytes");
    if (maxBytes <= 0) {
      throw new ConfigException("input.max-file-bytes must be positive, not " + maxBytes);
    }
    String delimiter = c.getString("input.csv.delimiter");
    if (delimiter.isEmpty() || delimiter.contains("\"") || delimiter.contains("\n") || delimiter.contains("\r")) {
      throw new ConfigException("input.csv.delimiter must be one or more characters without quotes or line breaks "
          + "(e.g. \",\", \";\" or \"\\t\"), not '" + delimiter + "'");
    }
    return new JobConfig(input, format, warehouse, fields, delimiter, maxBytes, text,
        features, topics, themes, concepts, links, Map.copyOf(flat));
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
      String display = one.hasPath("name") ? one.getString("name") : defaultName(forms);
      list.add(new JobConfig.Concept(id, type, display, forms));
    }
    return new JobConfig.ConceptOptions(source, List.copyOf(list));
  }

  /** "ru/uk" from the first form of each language; one form when both are spelled alike. */
  private static String defaultName(Map<String, List<String>> forms) {
    List<String> firsts = new ArrayList<>();
    for (List<String> l : forms.values()) {
      if (!l.isEmpty() && !firsts.contains(l.get(0))) {
        firsts.add(l.get(0));
      }
    }
    return String.join("/", firsts);
  }

  /** A field name or a list of them. */
  private static List<String> names(Config c, String key) {
    List<String> n = c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.LIST
        ? c.getStringList(key) : List.of(c.getString(key));
    if (n.isEmpty()) {
      throw new ConfigException("input.fields." + key + " names no field");
    }
    return n;
  }

  /** "all", a number of articles (>= 1) or a fraction of the modelled articles (0 < f < 1). */
  private static String trainSample(Config tp) {
    String v = tp.getString("train-sample").strip();
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
    throw new ConfigException("topics.train-sample must be \"all\", a number of articles (e.g. 20000) or a "
        + "fraction in (0, 1) (e.g. 0.5), not \"" + v + "\"");
  }

  /** topics.k-auto.candidates, sorted and distinct, each at least 2. */
  private static List<Integer> kCandidates(Config tp) {
    List<Integer> c = new ArrayList<>(new java.util.TreeSet<>(tp.getIntList("k-auto.candidates")));
    if (c.isEmpty() || c.get(0) < 2) {
      throw new ConfigException("topics.k-auto.candidates must list numbers of topics of at least 2, e.g. "
          + "[10, 15, 20, 25, 30], not " + tp.getIntList("k-auto.candidates"));
    }
    return List.copyOf(c);
  }

  private static double fraction(Config c, String key) {
    double v = c.getDouble(key);
    if (v <= 0 || v >= 1) {
      throw new ConfigException("topics." + key + " must be a fraction in (0, 1), not " + v);
    }
    return v;
  }

  private static double positiveDouble(Config c, String key) {
    double v = c.getDouble(key);
    if (v <= 0) {
      throw new ConfigException("topics." + key + " must be a positive number, not " + v);
    }
    return v;
  }

  private static int coherenceTerms(Config tp) {
    int n = tp.getInt("coherence-terms");
    if (n < 2) {
      throw new ConfigException("topics.coherence-terms must be at least 2 (coherence scores pairs of terms), not "
          + n);
    }
    return n;
  }

  private static double languageSpecificWeight(Config tp) {
    double w = tp.getDouble("language-specific-weight");
    if (w <= 0 || w > 1) {
      throw new ConfigException("topics.language-specific-weight must be in (0, 1] (1: no down-weighting), not " + w);
    }
    return w;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new ConfigException(key + " must be a positive number, not " + v);
    }
    return v;
  }

  private static double positiveSeconds(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new ConfigException("text." + key + " must be a positive number of seconds, not " + v);
    }
    return v;
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
      try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("conf/" + name)) {
        if (in != null) {
          return parseWords(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException ex) {
      throw new ConfigException("cannot read word list " + name + " (" + key + "): " + ex.getMessage(), ex);
    }
    throw new ConfigException("word list not found: " + name + " (" + key + "); put it beside the config file");
  }

  static List<String> parseWords(String content) {
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
