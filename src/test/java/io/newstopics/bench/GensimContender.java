package io.newstopics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gensim (Debian's python3-gensim) LdaMulticore in a child Python process: src/test/python/gensim_lda.py on the
 * exported raw texts, the peers' tokenizer and the job's stopwords, Dictionary.filter_extremes like the job's
 * min-df / max-df / vocab-size, 10 passes, {@code workers} worker processes (plus gensim's master process).
 * Whole = the child process's wall time (Python start and gensim import included); train = the LdaMulticore call.
 */
final class GensimContender implements Contender {
  static final int PASSES = 10;

  private final Path script;
  private final String python;
  private final int workers;

  GensimContender(Path script, String python, int workers) {
    this.script = script;
    this.python = python;
    this.workers = workers;
  }

  @Override
  public String id() {
    return "gensim";
  }

  @Override
  public String description(ReferenceCorpus c) {
    var f = c.config().features();
    return String.format("gensim: LdaMulticore (python3-gensim) in a child process, workers=%d, %d passes, "
        + "chunksize 2000, 50 iterations, symmetric alpha (its defaults), seed %d; letter runs >= %d, the job's "
        + "stopwords, filter_extremes(no_below=%d, no_above=%s, keep_n=%d); surface words, no stemming",
        workers, PASSES, c.config().topics().seed(), ReferenceCorpus.MIN_TOKEN_LENGTH, c.minDocCount(),
        OursContender.trim(f.maxDf()), f.vocabSize());
  }

  @Override
  public Outcome run(ReferenceCorpus c) throws Exception {
    var f = c.config().features();
    if (f.maxDf() > 1) {
      throw new IllegalStateException("gensim's no_above is a fraction; features.max-df is a count here");
    }
    Path out = c.workDir().resolve("gensim-topics.json");
    Path log = c.workDir().resolve("gensim.log");
    List<String> cmd = List.of(python, script.toString(), "--docs", c.docsFile().toString(),
        "--stopwords", c.stopwordsFile().toString(), "--k", Integer.toString(c.k()),
        "--passes", Integer.toString(PASSES), "--workers", Integer.toString(workers),
        "--no-below", Integer.toString(c.minDocCount()), "--no-above", Double.toString(f.maxDf()),
        "--keep-n", Integer.toString(f.vocabSize()), "--min-length", Integer.toString(ReferenceCorpus.MIN_TOKEN_LENGTH),
        "--topn", Integer.toString(ReferenceScorer.WORDS_PER_TOPIC),
        "--seed", Long.toString(c.config().topics().seed()), "--out", out.toString());
    Clock clock = new Clock();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    double wall = clock.wallSeconds();
    if (code != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException("gensim_lda.py exited " + code + ": "
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    }
    JsonNode r = new ObjectMapper().readTree(out.toFile());
    List<Topic> topics = new ArrayList<>();
    for (JsonNode t : r.get("topics")) {
      List<String> words = new ArrayList<>();
      t.forEach(w -> words.add(w.asText()));
      topics.add(Topic.ofWords(words));
    }
    Map<String, Double> stages = new LinkedHashMap<>();
    double train = r.get("train_seconds").asDouble();
    stages.put("prepare", r.get("total_seconds").asDouble() - train);
    stages.put("train", train);
    return new Outcome(id(), c.k(), topics, r.get("documents").asLong(), r.get("vocabulary").asLong(), train, wall,
        r.get("cpu_seconds").asDouble(), stages, "workers=" + workers);
  }
}
