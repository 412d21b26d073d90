package io.newstopics.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Spark's plain LDA example pipeline (examples/mllib/LDAExample: RegexTokenizer → StopWordsRemover →
 * CountVectorizer(vocabSize 10000) → LDA, maxIterations 10, online optimizer with miniBatchFraction
 * 0.05 + 1/D as the example sets it), on the exported raw texts, in the benchmark's Spark session. For fairness the
 * tokenizer is the peers' one (lowercase letter runs, at least 3 letters) and the stopwords are the job's lists,
 * instead of the example's whitespace split and English list. No stemming. Train = LDA.fit.
 */
final class SparkExampleContender implements Contender {
  static final int VOCAB_SIZE = 10_000;
  static final int MAX_ITERATIONS = 10;

  @Override
  public String id() {
    return "spark-example";
  }

  @Override
  public String description(ReferenceCorpus c) {
    return String.format("spark-example: Spark's LDAExample pipeline in this JVM: RegexTokenizer (letter runs, "
        + "lowercase, >= %d letters) → StopWordsRemover (the job's lists) → CountVectorizer (vocab %d, no df limits) "
        + "→ LDA online, %d iterations, subsampling 0.05 + 1/D, seed %d; surface words, no stemming",
        ReferenceCorpus.MIN_TOKEN_LENGTH, VOCAB_SIZE, MAX_ITERATIONS, c.config().topics().seed());
  }

  @Override
  public Outcome run(ReferenceCorpus c) {
    Clock clock = new Clock();
    Dataset<Row> docs = c.spark().read().json(c.docsFile().toString());
    RegexTokenizer tokenizer = new RegexTokenizer().setInputCol("text").setOutputCol("raw_tokens")
        .setGaps(false).setPattern(ReferenceCorpus.TOKEN_PATTERN).setToLowercase(true)
        .setMinTokenLength(ReferenceCorpus.MIN_TOKEN_LENGTH);
    StopWordsRemover stop = new StopWordsRemover().setInputCol("raw_tokens").setOutputCol("tokens")
        .setStopWords(c.stopwords().toArray(new String[0]));
    Dataset<Row> tokens = stop.transform(tokenizer.transform(docs));
    CountVectorizerModel cv = new CountVectorizer().setInputCol("tokens").setOutputCol("features")
        .setVocabSize(VOCAB_SIZE).fit(tokens);
    Dataset<Row> corpus = cv.transform(tokens).select("features").persist(StorageLevel.MEMORY_AND_DISK());
    long d = corpus.count();
    double prep = clock.wallSeconds();
    LDA lda = new LDA().setK(c.k()).setMaxIter(MAX_ITERATIONS).setOptimizer("online")
        .setSubsamplingRate(Math.min(1.0, 0.05 + 1.0 / d)).setSeed(c.config().topics().seed());
    Clock train = new Clock();
    LDAModel model = lda.fit(corpus);
    double trainSeconds = train.wallSeconds();
    String[] vocab = cv.vocabulary();
    List<Topic> topics = new ArrayList<>();
    for (Row r : model.describeTopics(ReferenceScorer.WORDS_PER_TOPIC).orderBy("topic").collectAsList()) {
      List<Integer> idx = r.getList(1);
      List<String> words = new ArrayList<>();
      for (int i : idx) {
        words.add(vocab[i]);
      }
      topics.add(Topic.ofWords(words));
    }
    double total = clock.wallSeconds();
    double cpu = clock.cpuSeconds();
    corpus.unpersist();
    return new Outcome(id(), c.k(), topics, d, vocab.length, trainSeconds, total, cpu,
        Map.of("prepare", prep, "lda", trainSeconds), "");
  }
}
