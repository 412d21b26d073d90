package io.newstopics.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The one immutable configuration of a run: where to read, where to write, and every model parameter.
 * Built by {@link ConfigLoader} from {@code conf/news-topics.conf} plus {@code --set} overrides.
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
    Map<String, String> flat) implements Serializable {

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
                            int boilerplateMinArticles, double boilerplateMinShare)
      implements Serializable {}

  public record FeatureOptions(int vocabSize, double minDf, double maxDf, int termsPerArticle)
      implements Serializable {}

  public record TopicOptions(int k, String optimizer, int maxIterations, long seed, String subsamplingRate,
                             double passes, int minBatchDocs, double learningOffset, double learningDecay,
                             boolean optimizeDocConcentration, String docConcentration,
                             String topicConcentration, int termsPerTopic, double minArticleProbability,
                             int coherenceTerms)
      implements Serializable {}

  /** One analyst-defined theme: words per language, as written in the config. */
  public record Theme(String name, String description, Map<String, List<String>> wordsByLang)
      implements Serializable {}

  public record ThemeOptions(double lexicalWeight, double saturationDensity, int topicTerms,
                             double minTopicMass, int evidenceTerms, List<Theme> lexicons)
      implements Serializable {}

  public JobConfig withInput(String newInput) {
    return new JobConfig(newInput, format, warehouse, fields, csvDelimiter, maxFileBytes, text, features, topics,
        themes, flat);
  }
}
