package io.newstopics.bench;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newstopics.config.JobConfig;
import io.newstopics.tables.Tables;
import io.newstopics.tables.Warehouse;
import io.newstopics.text.BoilerplateRemover;
import io.newstopics.text.TermExtractor;
import io.newstopics.text.TextNormalizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The benchmark's corpus, made from our job's run: the articles the job modelled (same rule: a modelled language
 * and at least text.min-terms terms), with
 * <ul>
 *   <li>{@code documents}: their reference keys, the raw title and text reduced by {@link SharedKeys} (Snowball
 *       stems of letter runs), independent of the job's text pipeline: the shared scorer's corpus;</li>
 *   <li>{@code docsFile}: the same articles as JSON Lines {@code {"id", "text"}} for the peers: the raw title and
 *       text ({@code --peer-text raw}, default) or the job's cleaned model text ({@code --peer-text clean});</li>
 *   <li>{@code stopwordsFile}: the job's effective stopword lists (Lucene's Russian, Ukrainian and English lists
 *       plus conf/stopwords-*.txt), one word a line, with ё-forms also written with е, for the peers.</li>
 * </ul>
 */
public final class ReferenceCorpus {
  /** The peers' token pattern: letter runs, with inner apostrophes (Ukrainian м'ясо) kept in the word. */
  public static final String TOKEN_PATTERN = "\\p{L}+(?:['’ʼ]\\p{L}+)*";
  public static final int MIN_TOKEN_LENGTH = 3;

  private final SparkSession spark;
  private final JobConfig cfg;
  private final int k;
  private final Path workDir;
  private final Dataset<Row> documents;
  private final long size;
  private final Map<String, Long> byLang;
  private final Path docsFile;
  private final Path stopwordsFile;
  private final List<String> stopwords;
  private final String peerText;

  private ReferenceCorpus(SparkSession spark, JobConfig cfg, int k, Path workDir, Dataset<Row> documents, long size,
                          Map<String, Long> byLang, Path docsFile, Path stopwordsFile,
                          List<String> stopwords, String peerText) {
    this.spark = spark;
    this.cfg = cfg;
    this.k = k;
    this.workDir = workDir;
    this.documents = documents;
    this.size = size;
    this.byLang = byLang;
    this.docsFile = docsFile;
    this.stopwordsFile = stopwordsFile;
    this.stopwords = stopwords;
    this.peerText = peerText;
  }

  /** Builds the corpus from the warehouse our job just wrote ({@code inputRecords}: the run's input_records). */
  public static ReferenceCorpus fromJobRun(SparkSession spark, JobConfig cfg, int k, long inputRecords, Path workDir,
                                           String peerText) throws IOException {
    Dataset<Row> articles = Warehouse.open(spark, cfg.warehouse()).read(Tables.ARTICLES)
        .select("article_id", "title", "text", "lang");
    long threshold = BoilerplateRemover.threshold(inputRecords, cfg.text().boilerplateMinArticles(),
        cfg.text().boilerplateMinShare());
    // the job's text stages, only to select the articles it modelled (same language and min-terms rule)
    Dataset<Row> analysed = io.newstopics.concepts.ConceptMapper.apply(TermExtractor.apply(TextNormalizer.apply(
        BoilerplateRemover.apply(articles, threshold, cfg.text().boilerplateLinePrefixes()),
        io.newstopics.text.RecordGuard.unbounded()), cfg.text()),
        io.newstopics.concepts.ConceptDictionary.of(cfg));
    Column raw = when(col("text").startsWith(col("title")), col("text"))
        .otherwise(concat_ws("\n", col("title"), col("text")));
    Column text = "clean".equals(peerText) ? col("clean_text") : raw;
    Dataset<Row> modelled = analysed
        .where(col("lang").isin(cfg.text().modelLanguages().toArray())
            .and(org.apache.spark.sql.functions.size(col("terms")).geq(lit(cfg.text().minTerms()))))
        .select(col("article_id"), col("lang"), text.as("peer_text"),
            SHARED_KEYS.apply(raw).as("terms"))
        .persist(StorageLevel.MEMORY_AND_DISK());

    Path docs = workDir.resolve("docs.jsonl");
    ObjectMapper json = new ObjectMapper();
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(docs, StandardCharsets.UTF_8)) {
      for (Row r : modelled.select("article_id", "peer_text").orderBy("article_id").collectAsList()) {
        Map<String, String> rec = new LinkedHashMap<>();
        rec.put("id", r.getString(0));
        rec.put("text", r.getString(1));
        w.write(json.writeValueAsString(rec));
        w.write('\n');
        n++;
      }
    }
    Map<String, Long> langs = new LinkedHashMap<>();
    for (Row r : modelled.groupBy("lang").count().orderBy(col("count").desc()).collectAsList()) {
      langs.put(r.getString(0), r.getLong(1));
    }

    TreeSet<String> stop = new TreeSet<>();
    List<String> all = new ArrayList<>(cfg.text().stopwordsRu());
    all.addAll(cfg.text().stopwordsUk());
    all.addAll(cfg.text().stopwordsExtra());
    for (Object w : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      all.add(new String((char[]) w));
    }
    for (String w : all) {
      String lower = w.toLowerCase(Locale.ROOT).strip();
      if (!lower.isEmpty()) {
        stop.add(lower);
        stop.add(lower.replace('ё', 'е'));
        stop.add(lower.replace('\'', '’'));
      }
    }
    Path stopFile = workDir.resolve("stopwords.txt");
    Files.write(stopFile, stop, StandardCharsets.UTF_8);
    return new ReferenceCorpus(spark, cfg, k, workDir, modelled, n, langs, docs, stopFile,
        List.copyOf(stop), peerText);
  }

  /** The raw title and text of an article, as {@link SharedKeys} keys: the reference corpus's tokens. */
  static final UserDefinedFunction SHARED_KEYS = functions.udf(
      (UDF1<String, String[]>) t -> SharedKeys.keys(t).toArray(new String[0]),
      DataTypes.createArrayType(DataTypes.StringType)).withName("shared_keys");

  /**
   * The number of reference documents containing each of {@code keys} (keys no document has are absent): one
   * Spark job over the documents, at most {@code keys.size()} rows back.
   */
  public Map<String, Long> docFreq(java.util.Collection<String> keys) {
    Map<String, Long> df = new HashMap<>();
    if (keys.isEmpty()) {
      return df;
    }
    for (Row r : documents.select(explode(array_distinct(col("terms"))).as("t"))
        .where(col("t").isin(keys.toArray())).groupBy("t").count().collectAsList()) {
      df.put(r.getString(0), r.getLong(1));
    }
    return df;
  }

  public SparkSession spark() {
    return spark;
  }

  public JobConfig config() {
    return cfg;
  }

  /** The number of topics every contender trains (our job's effective k). */
  public int k() {
    return k;
  }

  public Path workDir() {
    return workDir;
  }

  /** One row per reference document, column {@code terms}: its {@link SharedKeys} keys. */
  public Dataset<Row> documents() {
    return documents.select("terms");
  }

  public long size() {
    return size;
  }

  public Map<String, Long> languages() {
    return byLang;
  }

  public Path docsFile() {
    return docsFile;
  }

  public Path stopwordsFile() {
    return stopwordsFile;
  }

  public List<String> stopwords() {
    return stopwords;
  }

  public String peerText() {
    return peerText;
  }

  /**
   * Minimum document count of a term for the peers that prune like our job's features.min-df: the job's effective
   * value (a count is lowered to 1% of the documents for small corpora, as the job does).
   */
  public int minDocCount() {
    double minDf = io.newstopics.features.TermFeatures.effectiveMinDf(cfg.features(), size);
    return minDf >= 1 ? (int) minDf : Math.max(1, (int) Math.ceil(minDf * size));
  }

  public void release() {
    documents.unpersist();
  }
}
