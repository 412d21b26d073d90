package io.newstopics.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The one immutable configuration of a run: where to read, where to write, and every model parameter.
 * Built by {@link ConfigLoader} from {@code reference.conf} with the user's file and {@code --set} laid over it;
 * {@code flat}: each setting as text (news.runs.parameters); {@code settings}: the whole resolved configuration
 * rendered as JSON, which a saved model keeps ({@link SettingsFile}). The records with many parameters are built by
 * name ({@link #builder()}, {@link TopicOptions#builder()}, ...), whose {@code build()} refuses a missing one.
 */
public record JobConfig(
    String input,
    String format,
    String warehouse,
    InputFields fields,
    String csvDelimiter,
    long maxFileBytes,
    TextOptions text,
    FeatureOptions features,
    TopicOptions topics,
    ThemeOptions themes,
    ConceptOptions concepts,
    LinkOptions links,
    Map<String, String> flat,
    String settings) implements Serializable {

  /** Name of the Delta database the tables are registered in. */
  public static final String DATABASE = "news";

  /** Field names of record inputs (JSON Lines, CSV, Parquet). */
  public record InputFields(List<String> id, List<String> title, List<String> text, List<String> date,
                            List<String> source, List<String> url, List<String> lang) implements Serializable {
    /** All field names the job maps to its own columns; every other field goes to metadata. */
    public List<String> mapped() {
      var all = new java.util.ArrayList<String>();
      for (List<String> l : List.of(id, title, text, date, source, url, lang)) {
        all.addAll(l);
      }
      return all;
    }
  }

  /** Text preparation options; stopword sets are the effective lists (built-in + files + extra). */
  public record TextOptions(List<String> modelLanguages, int minTokenLength, int minTerms,
                            List<String> stopwordsRu, List<String> stopwordsUk, List<String> stopwordsExtra,
                            int boilerplateMinArticles, double boilerplateMinShare,
                            List<String> boilerplateLinePrefixes, int maxChars, double maxSecondsPerArticle)
      implements Serializable {
    public static Builder builder() {
      return new Builder();
    }

    /** Builds TextOptions by name. */
    public static final class Builder {
      private List<String> modelLanguages;
      private Integer minTokenLength;
      private Integer minTerms;
      private List<String> stopwordsRu;
      private List<String> stopwordsUk;
      private List<String> stopwordsExtra;
      private Integer boilerplateMinArticles;
      private Double boilerplateMinShare;
      private List<String> boilerplateLinePrefixes;
      private Integer maxChars;
      private Double maxSecondsPerArticle;

      public Builder modelLanguages(List<String> v) { modelLanguages = v; return this; }
      public Builder minTokenLength(int v) { minTokenLength = v; return this; }
      public Builder minTerms(int v) { minTerms = v; return this; }
      public Builder stopwordsRu(List<String> v) { stopwordsRu = v; return this; }
      public Builder stopwordsUk(List<String> v) { stopwordsUk = v; return this; }
      public Builder stopwordsExtra(List<String> v) { stopwordsExtra = v; return this; }
      public Builder boilerplateMinArticles(int v) { boilerplateMinArticles = v; return this; }
      public Builder boilerplateMinShare(double v) { boilerplateMinShare = v; return this; }
      public Builder boilerplateLinePrefixes(List<String> v) { boilerplateLinePrefixes = v; return this; }
      public Builder maxChars(int v) { maxChars = v; return this; }
      public Builder maxSecondsPerArticle(double v) { maxSecondsPerArticle = v; return this; }

      public TextOptions build() {
        return new TextOptions(need(modelLanguages, "text.modelLanguages"), need(minTokenLength, "text.minTokenLength"),
            need(minTerms, "text.minTerms"), need(stopwordsRu, "text.stopwordsRu"),
            need(stopwordsUk, "text.stopwordsUk"), need(stopwordsExtra, "text.stopwordsExtra"),
            need(boilerplateMinArticles, "text.boilerplateMinArticles"),
            need(boilerplateMinShare, "text.boilerplateMinShare"),
            need(boilerplateLinePrefixes, "text.boilerplateLinePrefixes"), need(maxChars, "text.maxChars"),
            need(maxSecondsPerArticle, "text.maxSecondsPerArticle"));
      }
    }
  }

  public record FeatureOptions(int vocabSize, double minDf, double maxDf, int termsPerArticle)
      implements Serializable {}

  public record TopicOptions(int k, String optimizer, int maxIterations, long seed, String subsamplingRate,
                             double passes, int minBatchDocs, double learningOffset, double learningDecay,
                             boolean optimizeDocConcentration, String docConcentration,
                             String topicConcentration, int termsPerTopic, double minArticleProbability,
                             int coherenceTerms, double languageSpecificWeight, String trainSample,
                             int metricDocs, int progressEvery, boolean kAuto, List<Integer> kCandidates,
                             int kAutoIterations, double kAutoHeldout, double kAutoEpsilon, boolean guided,
                             double guidedBoost, double lineageMinSimilarity, int displayCandidates)
      implements Serializable {
    /** A copy with another k, max-iterations and guided flag (k=auto candidates, guided vs unguided). */
    public TopicOptions with(int newK, int newMaxIterations, boolean newGuided) {
      return toBuilder().k(newK).maxIterations(newMaxIterations).guided(newGuided).kAuto(false)
          .kCandidates(List.of(newK)).build();
    }

    public static Builder builder() {
      return new Builder();
    }

    public Builder toBuilder() {
      return builder().k(k).optimizer(optimizer).maxIterations(maxIterations).seed(seed)
          .subsamplingRate(subsamplingRate).passes(passes).minBatchDocs(minBatchDocs).learningOffset(learningOffset)
          .learningDecay(learningDecay).optimizeDocConcentration(optimizeDocConcentration)
          .docConcentration(docConcentration).topicConcentration(topicConcentration).termsPerTopic(termsPerTopic)
          .minArticleProbability(minArticleProbability).coherenceTerms(coherenceTerms)
          .languageSpecificWeight(languageSpecificWeight).trainSample(trainSample).metricDocs(metricDocs)
          .progressEvery(progressEvery).kAuto(kAuto).kCandidates(kCandidates).kAutoIterations(kAutoIterations)
          .kAutoHeldout(kAutoHeldout).kAutoEpsilon(kAutoEpsilon).guided(guided).guidedBoost(guidedBoost)
          .lineageMinSimilarity(lineageMinSimilarity).displayCandidates(displayCandidates);
    }

    /** Builds TopicOptions by name. */
    public static final class Builder {
      private Integer k;
      private String optimizer;
      private Integer maxIterations;
      private Long seed;
      private String subsamplingRate;
      private Double passes;
      private Integer minBatchDocs;
      private Double learningOffset;
      private Double learningDecay;
      private Boolean optimizeDocConcentration;
      private String docConcentration;
      private String topicConcentration;
      private Integer termsPerTopic;
      private Double minArticleProbability;
      private Integer coherenceTerms;
      private Double languageSpecificWeight;
      private String trainSample;
      private Integer metricDocs;
      private Integer progressEvery;
      private Boolean kAuto;
      private List<Integer> kCandidates;
      private Integer kAutoIterations;
      private Double kAutoHeldout;
      private Double kAutoEpsilon;
      private Boolean guided;
      private Double guidedBoost;
      private Double lineageMinSimilarity;
      private Integer displayCandidates;

      public Builder k(int v) { k = v; return this; }
      public Builder optimizer(String v) { optimizer = v; return this; }
      public Builder maxIterations(int v) { maxIterations = v; return this; }
      public Builder seed(long v) { seed = v; return this; }
      public Builder subsamplingRate(String v) { subsamplingRate = v; return this; }
      public Builder passes(double v) { passes = v; return this; }
      public Builder minBatchDocs(int v) { minBatchDocs = v; return this; }
      public Builder learningOffset(double v) { learningOffset = v; return this; }
      public Builder learningDecay(double v) { learningDecay = v; return this; }
      public Builder optimizeDocConcentration(boolean v) { optimizeDocConcentration = v; return this; }
      public Builder docConcentration(String v) { docConcentration = v; return this; }
      public Builder topicConcentration(String v) { topicConcentration = v; return this; }
      public Builder termsPerTopic(int v) { termsPerTopic = v; return this; }
      public Builder minArticleProbability(double v) { minArticleProbability = v; return this; }
      public Builder coherenceTerms(int v) { coherenceTerms = v; return this; }
      public Builder languageSpecificWeight(double v) { languageSpecificWeight = v; return this; }
      public Builder trainSample(String v) { trainSample = v; return this; }
      public Builder metricDocs(int v) { metricDocs = v; return this; }
      public Builder progressEvery(int v) { progressEvery = v; return this; }
      public Builder kAuto(boolean v) { kAuto = v; return this; }
      public Builder kCandidates(List<Integer> v) { kCandidates = v; return this; }
      public Builder kAutoIterations(int v) { kAutoIterations = v; return this; }
      public Builder kAutoHeldout(double v) { kAutoHeldout = v; return this; }
      public Builder kAutoEpsilon(double v) { kAutoEpsilon = v; return this; }
      public Builder guided(boolean v) { guided = v; return this; }
      public Builder guidedBoost(double v) { guidedBoost = v; return this; }
      public Builder lineageMinSimilarity(double v) { lineageMinSimilarity = v; return this; }
      public Builder displayCandidates(int v) { displayCandidates = v; return this; }

      public TopicOptions build() {
        return new TopicOptions(need(k, "topics.k"), need(optimizer, "topics.optimizer"),
            need(maxIterations, "topics.maxIterations"), need(seed, "topics.seed"),
            need(subsamplingRate, "topics.subsamplingRate"), need(passes, "topics.passes"),
            need(minBatchDocs, "topics.minBatchDocs"), need(learningOffset, "topics.learningOffset"),
            need(learningDecay, "topics.learningDecay"),
            need(optimizeDocConcentration, "topics.optimizeDocConcentration"),
            need(docConcentration, "topics.docConcentration"), need(topicConcentration, "topics.topicConcentration"),
            need(termsPerTopic, "topics.termsPerTopic"), need(minArticleProbability, "topics.minArticleProbability"),
            need(coherenceTerms, "topics.coherenceTerms"),
            need(languageSpecificWeight, "topics.languageSpecificWeight"), need(trainSample, "topics.trainSample"),
            need(metricDocs, "topics.metricDocs"), need(progressEvery, "topics.progressEvery"),
            need(kAuto, "topics.kAuto"), need(kCandidates, "topics.kCandidates"),
            need(kAutoIterations, "topics.kAutoIterations"), need(kAutoHeldout, "topics.kAutoHeldout"),
            need(kAutoEpsilon, "topics.kAutoEpsilon"), need(guided, "topics.guided"),
            need(guidedBoost, "topics.guidedBoost"),
            need(lineageMinSimilarity, "topics.lineageMinSimilarity"),
            need(displayCandidates, "topics.displayCandidates"));
      }
    }
  }

  /**
   * One analyst-defined theme: words per language, as written in the config: its own words under the language
   * ({@code ru}, {@code uk}), words that only go with it under {@link #RELATED} and the language; {@code prior}: its
   * own prior (intercept and evidence weights), or empty for {@code themes.prior}.
   */
  public record Theme(String name, String description, Map<String, List<String>> wordsByLang, List<Double> prior)
      implements Serializable {
    public static final String RELATED = "related-";
  }

  /**
   * Theme options ({@code themes.*}); {@code prior}: intercept, then the weights of
   * {@link io.newstopics.themes.ThemeClassifier#EVIDENCE}; {@code trainingLabels}: a labels file, or empty.
   */
  public record ThemeOptions(double saturationDensity, int topicTerms, double minTopicMass, int evidenceTerms,
                             double threshold, String trainingLabels, int minTrainingExamples, int trainArticles,
                             double regularization, int maxIterations, double contextWeight, List<Double> prior,
                             List<Theme> lexicons)
      implements Serializable {
    public static Builder builder() {
      return new Builder();
    }

    /** Builds ThemeOptions by name. */
    public static final class Builder {
      private Double saturationDensity;
      private Integer topicTerms;
      private Double minTopicMass;
      private Integer evidenceTerms;
      private Double threshold;
      private String trainingLabels;
      private Integer minTrainingExamples;
      private Integer trainArticles;
      private Double regularization;
      private Integer maxIterations;
      private Double contextWeight;
      private List<Double> prior;
      private List<Theme> lexicons;

      public Builder saturationDensity(double v) { saturationDensity = v; return this; }
      public Builder topicTerms(int v) { topicTerms = v; return this; }
      public Builder minTopicMass(double v) { minTopicMass = v; return this; }
      public Builder evidenceTerms(int v) { evidenceTerms = v; return this; }
      public Builder threshold(double v) { threshold = v; return this; }
      public Builder trainingLabels(String v) { trainingLabels = v; return this; }
      public Builder minTrainingExamples(int v) { minTrainingExamples = v; return this; }
      public Builder trainArticles(int v) { trainArticles = v; return this; }
      public Builder regularization(double v) { regularization = v; return this; }
      public Builder maxIterations(int v) { maxIterations = v; return this; }
      public Builder contextWeight(double v) { contextWeight = v; return this; }
      public Builder prior(List<Double> v) { prior = v; return this; }
      public Builder lexicons(List<Theme> v) { lexicons = v; return this; }

      public ThemeOptions build() {
        return new ThemeOptions(need(saturationDensity, "themes.saturationDensity"),
            need(topicTerms, "themes.topicTerms"), need(minTopicMass, "themes.minTopicMass"),
            need(evidenceTerms, "themes.evidenceTerms"), need(threshold, "themes.threshold"),
            need(trainingLabels, "themes.trainingLabels"), need(minTrainingExamples, "themes.minTrainingExamples"),
            need(trainArticles, "themes.trainArticles"), need(regularization, "themes.regularization"),
            need(maxIterations, "themes.maxIterations"), need(contextWeight, "themes.contextWeight"),
            need(prior, "themes.prior"), need(lexicons, "themes.lexicons"));
      }
    }
  }

  /** Entity and term types of {@code conf/concepts.conf}; every type but {@code term} is an entity. */
  public static final List<String> CONCEPT_TYPES = List.of("person", "country", "organisation", "place", "term");

  /**
   * One ru/uk concept of {@code conf/concepts.conf}: id, type (one of {@link #CONCEPT_TYPES}), the display name
   * written in the file (null when none: the concept dictionary then names it by its lemmas), and the words of each
   * language as written in the file.
   */
  public record Concept(String id, String type, String name, Map<String, List<String>> formsByLang)
      implements Serializable {}

  /** The concept dictionary and the file it was read from (named in errors and warnings). */
  public record ConceptOptions(String source, List<Concept> list) implements Serializable {}

  /**
   * news.article_links: pairs at least {@code minSimilarity} similar; terms in more than {@code maxTermDocs}
   * articles are not used to find candidate pairs; {@code sharedTerms} terms kept per pair.
   */
  public record LinkOptions(double minSimilarity, int maxTermDocs, int sharedTerms) implements Serializable {}

  public JobConfig withInput(String newInput) {
    return toBuilder().input(newInput).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return builder().input(input).format(format).warehouse(warehouse).fields(fields).csvDelimiter(csvDelimiter)
        .maxFileBytes(maxFileBytes).text(text).features(features).topics(topics).themes(themes).concepts(concepts)
        .links(links).flat(flat).settings(settings);
  }

  /** Builds a JobConfig by name; input, format and warehouse may stay null (a saved model's settings). */
  public static final class Builder {
    private String input;
    private String format;
    private String warehouse;
    private InputFields fields;
    private String csvDelimiter;
    private Long maxFileBytes;
    private TextOptions text;
    private FeatureOptions features;
    private TopicOptions topics;
    private ThemeOptions themes;
    private ConceptOptions concepts;
    private LinkOptions links;
    private Map<String, String> flat;
    private String settings;

    public Builder input(String v) { input = v; return this; }
    public Builder format(String v) { format = v; return this; }
    public Builder warehouse(String v) { warehouse = v; return this; }
    public Builder fields(InputFields v) { fields = v; return this; }
    public Builder csvDelimiter(String v) { csvDelimiter = v; return this; }
    public Builder maxFileBytes(long v) { maxFileBytes = v; return this; }
    public Builder text(TextOptions v) { text = v; return this; }
    public Builder features(FeatureOptions v) { features = v; return this; }
    public Builder topics(TopicOptions v) { topics = v; return this; }
    public Builder themes(ThemeOptions v) { themes = v; return this; }
    public Builder concepts(ConceptOptions v) { concepts = v; return this; }
    public Builder links(LinkOptions v) { links = v; return this; }
    public Builder flat(Map<String, String> v) { flat = v; return this; }
    public Builder settings(String v) { settings = v; return this; }

    public JobConfig build() {
      return new JobConfig(input, format, warehouse, need(fields, "fields"), need(csvDelimiter, "csvDelimiter"),
          need(maxFileBytes, "maxFileBytes"), need(text, "text"), need(features, "features"), need(topics, "topics"),
          need(themes, "themes"), need(concepts, "concepts"), need(links, "links"), need(flat, "flat"),
          need(settings, "settings"));
    }
  }

  /** {@code value}, or an error naming the option a builder was not given (a bug in the caller, not user input). */
  static <T> T need(T value, String name) {
    if (value == null) {
      throw new IllegalStateException("option " + name + " was not set");
    }
    return value;
  }
}
