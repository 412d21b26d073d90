package io.newstopics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A deterministic large corpus made from the real ones (for the scaling benchmark; not part of the product). Article
 * {@code i} takes the sentences of one real article (the real articles in turn), drops about a fifth of them, and
 * inserts one to three sentences of another real article of the same corpus, so every generated article is new text
 * (no exact duplicates) with the real corpora's vocabulary, lengths and language mix. Same sources, size and seed give
 * the same bytes; the SHA-256 of the output is printed.
 *
 * <pre>
 *   bin/benchmark --corpus generated:100000      (generates target/bench-corpora/generated-100000-seed1.jsonl.gz once)
 *   java ... io.newstopics.bench.CorpusGenerator SIZE OUT.jsonl.gz [SEED] [SOURCE.jsonl.gz ...]
 * </pre>
 */
public final class CorpusGenerator {
  static final List<String> DEFAULT_SOURCES =
      List.of("../shared/corpora/telegram_news_ru.jsonl.gz", "../shared/corpora/brown_uk.jsonl.gz");
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?…])\\s+|\\n+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Source(int corpus, String title, String source, String date, List<String> sentences) {}

  private CorpusGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CorpusGenerator SIZE OUT.jsonl.gz [SEED] [SOURCE.jsonl.gz ...]");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
    List<String> sources = args.length > 3 ? List.of(args).subList(3, args.length) : DEFAULT_SOURCES;
    generate(Integer.parseInt(args[0]), Path.of(args[1]), seed, sources);
  }

  /** The generated corpus for {@code generated:SIZE}, made once under target/bench-corpora. */
  static Path cached(int size, long seed) throws IOException {
    Path out = Path.of("target", "bench-corpora", "generated-" + size + "-seed" + seed + ".jsonl.gz");
    if (!Files.exists(out)) {
      generate(size, out, seed, DEFAULT_SOURCES);
    }
    return out;
  }

  static String generate(int size, Path out, long seed, List<String> sourceFiles) throws IOException {
    List<Source> docs = new ArrayList<>();
    List<List<Integer>> byCorpus = new ArrayList<>();
    for (int c = 0; c < sourceFiles.size(); c++) {
      List<Integer> ids = new ArrayList<>();
      for (JsonNode n : read(Path.of(sourceFiles.get(c)))) {
        List<String> sentences = new ArrayList<>();
        for (String s : SENTENCE.split(text(n, "text"))) {
          if (!s.isBlank()) {
            sentences.add(s.strip());
          }
        }
        if (sentences.size() >= 2) {
          ids.add(docs.size());
          docs.add(new Source(c, text(n, "title"), text(n, "channel", "source"), text(n, "date"), sentences));
        }
      }
      byCorpus.add(ids);
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("no usable articles in " + sourceFiles);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    LocalDate day0 = LocalDate.of(2024, 1, 1);
    try (OutputStream file = Files.newOutputStream(tmp);
         DigestOutputStream digest = new DigestOutputStream(file, sha);
         OutputStream gz = new GZIPOutputStream(digest, 1 << 16);
         BufferedWriter w = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16)) {
      for (int i = 0; i < size; i++) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
        Source base = docs.get(i % docs.size());
        List<Integer> peers = byCorpus.get(base.corpus());
        Source other = docs.get(peers.get(rnd.nextInt(peers.size())));
        List<String> body = new ArrayList<>();
        for (String s : base.sentences()) {
          if (body.isEmpty() || rnd.nextDouble() >= 0.2) {
            body.add(s);
          }
        }
        int extra = 1 + rnd.nextInt(3);
        for (int e = 0; e < extra; e++) {
          String s = other.sentences().get(rnd.nextInt(other.sentences().size()));
          body.add(1 + rnd.nextInt(body.size()), s);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "gen-" + i);
        if (!base.title().isEmpty()) {
          o.put("title", base.title());
        }
        o.put("text", String.join(" ", body));
        o.put("date", day0.plusDays(rnd.nextInt(366)).toString());
        o.put("source", base.source().isEmpty() ? "generated" : base.source());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
        if ((i + 1) % 100_000 == 0) {
          System.out.printf("generator: %,d of %,d articles%n", i + 1, size);
        }
      }
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String hex = HexFormat.of().formatHex(sha.digest());
    System.out.printf("generator: %,d articles from %,d real ones (seed %d) -> %s, sha256 %s%n", size, docs.size(),
        seed, out, hex);
    return hex;
  }

  private static List<JsonNode> read(Path p) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(p);
         InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  private static String text(JsonNode n, String... fields) {
    for (String f : fields) {
      JsonNode v = n.get(f);
      if (v != null && !v.isNull()) {
        return v.asText();
      }
    }
    return "";
  }
}
