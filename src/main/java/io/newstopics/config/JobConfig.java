package io.newstopics.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The one immutable configuration of a run: where to read, where to write, and every model parameter.
 * Built by {@link ConfigLoader} from {@code conf/news-topics.conf} plus {@code --set} overrides; {@code flat}: each
 * setting as text (news.runs.parameters); {@code settings}: the whole resolved configuration rendered as JSON, which
 * a saved model keeps ({@link SettingsFile}).
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
      implements Serializable {}

  public record FeatureOptions(int vocabSize, double minDf, double maxDf, int termsPerArticle)
      implements Serializable {}

  public record TopicOptions(int k, String optimizer, int maxIterations, long seed, String subsamplingRate,
                             double passes, int minBatchDocs, double learningOffset, double learningDecay,
                             boolean optimizeDocConcentration, String docConcentration,
                             String topicConcentration, int termsPerTopic, double minArticleProbability,
                             int coherenceTerms, double languageSpecificWeight, String trainSample,
                             int metricDocs, int progressEvery, boolean kAuto, List<Integer> kCandidates,
                             int kAutoIterations, double kAutoHeldout, double kAutoEpsilon, boolean guided,
                             double guidedBoost)
      implements Serializable {
    /** The options of before train-sample, k=auto and guided themes; those take their defaults (off). */
    public TopicOptions(int k, String optimizer, int maxIterations, long seed, String subsamplingRate, double passes,
                        int minBatchDocs, double learningOffset, double learningDecay,
                        boolean optimizeDocConcentration, String docConcentration, String topicConcentration,
                        int termsPerTopic, double minArticleProbability, int coherenceTerms,
                        double languageSpecificWeight) {
      this(k, optimizer, maxIterations, seed, subsamplingRate, passes, minBatchDocs, learningOffset, learningDecay,
          optimizeDocConcentration, docConcentration, topicConcentration, termsPerTopic, minArticleProbability,
          coherenceTerms, languageSpecificWeight, "all", Integer.MAX_VALUE, 10, false, List.of(k), maxIterations,
          0.1, 0.01, false, 1.0);
    }

    /** A copy with another k, max-iterations and guided flag (k=auto candidates, guided vs unguided). */
    public TopicOptions with(int newK, int newMaxIterations, boolean newGuided) {
      return new TopicOptions(newK, optimizer, newMaxIterations, seed, subsamplingRate, passes, minBatchDocs,
          learningOffset, learningDecay, optimizeDocConcentration, docConcentration, topicConcentration,
          termsPerTopic, minArticleProbability, coherenceTerms, languageSpecificWeight, trainSample, metricDocs,
          progressEvery, false, List.of(newK), kAutoIterations, kAutoHeldout, kAutoEpsilon, newGuided, guidedBoost);
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
      implements Serializable {}

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
    return new JobConfig(newInput, format, warehouse, fields, csvDelimiter, maxFileBytes, text, features, topics,
        themes, concepts, links, flat, settings);
  }
}
