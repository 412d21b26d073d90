package io.newstopics.bench;

import cc.mallet.pipe.CharSequence2TokenSequence;
import cc.mallet.pipe.CharSequenceLowercase;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.pipe.TokenSequenceRemoveStopwords;
import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.Token;
import cc.mallet.types.TokenSequence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * MALLET 2.1.1 (Maven Central, a test-scope dependency), in this JVM, the way {@code mallet import-file
 * --keep-sequence --remove-stopwords} and {@code mallet train-topics --optimize-interval 10} run it: pipes
 * lowercase → token regex → stopwords → feature sequence; ParallelTopicModel with its train-topics defaults
 * (alpha sum 5.0, beta 0.01, 1000 iterations, burn-in 200 before hyper-parameter optimisation every 10 iterations),
 * 2 threads. The token regex is the peers' one (letter runs, at least 3 letters: MALLET's default regex also needs
 * 3 characters) and the stopwords are the job's lists. No stemming, no pruning (MALLET's usual).
 */
final class MalletContender implements Contender {
  static final int ITERATIONS = 1000;
  static final int THREADS = 2;
  static final int OPTIMIZE_INTERVAL = 10;
  static final int BURN_IN = 200;
  static final double ALPHA_SUM = 5.0;
  static final double BETA = 0.01;

  private final int iterations;

  MalletContender(int iterations) {
    this.iterations = iterations;
  }

  @Override
  public String id() {
    return "mallet";
  }

  @Override
  public String description(ReferenceCorpus c) {
    return String.format("mallet: MALLET 2.1.1 ParallelTopicModel in this JVM, %d threads, %d iterations, "
        + "optimize-interval %d (burn-in %d), alpha sum %.1f, beta %.2f, seed %d; pipes: lowercase → letter runs "
        + ">= %d → the job's stopwords; surface words, no pruning", THREADS, iterations, OPTIMIZE_INTERVAL, BURN_IN,
        ALPHA_SUM, BETA, c.config().topics().seed(), ReferenceCorpus.MIN_TOKEN_LENGTH);
  }

  /** Drops tokens shorter than the peers' minimum length. */
  static final class MinLength extends Pipe {
    private static final long serialVersionUID = 1L;

    @Override
    public Instance pipe(Instance carrier) {
      TokenSequence in = (TokenSequence) carrier.getData();
      TokenSequence out = new TokenSequence(in.size());
      for (Token t : in) {
        if (t.getText().length() >= ReferenceCorpus.MIN_TOKEN_LENGTH) {
          out.add(t);
        }
      }
      carrier.setData(out);
      return carrier;
    }
  }

  @Override
  public Outcome run(ReferenceCorpus c) throws Exception {
    ParallelTopicModel.logger.setLevel(Level.WARNING);
    Clock clock = new Clock();
    Pipe pipe = new SerialPipes(List.of(
        new CharSequenceLowercase(),
        new CharSequence2TokenSequence(Pattern.compile(ReferenceCorpus.TOKEN_PATTERN)),
        new TokenSequenceRemoveStopwords(c.stopwordsFile().toFile(), "UTF-8", false, false, false),
        new MinLength(),
        new TokenSequence2FeatureSequence()));
    InstanceList instances = new InstanceList(pipe);
    List<Instance> raw = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader r = Files.newBufferedReader(c.docsFile(), StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode n = json.readTree(line);
        raw.add(new Instance(n.get("text").asText(), null, n.get("id").asText(), null));
      }
    }
    instances.addThruPipe(raw.iterator());
    double prep = clock.wallSeconds();

    ParallelTopicModel model = new ParallelTopicModel(c.k(), ALPHA_SUM, BETA);
    model.addInstances(instances);
    model.setNumThreads(THREADS);
    model.setNumIterations(iterations);
    model.setOptimizeInterval(OPTIMIZE_INTERVAL);
    model.setBurninPeriod(BURN_IN);
    model.setRandomSeed((int) c.config().topics().seed());
    model.setTopicDisplay(iterations + 1, 0);
    model.printLogLikelihood = false;
    Clock train = new Clock();
    model.estimate();
    double trainSeconds = train.wallSeconds();

    Object[][] top = model.getTopWords(ReferenceScorer.WORDS_PER_TOPIC);
    List<Topic> topics = new ArrayList<>();
    for (Object[] t : top) {
      List<String> words = new ArrayList<>();
      for (Object w : t) {
        words.add(w.toString());
      }
      topics.add(Topic.ofWords(words));
    }
    double total = clock.wallSeconds();
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("import", prep);
    stages.put("train", trainSeconds);
    return new Outcome(id(), c.k(), topics, instances.size(), instances.getDataAlphabet().size(), trainSeconds,
        total, clock.cpuSeconds(), stages, "");
  }
}
