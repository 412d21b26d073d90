package io.newstopics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads {@link JobConfig}: the defaults of {@code reference.conf} (packed in the jar; every key and its default
 * live there and nowhere else), with the user's HOCON file (default {@code conf/news-topics.conf}, skipped when
 * absent), then {@code --set key=value} overrides, then the command-line input/format/warehouse laid over them, and
 * substitutions resolved last. Every key of the file and of --set is checked against reference.conf ({@link
 * ConfigKeys}: an unknown key fails with the nearest known one), and every value when the config is loaded, before
 * anything is read or written; messages name the key and the file (or --set).
 */
public final class ConfigLoader {
  public static final String DEFAULT_CONF = "conf/news-topics.conf";
  /** The packed defaults, by the Typesafe Config convention. */
  static final String REFERENCE = "reference.conf";
  /** The job's top-level sections; another library's reference.conf on the classpath adds no key of ours. */
  static final List<String> SECTIONS = List.of("input", "text", "features", "topics", "concepts", "links", "themes");

  private ConfigLoader() {}

  /** The packed defaults: the job's sections of the reference.conf files on the classpath, unresolved. */
  static Config reference() {
    Config all = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), REFERENCE);
    Config ours = ConfigFactory.empty();
    for (String section : SECTIONS) {
      if (all.hasPath(section)) {
        ours = ours.withFallback(all.withOnlyPath(section));
      }
    }
    if (ours.isEmpty()) {
      throw new ConfigException("no " + REFERENCE + " with the job's defaults on the classpath (the jar is incomplete;"
          + " rebuild it with mvn package)");
    }
    return ours;
  }

  public static JobConfig load(String confPath, Map<String, String> overrides, String input, String format,
                               String warehouse) {
    Path confFile = confPath == null ? null : Path.of(confPath);
    Config reference = reference();
    ConfigKeys keys = new ConfigKeys(reference);
    Config cfg;
    Path confDir;
    String where;
    if (confFile != null && Files.isRegularFile(confFile)) {
      where = confFile.toString();
      try {
        cfg = ConfigFactory.parseFile(confFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (com.typesafe.config.ConfigException.Parse ex) {
        throw new ConfigException("cannot parse " + where + ": " + ex.getMessage() + " (fix the file given with --conf)",
            ex);
      }
      confDir = confFile.toAbsolutePath().getParent();
      keys.check(cfg, where);
      where += " or --set";
    } else if (confPath != null && !confPath.equals(DEFAULT_CONF)) {
      throw new ConfigException("config file not found: " + confPath + " (give an existing file with --conf, "
          + "or leave --conf out to use " + DEFAULT_CONF + " or, without it, the defaults)");
    } else {
      cfg = ConfigFactory.empty();
      where = "--set";
      confDir = null;
    }
    for (var e : overrides.entrySet()) {
      Config one;
      try {
        one = ConfigFactory.empty().withValue(e.getKey(), parseValue(e.getValue()));
      } catch (com.typesafe.config.ConfigException ex) {
        throw new ConfigException("--set takes key=value with a key of " + REFERENCE + ", not '" + e.getKey()
            + "' (" + ex.getMessage() + ")", ex);
      }
      keys.check(one, "--set");
      cfg = one.withFallback(cfg);
    }
    Config layered = cfg.withFallback(reference);
    Config resolved = checked(where, layered::resolve);
    return checked(where, () -> build(resolved, ConfigFiles.onDisk(confDir)).input(input).format(format).warehouse(warehouse)
        .build());
  }

  /**
   * A saved model's settings ({@link SettingsFile}): the same key and value checks as a --conf file, with the word
   * lists and concepts the model kept; {@code where} names the file in messages. A key the saved settings lack (a
   * model saved before the key existed) takes its reference.conf default; the theme blocks stay exactly the saved
   * ones, none added from the defaults.
   */
  static JobConfig fromSaved(Config settings, ConfigFiles.Sources sources, String where) {
    Config reference = reference();
    new ConfigKeys(reference).check(settings, where);
    Config layered = settings.withFallback(reference.withoutPath(ConfigKeys.LEXICONS));
    Config resolved = checked(where, layered::resolve);
    return checked(where, () -> build(resolved, sources).build());
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

  /** The checked values of {@code c} (complete: reference.conf laid under it), all but input/format/warehouse. */
  private static JobConfig.Builder build(Config c, ConfigFiles.Sources sources) {
    Config f = c.getConfig("input.fields");
    var fields = new JobConfig.InputFields(names(f, "id"), names(f, "title"), names(f, "text"),
        names(f, "date"), names(f, "source"), names(f, "url"), names(f, "lang"));
    String delimiter = c.getString("input.csv.delimiter");
    if (delimiter.isEmpty() || delimiter.contains("\"") || delimiter.contains("\n") || delimiter.contains("\r")) {
      throw new ConfigException("input.csv.delimiter must be one or more characters without quotes or line breaks "
          + "(e.g. \",\", \";\" or \"\\t\"), not '" + delimiter + "'");
    }
    long maxBytes = c.getBytes("input.max-file-bytes");
    if (maxBytes <= 0) {
      throw new ConfigException("input.max-file-bytes must be positive, not " + maxBytes);
    }

    Config t = c.getConfig("text");
    var tv = new ConfigValues(t, "text");
    var text = JobConfig.TextOptions.builder()
        .modelLanguages(tv.modelLanguages("model-languages"))
        .minTokenLength(tv.positive("min-token-length"))
        .minTerms(tv.positive("min-terms"))
        .stopwordsRu(sources.stopwords("ru", t.getString("stopwords.ru"), "text.stopwords.ru"))
        .stopwordsUk(sources.stopwords("uk", t.getString("stopwords.uk"), "text.stopwords.uk"))
        .stopwordsExtra(t.getStringList("stopwords.extra"))
        .boilerplateMinArticles(tv.positive("boilerplate.min-articles"))
        .boilerplateMinShare(tv.between("boilerplate.min-share", 0, false, 1, false))
        .boilerplateLinePrefixes(t.getStringList("boilerplate.line-prefixes"))
        .maxChars(tv.positive("max-chars"))
        .maxSecondsPerArticle(tv.positiveDouble("max-seconds-per-article"))
        .build();

    Config fe = c.getConfig("features");
    var fv = new ConfigValues(fe, "features");
    double minDf = fv.docFrequency("min-df");
    double maxDf = fv.docFrequency("max-df");
    if ((minDf < 1) == (maxDf < 1) && minDf > maxDf) {
      throw new ConfigException("features.min-df (" + minDf + ") must not be above features.max-df (" + maxDf + ")");
    }
    var features = new JobConfig.FeatureOptions(fv.positive("vocab-size"), minDf, maxDf,
        fv.positive("terms-per-article"));

    Config li = c.getConfig("links");
    var lv = new ConfigValues(li, "links");
    var links = new JobConfig.LinkOptions(lv.between("min-similarity", 0, false, 1, false),
        lv.positive("max-term-docs"), lv.positive("shared-terms"));

    Map<String, String> flat = new TreeMap<>();
    for (var e : c.entrySet()) {
      if (!e.getKey().startsWith(ConfigKeys.LEXICONS)) {
        flat.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    return JobConfig.builder().fields(fields).csvDelimiter(delimiter).maxFileBytes(maxBytes).text(text)
        .features(features).topics(topics(c)).themes(themes(c)).concepts(sources.concepts(c.getString("concepts.file")))
        .links(links).flat(Map.copyOf(flat)).settings(c.root().render(ConfigRenderOptions.concise()));
  }

  /** topics.*: every value checked here, not first when LDA is fitted (after news.articles is written). */
  private static JobConfig.TopicOptions topics(Config c) {
    Config tp = c.getConfig("topics");
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
    return JobConfig.TopicOptions.builder()
        .k(kAuto ? kCandidates.get(kCandidates.size() - 1) : v.positive("k"))
        .optimizer(optimizer)
        .maxIterations(v.positive("max-iterations"))
        .seed(tp.getLong("seed"))
        .subsamplingRate(v.autoOrNumber("subsampling-rate", 0, 1, "a share of the corpus in (0, 1]"))
        .passes(v.positiveDouble("passes"))
        .minBatchDocs(v.positive("min-batch-docs"))
        .learningOffset(v.positiveDouble("learning-offset"))
        .learningDecay(v.positiveDouble("learning-decay"))
        .optimizeDocConcentration(tp.getBoolean("optimize-doc-concentration"))
        .docConcentration(v.autoOrNumber("doc-concentration", em ? 1 : 0, Double.POSITIVE_INFINITY, prior))
        .topicConcentration(v.autoOrNumber("topic-concentration", em ? 1 : 0, Double.POSITIVE_INFINITY, prior))
        .termsPerTopic(v.positive("terms-per-topic"))
        .minArticleProbability(v.between("min-article-probability", 0, false, 1, true))
        .coherenceTerms(v.atLeast("coherence-terms", 2, "coherence scores pairs of terms"))
        .languageSpecificWeight(v.between("language-specific-weight", 0, true, 1, false))
        .trainSample(v.trainSample("train-sample"))
        .metricDocs(v.positive("metric-docs"))
        .progressEvery(v.positive("progress-every"))
        .kAuto(kAuto)
        .kCandidates(kCandidates)
        .kAutoIterations(v.positive("k-auto.iterations"))
        .kAutoHeldout(v.between("k-auto.heldout", 0, true, 1, true))
        .kAutoEpsilon(v.atLeastZero("k-auto.epsilon"))
        .guided(guided)
        .guidedBoost(v.positiveDouble("guided-boost"))
        .lineageMinSimilarity(v.between("lineage.min-similarity", 0, true, 1, false))
        .displayCandidates(v.positive("display-candidates"))
        .build();
  }

  /** themes.*: the theme blocks and the classifier's options. */
  private static JobConfig.ThemeOptions themes(Config c) {
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
    return JobConfig.ThemeOptions.builder()
        .saturationDensity(v.positiveDouble("saturation-density"))
        .topicTerms(v.positive("topic-terms"))
        .minTopicMass(v.between("min-topic-mass", 0, false, 1, false))
        .evidenceTerms(v.positive("evidence-terms"))
        .threshold(v.between("threshold", 0, true, 1, true))
        .trainingLabels(th.getString("training-labels"))
        .minTrainingExamples(v.positive("min-training-examples"))
        .trainArticles(v.positive("train-articles"))
        .regularization(v.atLeastZero("regularization"))
        .maxIterations(v.positive("max-iterations"))
        .contextWeight(v.atLeastZero("context-weight"))
        .prior(List.copyOf(prior))
        .lexicons(lexicons)
        .build();
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
}
