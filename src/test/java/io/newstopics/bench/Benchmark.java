package io.newstopics.bench;

import io.newstopics.cli.SparkSessions;
import io.newstopics.config.ConfigLoader;
import io.newstopics.config.JobConfig;
import io.newstopics.job.NewsTopicsJob;
import io.newstopics.links.CrossLanguagePairs;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;

/**
 * The quality and speed benchmark (bin/benchmark; a program, not a test). For each corpus: our job runs whole
 * (read to Delta) into a temporary warehouse; the articles it modelled, as raw text, become the reference corpus
 * and the input of every other contender (Spark's plain LDA example, MALLET, gensim), each trained with the same k.
 * All topics are scored by one scorer independent of our text pipeline ({@link ReferenceScorer}: Snowball keys of
 * words and raw text), and one table shows quality (NPMI, topics below 0, our flagged topics, UMass, diversity)
 * next to wall and CPU time, with time ratios against
 * ours. One run per contender: the numbers are single measurements, not medians.
 */
public final class Benchmark {
  static final String USAGE = """
      bin/benchmark [--corpus PATH]... [--k N] [--limit N] [--skip ID,...] [--out FILE.md]
                    [--peer-text raw|clean] [--gensim-workers N] [--mallet-iterations N] [--no-warmup]
                    [--conf FILE] [--set key=value]... [--mix-pairs [FILE]]
        --corpus   an input our job reads (JSON Lines, CSV, Parquet, text folder; .gz too); repeatable;
                   generated:N = N articles made from ../shared/corpora by CorpusGenerator (deterministic,
                   cached in target/bench-corpora/)
                   (default: ../shared/corpora/brown_uk.jsonl.gz)
        --k        topics for every contender (default: the job's topics.k)
        --limit    only the first N records of each corpus (copied to a temporary file)
        --skip     contenders to leave out: spark-example, mallet, gensim (ours always runs: it makes the corpus)
        --out      also append the tables, as Markdown, to FILE
        --peer-text  what the peers read: raw (title + text, default) or clean (the job's text after boilerplate
                   removal and normalisation, to compare models rather than pipelines)
        --gensim-workers  LdaMulticore worker processes (default 1: on 2 cores 1 worker + gensim's master is fastest)
        --mallet-iterations  Gibbs sweeps (default 1000)
        --no-warmup  skip the warm-up run of our job on seeds/ (JIT and Spark/Delta classes loaded before timing)
        --conf, --set  the job's config, as for bin/news-topics run
        --mix-pairs  add hand-translated ru/uk pairs (default src/test/resources/crosslang/pairs.jsonl) to each
                   JSON Lines corpus and print how many share their dominant topic and are linked
      """;

  record Options(List<String> corpora, Integer k, Integer limit, Set<String> skip, Path out, String peerText,
                 int gensimWorkers, int malletIterations, boolean warmup, String conf, Map<String, String> sets,
                 Path mixPairs) {}

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    int code = 0;
    SparkSession spark = SparkSessions.getOrCreate("news-topics-benchmark");
    try {
      if (o.warmup()) {
        warmup(spark, o);
      }
      for (String corpus : o.corpora()) {
        run(spark, o, corpus);
      }
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    } finally {
      spark.stop();
    }
    System.out.flush();
    System.exit(code);
  }

  static Options parse(String[] args) {
    List<String> corpora = new ArrayList<>();
    Integer k = null;
    Integer limit = null;
    Set<String> skip = new LinkedHashSet<>();
    Path out = null;
    String peerText = "raw";
    int workers = 1;
    int iterations = MalletContender.ITERATIONS;
    boolean warmup = true;
    String conf = ConfigLoader.DEFAULT_CONF;
    Map<String, String> sets = new LinkedHashMap<>();
    Path mixPairs = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--corpus" -> corpora.add(value(args, ++i, a));
        case "--k" -> k = Integer.parseInt(value(args, ++i, a));
        case "--limit" -> limit = Integer.parseInt(value(args, ++i, a));
        case "--skip" -> {
          for (String s : value(args, ++i, a).split(",")) {
            if (!s.isBlank()) {
              if (!Set.of("spark-example", "mallet", "gensim").contains(s.strip())) {
                throw new IllegalArgumentException("--skip takes spark-example, mallet, gensim, not '" + s + "'");
              }
              skip.add(s.strip());
            }
          }
        }
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--peer-text" -> {
          peerText = value(args, ++i, a);
          if (!peerText.equals("raw") && !peerText.equals("clean")) {
            throw new IllegalArgumentException("--peer-text is raw or clean");
          }
        }
        case "--gensim-workers" -> workers = Integer.parseInt(value(args, ++i, a));
        case "--mallet-iterations" -> iterations = Integer.parseInt(value(args, ++i, a));
        case "--no-warmup" -> warmup = false;
        case "--mix-pairs" -> mixPairs = Path.of(i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i]
            : "src/test/resources/crosslang/pairs.jsonl");
        case "--conf" -> conf = value(args, ++i, a);
        case "--set" -> {
          String kv = value(args, ++i, a);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--set takes key=value");
          }
          sets.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        case "-h", "--help" -> {
          System.out.print(USAGE);
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (corpora.isEmpty()) {
      corpora.add("../shared/corpora/brown_uk.jsonl.gz");
    }
    return new Options(corpora, k, limit, skip, out, peerText, workers, iterations, warmup, conf, sets,
        mixPairs);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** Our job once on the repository's seeds/, untimed: loads Spark SQL, Delta, Lucene and JIT-compiles them. */
  static void warmup(SparkSession spark, Options o) throws IOException {
    if (!Files.isDirectory(Path.of("seeds"))) {
      return;
    }
    Path dir = Files.createTempDirectory("news-topics-bench-warmup-");
    System.out.println("benchmark: warm-up run of our job on seeds/ (not timed) ...");
    JobConfig cfg = ConfigLoader.load(o.conf(), o.sets(), "seeds", "auto", dir.resolve("warehouse").toString());
    NewsTopicsJob.run(spark, cfg);
    deleteTree(dir);
  }

  static void run(SparkSession spark, Options o, String corpus) throws Exception {
    Path work = Files.createTempDirectory("news-topics-bench-");
    String input = corpus;
    if (corpus.startsWith("generated:")) {
      input = CorpusGenerator.cached(Integer.parseInt(corpus.substring("generated:".length())), 1L).toString();
    }
    if (o.limit() != null) {
      input = limited(Path.of(input), o.limit(), work).toString();
    }
    if (o.mixPairs() != null) {
      input = withPairs(Path.of(input), o.mixPairs(), work).toString();
    }
    Map<String, String> sets = new LinkedHashMap<>(o.sets());
    if (o.k() != null) {
      sets.put("topics.k", Integer.toString(o.k()));
    }
    JobConfig cfg = ConfigLoader.load(o.conf(), sets, input, "auto", work.resolve("warehouse").toString());
    String title = String.format("%s%s, k=%d, %s", Path.of(corpus).getFileName(),
        o.limit() == null ? "" : " (first " + o.limit() + " records)", cfg.topics().k(), Instant.now());
    System.out.println("benchmark: " + title);

    System.out.println("benchmark: ours (the whole job) ...");
    OursContender.Run ours = OursContender.run(spark, cfg);
    int k = ours.outcome().k();
    long inputRecords = ours.result().metrics().get("input_records").longValue();
    ReferenceCorpus ref = ReferenceCorpus.fromJobRun(spark, cfg, k, inputRecords, work, o.peerText());
    long modelled = ours.result().metrics().get("modelled").longValue();
    CrossLanguagePairs.Summary mixed = o.mixPairs() == null ? null : CrossLanguagePairs.read(spark);
    String pairs = mixed == null ? ""
        : "Cross-language pairs mixed in (" + o.mixPairs() + "): " + mixed.shares() + "\n";
    System.out.print("benchmark: " + pairs);
    if (mixed != null) {
      System.out.println(mixed.table());
    }
    System.out.printf("benchmark: reference corpus: %d documents %s (the job modelled %d), peers read %s%n",
        ref.size(), ref.languages(), modelled, ref.docsFile());
    if (ref.size() != modelled) {
      System.out.println("benchmark: WARNING: the reference corpus differs from the job's modelled articles");
    }

    List<Contender> peers = new ArrayList<>();
    peers.add(new SparkExampleContender());
    peers.add(new MalletContender(o.malletIterations()));
    peers.add(new GensimContender(Path.of("src/test/python/gensim_lda.py"),
        System.getenv().getOrDefault("NEWS_TOPICS_BENCH_PYTHON", "/usr/bin/python3"), o.gensimWorkers()));

    ResultsTable table = new ResultsTable();
    List<String> descriptions = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    descriptions.add(OursContender.description(cfg));
    table.add(ReferenceScorer.score(ours.outcome(), ref));
    for (Contender c : peers) {
      if (o.skip().contains(c.id())) {
        continue;
      }
      descriptions.add(c.description(ref));
      System.out.println("benchmark: " + c.id() + " ...");
      try {
        Contender.Outcome out = c.run(ref);
        System.out.printf(Locale.ROOT, "benchmark: %s done in %.1fs%n", c.id(), out.totalSeconds());
        table.add(ReferenceScorer.score(out, ref));
      } catch (Exception e) {
        e.printStackTrace();
        failures.add(c.id() + ": " + e);
      }
    }

    StringBuilder report = new StringBuilder();
    report.append("\n== ").append(title).append(" ==\n");
    report.append(String.format("%d documents (%s), peers read %s text; one run per contender, 2 local cores%n%n",
        ref.size(), ref.languages(), o.peerText()));
    report.append(table.text()).append('\n');
    report.append("NPMI/UMass: mean over topics of the first 10 distinct keys of the topic's words (one shared "
        + "scorer: Snowball stems of the words and of the modelled articles' raw title + text; docs/benchmarks.md), "
        + "document co-occurrence in the modelled articles; NPMI<0: topics below 0; flagged: topics our job marks "
        + "incoherent (news.topics.quality); diversity: distinct keys / all top-10 keys. "
        + "×ours: time / ours' (below 1 = faster than ours); CPU s: CPU time of the contender's process(es) over its "
        + "whole pipeline (in this JVM: all threads, Spark's included), less inflated than wall time on a shared "
        + "machine.\n");
    report.append(ours.outcome().notes()).append('\n');
    report.append(stageTable(ours.result().metrics(), false)).append(pairs);
    for (String d : descriptions) {
      report.append("  - ").append(d).append('\n');
    }
    for (String f : failures) {
      report.append("  FAILED ").append(f).append('\n');
    }
    report.append("\nTop 5 words of the 3 most and 3 least coherent topics:\n").append(table.topicSamples());
    report.append("\nOurs, every topic: the scorer's NPMI, the job's own NPMI and the first 10 displayed terms:\n")
        .append(table.oursTopics());
    System.out.print(report);
    if (o.out() != null) {
      StringBuilder md = new StringBuilder();
      md.append("\n### ").append(title).append("\n\n");
      md.append(String.format("%d documents (%s), peers read %s text; one run per contender.%n%n", ref.size(),
          ref.languages(), o.peerText()));
      md.append(table.markdown()).append('\n');
      md.append("Our job per stage:\n\n").append(stageTable(ours.result().metrics(), true)).append('\n')
          .append(pairs.isEmpty() ? "" : pairs + "\n");
      for (String d : descriptions) {
        md.append("- ").append(d).append('\n');
      }
      for (String f : failures) {
        md.append("- FAILED ").append(f).append('\n');
      }
      md.append("\n```\n").append(table.topicSamples()).append("```\n");
      md.append("\nOurs, every topic (scorer's NPMI, the job's own NPMI, first 10 displayed terms):\n\n```\n").append(table.oursTopics())
          .append("```\n");
      Files.writeString(o.out(), md, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    ref.release();
    deleteTree(work);
  }

  /**
   * Our job per stage, from its news.runs metrics: wall and CPU seconds (CPU of this JVM: in local mode the executors
   * are in it) and the driver's heap peak during the stage; then the run's old-generation peak (what survived GCs).
   */
  static String stageTable(Map<String, Double> m, boolean markdown) {
    StringBuilder b = new StringBuilder();
    String sep = markdown ? " | " : "  ";
    b.append(markdown ? "| stage | wall s | CPU s | driver heap peak MB |\n|---|---:|---:|---:|\n"
        : String.format("%-15s%10s%10s%22s%n", "stage", "wall s", "CPU s", "driver heap peak MB"));
    double wall = 0;
    double cpu = 0;
    for (var e : m.entrySet()) {
      if (!e.getKey().startsWith("seconds_") || e.getKey().equals("seconds_total")) {
        continue;
      }
      String stage = e.getKey().substring("seconds_".length());
      double c = m.getOrDefault("cpu_seconds_" + stage, Double.NaN);
      double h = m.getOrDefault("driver_heap_peak_mb_" + stage, Double.NaN);
      wall += e.getValue();
      cpu += Double.isNaN(c) ? 0 : c;
      b.append(markdown
          ? "| " + stage + sep + ResultsTable.f("%.1f", e.getValue()) + sep + ResultsTable.f("%.1f", c) + sep
              + ResultsTable.f("%.0f", h) + " |\n"
          : String.format("%-15s%10s%10s%22s%n", stage, ResultsTable.f("%.1f", e.getValue()),
              ResultsTable.f("%.1f", c), ResultsTable.f("%.0f", h)));
    }
    String total = String.format(Locale.ROOT, "stages %.1f s wall, %.1f s CPU; whole run %.1f s; driver heap peak %.0f "
            + "MB, old generation peak %.0f MB", wall, cpu, m.getOrDefault("seconds_total", Double.NaN),
        m.getOrDefault("driver_heap_peak_mb", Double.NaN), m.getOrDefault("driver_old_gen_peak_mb", Double.NaN));
    b.append(markdown ? "\n" + total + "\n" : total + "\n");
    return b.toString();
  }

  /** The first {@code n} lines (records) of a JSON Lines / CSV file, gzipped or not, into {@code dir}. */
  static Path limited(Path corpus, int n, Path dir) throws IOException {
    String name = corpus.getFileName().toString().replaceFirst("\\.gz$", "");
    if (Files.isDirectory(corpus) || !(name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".csv"))) {
      throw new IllegalArgumentException("--limit works on JSON Lines and CSV files, not " + corpus);
    }
    Path out = dir.resolve("input").resolve(name);
    Files.createDirectories(out.getParent());
    boolean csv = name.endsWith(".csv");
    try (InputStream raw = Files.newInputStream(corpus);
         InputStream in = corpus.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
         BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      int lines = 0;
      for (String line = r.readLine(); line != null && lines < n + (csv ? 1 : 0); line = r.readLine()) {
        w.write(line);
        w.write('\n');
        lines++;
      }
    }
    return out.getParent();
  }

  /** The corpus (a JSON Lines file, or the folder {@link #limited} made of one) and the pairs in one input folder. */
  static Path withPairs(Path corpus, Path pairs, Path work) throws IOException {
    boolean ours = Files.isDirectory(corpus) && corpus.startsWith(work);
    try (Stream<Path> files = ours ? Files.list(corpus) : Stream.of(corpus)) {
      if (!files.allMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.jsonl?(\\.gz)?"))) {
        throw new IllegalArgumentException("--mix-pairs works on a JSON Lines corpus file, not " + corpus);
      }
    }
    Path dir = ours ? corpus : Files.createDirectories(work.resolve("mixed"));
    if (!ours) {
      Files.copy(corpus, dir.resolve(corpus.getFileName()));
    }
    Files.copy(pairs, dir.resolve("crosslang-pairs.jsonl"));
    return dir;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
