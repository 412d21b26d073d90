package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
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
 * input/format/warehouse. Every key is checked against the packed defaults wherever it comes from ({@link
 * ConfigKeys}: an unknown key fails with the nearest known one), and every value when the config is loaded, before
 * anything is read or written; messages name the key and the file (or --set).
 */
public final class ConfigLoader {
  public static final String DEFAULT_CONF = "conf/news-topics.conf";
  private static final String PACKED_CONF = "conf/news-topics.conf";

  private ConfigLoader() {}

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
        return ConfigLoader.concepts(confDir, name);
      }
    };
  }

  public static JobConfig load(String confPath, Map<String, String> overrides, String input, String format,
                               String warehouse) {
    Path confFile = confPath == null ? null : Path.of(confPath);
    Config base;
    Path confDir;
    Config packed = ConfigFactory.parseResources(PACKED_CONF);
    ConfigKeys keys = packed.isEmpty() ? null : new ConfigKeys(packed);
    String where;
    if (confFile != null && Files.isRegularFile(confFile)) {
      where = confFile.toString();
      try {
        base = ConfigFactory.parseFile(confFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (com.typesafe.config.ConfigException.Parse ex) {
        throw new ConfigException("cannot parse " + where + ": " + ex.getMessage() + " (fix the file given with --conf)",
            ex);
      }
      confDir = confFile.toAbsolutePath().getParent();
      if (keys != null) {
        keys.check(base, where);
      }
    } else if (confPath != null && !confPath.equals(DEFAULT_CONF)) {
      throw new ConfigException("config file not found: " + confPath + " (give an existing file with --conf, "
          + "or leave --conf out to use " + DEFAULT_CONF + ")");
    } else {
      base = packed;
      where = DEFAULT_CONF;
      if (base.isEmpty()) {
        throw new ConfigException("no " + DEFAULT_CONF + " here and none packed in the jar; pass --conf FILE");
      }
      confDir = null;
    }
    Config cfg = base;
    for (var e : overrides.entrySet()) {
      Config one;
      try {
        one = ConfigFactory.empty().withValue(e.getKey(), parseValue(e.getValue()));
      } catch (com.typesafe.config.ConfigException ex) {
        throw new ConfigException("--set takes key=value with a key of " + DEFAULT_CONF + ", not '" + e.getKey()
            + "' (" + ex.getMessage() + ")", ex);
      }
      if (keys != null) {
        keys.check(one, "--set");
      }
      cfg = one.withFallback(cfg);
    }
    Config resolved = checked(where + " or --set", cfg::resolve);
    return checked(where + " or --set", () -> build(resolved, onDisk(confDir), input, format, warehouse));
  }

  /**
   * A saved model's settings ({@link SettingsFile}): the same key and value checks as a --conf file, with the word
   * lists and concepts the model kept; {@code where} names the file in messages.
   */
  static JobConfig fromSaved(Config settings, Sources sources, String where) {
    Config packed = ConfigFactory.parseResources(PACKED_CONF);
    if (!packed.isEmpty()) {
      new ConfigKeys(packed).check(settings, where);
    }
    Config resolved = checked(where, settings::resolve);
    return checked(where, () -> build(resolved, sources, null, null, null));
  }

  /** Typesafe Config's errors (a missing key, a wrong type, a bad value) as a ConfigException naming the source. */
  private static <T> T checked(String where, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (com.typesafe.config.ConfigException.Missing | com.typesafe.config.ConfigException.WrongType
             | BadValue | com.typesafe.config.ConfigException.UnresolvedSubstitution ex) {
      throw new ConfigException("bad configuration: " + ex.getMessage() + " (fix it in " + where + ")", ex);
    }
  }

  private static ConfigValue parseValue(String raw) {
    try {
      return ConfigFactory.parseString("v = " + raw).getValue("v");
    } catch (com.typesafe.config.ConfigException ex) {
      return ConfigValueFactory.fromAnyRef(raw);
    }
  }

  private static JobConfig build(Config c, Sources sources, String input, String format, String warehouse) {
    Config f = c.getConfig("input.fields");
    var fields = new JobConfig.InputFields(names(f, "id"), names(f, "title"), names(f, "text"),
        names(f, "date"), names(f, "source"), names(f, "url"), names(f, "lang"));
    String delimiter = c.getString("input.csv.delimiter");
    if (delimiter.isEmpty() || delimiter.contains("\"") || delimiter.contains("\n") || delimiter.contains("\r")) {
      throw new ConfigException("input.csv.delimiter must be one or more characters without quotes or line breaks "
          + "(e.g. \",\", \";\" or \"\\t\"), not '" + delimiter + "'");
    }

    Config t = c.getConfig("text");
    var tv = new ConfigValues(t, "text");
    List<String> ru = sources.stopwords("ru", t.getString("stopwords.ru"), "text.stopwords.ru");
    List<String> uk = sources.stopwords("uk", t.getString("stopwords.uk"), "text.stopwords.uk");
    var text = new JobConfig.TextOptions(tv.modelLanguages("model-languages"), tv.positive("min-token-length"),
        tv.positive("min-terms"), ru, uk, t.getStringList("stopwords.extra"), tv.positive("boilerplate.min-articles"),
        tv.between("boilerplate.min-share", 0, false, 1, false), t.getStringList("boilerplate.line-prefixes"),
        tv.positive("max-chars"), tv.positiveDouble("max-seconds-per-article"));

    Config fe = c.getConfig("features");
    var fv = new ConfigValues(fe, "features");
    double minDf = fv.docFrequency("min-df");
    double maxDf = fv.docFrequency("max-df");
    if ((minDf < 1) == (maxDf < 1) && minDf > maxDf) {
      throw new ConfigException("features.min-df (" + minDf + ") must not be above features.max-df (" + maxDf + ")");
    }
    var features = new JobConfig.FeatureOptions(fv.positive("vocab-size"), minDf, maxDf,
        fv.positive("terms-per-article"));

    var topics = topics(c);

    Config th = c.getConfig("themes");
    var v = new ConfigValues(th, "themes");
    List<JobConfig.Theme> lexicons = v.themes("lexicons");
    List<Double> prior = th.getDoubleList("prior");
    if (prior.size() != 1 + io.newstopics.themes.ThemeClassifier.EVIDENCE.size()) {
      throw new ConfigException("themes.prior takes " + (1 + io.newstopics.themes.ThemeClassifier.EVIDENCE.size())
          + " numbers (intercept, then the weights of " + io.newstopics.themes.ThemeClassifier.EVIDENCE
          + "), not " + prior.size());
    }
    String labels = th.getString("training-labels").strip();
    if (!labels.isEmpty() && !labels.contains("://") && !Files.isRegularFile(Path.of(labels))) {
      throw new ConfigException("themes.training-labels: no file " + labels + " (give a JSON Lines labels file, "
          + "docs/themes.md, or \"\" for none)");
    }
    var themes = new JobConfig.ThemeOptions(v.positiveDouble("saturation-density"), v.positive("topic-terms"),
        v.between("min-topic-mass", 0, false, 1, false), v.positive("evidence-terms"),
        v.between("threshold", 0, true, 1, true), th.getString("training-labels"),
        v.positive("min-training-examples"), v.positive("train-articles"), v.atLeastZero("regularization"),
        v.positive("max-iterations"), v.atLeastZero("context-weight"), List.copyOf(prior), lexicons);

    var concepts = sources.concepts(c.getString("concepts.file"));

    Config li = c.getConfig("links");
    var lv = new ConfigValues(li, "links");
    var links = new JobConfig.LinkOptions(lv.between("min-similarity", 0, false, 1, false),
        lv.positive("max-term-docs"), lv.positive("shared-terms"));

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
    return new JobConfig(input, format, warehouse, fields, delimiter, maxBytes, text, features, topics, themes,
        concepts, links, Map.copyOf(flat), c.root().render(ConfigRenderOptions.concise()));
  }

  /** topics.*: every value checked here, not first when LDA is fitted (after news.articles is written). */
  private static JobConfig.TopicOptions topics(Config c) {
    // options added after the first releases default to the old behaviour when an older --conf file lacks them
    Config tp = c.getConfig("topics").withFallback(ConfigFactory.parseString("""
        train-sample = all
        metric-docs = 2147483647
        progress-every = 10
        k-auto { candidates = [10, 15, 20, 25, 30], iterations = 50, heldout = 0.1, epsilon = 0.01 }
        guided = false
        guided-boost = 1.0
        """));
    var v = new ConfigValues(tp, "topics");
    String optimizer = v.oneOf("optimizer", List.of("online", "em"));
    boolean em = optimizer.equals("em");
    boolean kAuto = v.isAuto("k");
    List<Integer> kCandidates = v.kCandidates("k-auto.candidates");
    boolean guided = tp.getBoolean("guided");
    if (guided && em) {
      throw new ConfigException("topics.guided = true needs topics.optimizer = \"online\" (the seeded topic-word "
          + "start exists only there); set topics.guided = false or use the online optimizer");
    }
    // Spark's LDA: the EM optimizer needs Dirichlet priors above 1, the online one positive priors
    String prior = em ? "a number above 1 (the em optimizer)" : "a positive number";
    return new JobConfig.TopicOptions(
        kAuto ? kCandidates.get(kCandidates.size() - 1) : v.positive("k"), optimizer, v.positive("max-iterations"),
        tp.getLong("seed"), v.autoOrNumber("subsampling-rate", 0, 1, "a share of the corpus in (0, 1]"),
        v.positiveDouble("passes"), v.positive("min-batch-docs"), v.positiveDouble("learning-offset"),
        v.positiveDouble("learning-decay"), tp.getBoolean("optimize-doc-concentration"),
        v.autoOrNumber("doc-concentration", em ? 1 : 0, Double.POSITIVE_INFINITY, prior),
        v.autoOrNumber("topic-concentration", em ? 1 : 0, Double.POSITIVE_INFINITY, prior),
        v.positive("terms-per-topic"), v.between("min-article-probability", 0, false, 1, true),
        v.atLeast("coherence-terms", 2, "coherence scores pairs of terms"),
        v.between("language-specific-weight", 0, true, 1, false), v.trainSample("train-sample"),
        v.positive("metric-docs"), v.positive("progress-every"), kAuto, kCandidates, v.positive("k-auto.iterations"),
        v.between("k-auto.heldout", 0, true, 1, true), v.atLeastZero("k-auto.epsilon"), guided,
        v.positiveDouble("guided-boost"));
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



  /** A field name or a list of them. */
  private static List<String> names(Config c, String key) {
    List<String> n = c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.LIST
        ? c.getStringList(key) : List.of(c.getString(key));
    if (n.isEmpty()) {
      throw new ConfigException("input.fields." + key + " names no field");
    }
    return n;
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
