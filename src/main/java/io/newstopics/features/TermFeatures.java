package io.newstopics.features;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import io.newstopics.config.JobConfig.FeatureOptions;
import io.newstopics.config.JobConfig.TextOptions;
import io.newstopics.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * TF-IDF over the model terms: CountVectorizer (a real vocabulary, no hashing) and IDF. Also the display form
 * of each term ({@link #displayForms}: its lemma, or its most frequent surface form) and the top TF-IDF terms per
 * article.
 */
public final class TermFeatures {
  private TermFeatures() {}

  /** The fitted vocabulary: {@code vocabulary} has term_index, stem, term, doc_freq, idf (vocab-size rows at most). */
  public record Fitted(CountVectorizerModel counts, IDFModel idf, Dataset<Row> vocabulary) {
    /** Adds {@code tf} (term counts, the LDA input) and {@code tfidf}. */
    public Dataset<Row> transform(Dataset<Row> articles) {
      return idf.transform(counts.transform(articles));
    }

    public int size() {
      return counts.vocabulary().length;
    }
  }

  /**
   * The display form of each model term: (stem, term). A term that is a lemma (a Russian dictionary lemma, or a
   * term of Ukrainian articles, which are morfologik lemmas) shows as that lemma, capitalised when most of its
   * surface forms are or the dictionary knows it only as a name; a Snowball stem (a Russian word the dictionary does
   * not know) shows as its most frequent surface form. A term whose most frequent surface is the term itself in
   * some case shows that surface as written (США, Python, ЦБ). With {@code text}, a term that occurs mostly in
   * Ukrainian articles shows as the Ukrainian lemma of its most frequent Ukrainian surface form: a Ukrainian word
   * aligned to a Russian term (організм → организм) is read as the corpus writes it.
   *
   * @param analysed lang, terms, surfaces
   * @param text the analyzer's options (its Ukrainian lemmas), or null
   * @param stems the terms to display (a column stem, at most a vocabulary: it is broadcast), or null for all: the
   *     ranking and the lemma lookups then run on the vocabulary's terms only, not on every word of the corpus
   */
  public static Dataset<Row> displayForms(Dataset<Row> analysed, TextOptions text, Dataset<Row> stems) {
    Dataset<Row> occurrences = analysed
        .select(col("lang"), explode(arrays_zip(col("terms"), col("surfaces"))).as("p"))
        .select(col("lang"), col("p.terms").as("stem"), col("p.surfaces").as("surface"));
    if (stems != null) {
      occurrences = occurrences.join(broadcast(stems.select("stem")), "stem", "left_semi");
    }
    Dataset<Row> pairs = occurrences
        .groupBy("stem", "surface").agg(count(lit(1)).as("n"),
            sum(when(col("lang").equalTo("uk"), 1).otherwise(0)).as("n_uk"));
    Column first = substring(col("surface"), 1, 1);
    WindowSpec byStem = Window.partitionBy("stem");
    UserDefinedFunction display = udf(
        (UDF4<String, String, Double, Boolean, String>) DisplayForm::of, DataTypes.StringType);
    Dataset<Row> ranked = pairs
        .withColumn("r", row_number().over(byStem.orderBy(col("n").desc(), col("surface"))))
        .withColumn("cap", sum(when(first.notEqual(TextNormalizer.lowerCase(first)), col("n")).otherwise(0))
            .over(byStem).divide(sum(col("n")).over(byStem)))
        .withColumn("any_uk", max(col("n_uk").gt(0)).over(byStem));
    if (text == null) {
      return ranked.where(col("r").equalTo(1))
          .select(col("stem"), display.apply(col("stem"), col("surface"), col("cap"), col("any_uk")).as("term"));
    }
    io.newstopics.text.TermAnalyzer analyzer = new io.newstopics.text.TermAnalyzer(text);
    UserDefinedFunction ukLemma = udf((UDF1<String, String>) surface -> {
      List<String> t = analyzer.analyze("uk", surface).terms();
      return t.size() == 1 ? t.get(0) : null;
    }, DataTypes.StringType);
    // the most frequent Ukrainian surface (ties: the last in alphabet) of a term Ukrainian articles use most
    Column ukShare = sum(col("n_uk")).over(byStem).divide(sum(col("n")).over(byStem));
    Column ukSurface = when(ukShare.gt(0.5),
        max(org.apache.spark.sql.functions.struct(col("n_uk"), col("surface"))).over(byStem).getField("surface"));
    // the lemma once per stem, in its own column: the condition and the display read it
    return ranked.withColumn("uk_surface", ukSurface).where(col("r").equalTo(1))
        .withColumn("uk_lemma", when(col("uk_surface").isNotNull(), ukLemma.apply(col("uk_surface"))))
        .select(col("stem"), when(col("uk_lemma").isNotNull(),
                display.apply(col("uk_lemma"), col("uk_surface"), col("cap"), lit(true)))
            .otherwise(display.apply(col("stem"), col("surface"), col("cap"), col("any_uk"))).as("term"));
  }

  /**
   * features.min-df as CountVectorizer takes it: a fraction (below 1) as it is; a count (1 or more) lowered for small
   * corpora to 1% of the articles, at least 1, so that five seed articles still have a vocabulary while a corpus of
   * thousands drops the words of a single article (names, typos), which make incoherent topics.
   */
  public static double effectiveMinDf(FeatureOptions o, long docs) {
    if (o.minDf() < 1) {
      return o.minDf();
    }
    return Math.min(o.minDf(), Math.max(1, Math.floor(docs / 100.0)));
  }

  /**
   * A document-frequency bound as a number of the {@code docs} articles: a count (1 or more) as it is, a fraction
   * (below 1) of the articles, as CountVectorizer reads them.
   */
  static double dfBound(double bound, long docs) {
    return bound >= 1 ? bound : bound * docs;
  }

  /**
   * The vocabulary CountVectorizer would choose, in a fixed order: the terms found in at least {@code minDocs} and at
   * most {@code maxDocs} articles, by total count (descending), then by the term. CountVectorizer itself breaks ties
   * in count by the order its partial counts arrive from the shuffle, which changes from run to run: the same input
   * would get other term indices, another random start for LDA, and other topics. At most {@code vocabSize} terms are
   * collected.
   */
  static String[] vocabulary(Dataset<Row> modelled, double minDocs, double maxDocs, int vocabSize) {
    return vocabularyWithDocFreq(modelled, minDocs, maxDocs, vocabSize).terms();
  }

  /** The vocabulary's terms, by index, and how many articles have each. */
  record Vocabulary(String[] terms, long[] docFreq) {}

  /** {@link #vocabulary}, with each term's document frequency (counted anyway to apply min-df and max-df). */
  static Vocabulary vocabularyWithDocFreq(Dataset<Row> modelled, double minDocs, double maxDocs, int vocabSize) {
    Dataset<Row> counts = modelled.select(explode(col("terms")).as("stem")).groupBy("stem").agg(count(lit(1)).as("n"));
    Dataset<Row> docFreq = modelled.select(explode(array_distinct(col("terms"))).as("stem")).groupBy("stem")
        .agg(count(lit(1)).as("df"));
    List<Row> rows = counts.join(docFreq, "stem")
        .where(col("df").geq(lit(minDocs)).and(col("df").leq(lit(maxDocs))))
        .orderBy(col("n").desc(), col("stem")).limit(vocabSize).select("stem", "df").collectAsList();
    String[] vocab = new String[rows.size()];
    long[] df = new long[rows.size()];
    for (int i = 0; i < vocab.length; i++) {
      vocab[i] = rows.get(i).getString(0);
      df[i] = rows.get(i).getLong(1);
    }
    return new Vocabulary(vocab, df);
  }

  /**
   * The IDF model {@code new IDF().fit} gives on the term counts of {@code docs} articles whose document frequencies
   * are {@code docFreq}: idf = log((docs + 1) / (df + 1)), Spark's formula (min-doc-freq 0). Fitting it read every
   * modelled article again through the count vectorizer only to count what the vocabulary had already counted.
   * Spark's constructors are package-private in Scala, public to Java.
   */
  static IDFModel idfModel(long[] docFreq, long docs) {
    double[] idf = new double[docFreq.length];
    for (int i = 0; i < idf.length; i++) {
      idf[i] = Math.log((docs + 1.0) / (docFreq[i] + 1.0));
    }
    return new IDFModel(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("idf"),
        new org.apache.spark.mllib.feature.IDFModel(org.apache.spark.mllib.linalg.Vectors.dense(idf), docFreq.clone(),
            docs)).setInputCol("tf").setOutputCol("tfidf");
  }


  /**
   * Fits the vocabulary and IDF; fails with a clear error when no term passes the document-frequency bounds.
   * {@code displayForms}: (stem, term) for the vocabulary's stems (given as a column stem).
   */
  public static Fitted fit(SparkSession spark, Dataset<Row> modelled,
                           UnaryOperator<Dataset<Row>> displayForms, FeatureOptions o, long docs) {
    Vocabulary v = vocabularyWithDocFreq(modelled, dfBound(effectiveMinDf(o, docs), docs), dfBound(o.maxDf(), docs),
        o.vocabSize());
    String[] terms = v.terms();
    if (terms.length == 0) {
      throw new IllegalStateException("the vocabulary is empty: no term of the " + docs + " modelled articles passes"
          + " features.min-df/max-df (lower features.min-df or raise features.max-df in conf/news-topics.conf)");
    }
    CountVectorizerModel cv = new CountVectorizerModel(terms).setInputCol("terms").setOutputCol("tf");
    IDFModel idf = idfModel(v.docFreq(), docs);
    String[] vocab = cv.vocabulary();
    double[] idfs = idf.idf().toArray();
    long[] df = idf.docFreq();
    List<Row> rows = new ArrayList<>(vocab.length);
    for (int i = 0; i < vocab.length; i++) {
      rows.add(RowFactory.create(i, vocab[i], df[i], idfs[i]));
    }
    StructType schema = new StructType().add("term_index", DataTypes.IntegerType).add("stem", DataTypes.StringType)
        .add("doc_freq", DataTypes.LongType).add("idf", DataTypes.DoubleType);
    Dataset<Row> indexed = spark.createDataFrame(rows, schema);
    Dataset<Row> vocabulary = indexed.join(displayForms.apply(indexed.select("stem")), "stem")
        .select("term_index", "stem", "term", "doc_freq", "idf");
    return new Fitted(cv, idf, vocabulary);
  }

  private static final StructType TOP = new StructType().add("term_index", DataTypes.IntegerType)
      .add("tfidf", DataTypes.DoubleType);

  /** Top-n TF-IDF terms per article: article_id, term_rank, term, stem, tfidf. */
  public static Dataset<Row> topTerms(Dataset<Row> withTfidf, Dataset<Row> vocabulary, int n) {
    return topTerms(withTopTerms(withTfidf, n), vocabulary);
  }

  /** The column {@link #withTopTerms} adds. */
  public static final String TOP_TERMS = "top_terms";

  /**
   * {@code withTfidf} with column {@value #TOP_TERMS}: the article's top-n (term_index, tfidf) by TF-IDF, highest
   * first, ties by term index. Small enough to cache beside other per-article results, where the vectors are not.
   */
  public static Dataset<Row> withTopTerms(Dataset<Row> withTfidf, int n) {
    UDF1<Vector, Row[]> top = v -> {
      SparseVector s = v.toSparse();
      int[] idx = s.indices();
      double[] val = s.values();
      Integer[] order = new Integer[idx.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> val[a] != val[b] ? Double.compare(val[b], val[a]) : Integer.compare(idx[a], idx[b]));
      Row[] out = new Row[Math.min(n, order.length)];
      for (int i = 0; i < out.length; i++) {
        out[i] = RowFactory.create(idx[order[i]], val[order[i]]);
      }
      return out;
    };
    UserDefinedFunction topUdf = udf(top, DataTypes.createArrayType(TOP));
    return withTfidf.withColumn(TOP_TERMS, topUdf.apply(col("tfidf")));
  }

  /** The rows of news.article_terms from column {@value #TOP_TERMS} ({@link #withTopTerms}): see {@link #topTerms}. */
  public static Dataset<Row> topTerms(Dataset<Row> withTop, Dataset<Row> vocabulary) {
    return withTop
        .select(col("article_id"), org.apache.spark.sql.functions.posexplode(col(TOP_TERMS)))
        .select(col("article_id"), col("pos").plus(1).as("term_rank"), col("col.term_index").as("term_index"),
            col("col.tfidf").as("tfidf"))
        .join(broadcast(vocabulary.select("term_index", "term", "stem")), "term_index")
        .select("article_id", "term_rank", "term", "stem", "tfidf");
  }

}
