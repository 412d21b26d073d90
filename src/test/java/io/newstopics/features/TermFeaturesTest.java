package io.newstopics.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.config.JobConfig;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TermFeaturesTest {
  private Dataset<Row> analysed() {
    SparkSession spark = SparkTestSession.get();
    return spark.sql("""
        SELECT * FROM VALUES
          ('a', 'ru', array('санкция', 'санкция', 'нефть'), array('санкции', 'санкций', 'нефть')),
          ('b', 'ru', array('санкция', 'мадур', 'мадур'), array('санкции', 'Мадуро', 'Мадуро')),
          ('c', 'ru', array('мадур', 'мадур', 'нефть'), array('Мадуро', 'мадуро', 'нефть'))
        AS t(article_id, lang, terms, surfaces)""");
  }

  @Test
  void aTermUsedMostlyInUkrainianArticlesShowsAsItsUkrainianLemma() {
    Dataset<Row> a = SparkTestSession.get().sql("""
        SELECT * FROM VALUES
          ('a', 'uk', array('организм', 'организм', 'санкция'), array('організму', 'організм', 'санкції')),
          ('b', 'uk', array('организм', 'светлана'), array('організмі', 'Світлани')),
          ('c', 'ru', array('санкция', 'санкция', 'организм'), array('санкции', 'санкций', 'организма'))
        AS t(article_id, lang, terms, surfaces)""");
    JobConfig.TextOptions text = SparkTestSession.config("seeds", "unused", java.util.Map.of()).text();
    // организм: 3 of 4 occurrences Ukrainian, shown as the lemma of its most frequent Ukrainian form; a name keeps
    // its capital; санкция: mostly Russian, shown as the Russian term
    assertEquals(SparkTestSession.sorted("[организм,організм]", "[санкция,санкция]", "[светлана,Світлана]"),
        SparkTestSession.sortedRows(TermFeatures.displayForms(a, text, null)));
    // without the analyzer's options: the aligned Russian term, as before
    assertTrue(SparkTestSession.sortedRows(allForms(a)).contains("[организм,организм]"));
    // restricted to some terms (a vocabulary): only those, each shown as without the restriction
    Dataset<Row> stems = SparkTestSession.get().sql("SELECT * FROM VALUES ('организм'), ('нет') AS v(stem)");
    assertEquals(SparkTestSession.sorted("[организм,організм]"),
        SparkTestSession.sortedRows(TermFeatures.displayForms(a, text, stems)));
  }

  @Test
  void displayFormIsTheLemmaOrForAStemItsMostFrequentSurface() {
    // санкция: a lemma shown as itself; мадур: a Snowball stem (an unknown name) shown as its usual surface
    assertEquals(SparkTestSession.sorted("[мадур,Мадуро]", "[нефть,нефть]", "[санкция,санкция]"),
        SparkTestSession.sortedRows(allForms(analysed())));
    Dataset<Row> names = SparkTestSession.get().sql("""
        SELECT * FROM VALUES
          ('a', 'ru', array('крым', 'крым', 'мост', 'сша', 'иван'), array('Крыма', 'Крыму', 'моста', 'США', 'ивана')),
          ('b', 'uk', array('санкція', 'міст', 'київ'), array('санкцій', 'мосту', 'Києва')),
          ('c', 'ru', array('мост', 'крым'), array('Моста', 'крыму'))
        AS t(article_id, lang, terms, surfaces)""");
    // proper nouns capitalised: most surfaces are (Крым, Київ), or the dictionary knows only a name (Иван);
    // a term written as itself keeps that spelling (США); Ukrainian terms are morfologik lemmas
    assertEquals(SparkTestSession.sorted("[иван,Иван]", "[київ,Київ]", "[крым,Крым]", "[мост,мост]",
            "[міст,міст]", "[санкція,санкція]", "[сша,США]"),
        SparkTestSession.sortedRows(allForms(names)));
  }

  @Test
  void vocabularyIdfAndTopTerms() {
    Dataset<Row> a = analysed();
    TermFeatures.Fitted f = TermFeatures.fit(SparkTestSession.get(), a, stems -> allForms(a),
        new JobConfig.FeatureOptions(100, 1, 3, 2), 3);
    assertEquals(3, f.size());
    // every term is in 2 of 3 documents: idf = log(4/3)
    assertEquals(SparkTestSession.sorted("[Мадуро,2,0.288]", "[нефть,2,0.288]", "[санкция,2,0.288]"),
        SparkTestSession.sortedRows(f.vocabulary().selectExpr("term", "doc_freq", "round(idf, 3)")));
    Dataset<Row> top = TermFeatures.topTerms(f.transform(a), f.vocabulary(), 1);
    assertEquals(SparkTestSession.sorted("[a,1,санкция,0.575]", "[b,1,Мадуро,0.575]", "[c,1,Мадуро,0.575]"),
        SparkTestSession.sortedRows(top.selectExpr("article_id", "term_rank", "term", "round(tfidf, 3)")));
  }

  @Test
  void maxDfDropsCorpusWideTerms() {
    Dataset<Row> a = analysed();
    assertEquals(List.of(), List.of(TermFeatures.vocabulary(a, 1, 1, 100)));
    assertThrows(IllegalStateException.class, () -> TermFeatures.fit(SparkTestSession.get(), a,
        stems -> allForms(a), new JobConfig.FeatureOptions(100, 1, 1, 2), 3));
  }

  @Test
  void fractionBoundsAreGivenAsCountsOfTheKnownArticles() {
    assertEquals(200_000.0, TermFeatures.dfBound(0.5, 400_000));
    assertEquals(400.0, TermFeatures.dfBound(0.001, 400_000));
    assertEquals(5.0, TermFeatures.dfBound(5, 400_000));
    assertEquals(0.5, TermFeatures.dfBound(0.1, 5), 1e-12);
    // every term is in 2 of the 3 documents: a max-df of half the articles (1.5) keeps none, 0.7 (2.1) keeps all
    Dataset<Row> a = analysed();
    IllegalStateException none = assertThrows(IllegalStateException.class, () -> TermFeatures.fit(
        SparkTestSession.get(), a, stems -> allForms(a), new JobConfig.FeatureOptions(100, 1, 0.5, 2),
        3));
    assertTrue(none.getMessage().contains("features.min-df") && none.getMessage().contains("conf/news-topics.conf"),
        none.getMessage());
    assertEquals(3, TermFeatures.fit(SparkTestSession.get(), a, stems -> allForms(a),
        new JobConfig.FeatureOptions(100, 1, 0.7, 2), 3).size());
  }

  @Test
  void minDfCountIsLoweredForSmallCorporaOnly() {
    JobConfig.FeatureOptions five = new JobConfig.FeatureOptions(100, 5, 0.5, 2);
    assertEquals(1.0, TermFeatures.effectiveMinDf(five, 5));
    assertEquals(3.0, TermFeatures.effectiveMinDf(five, 399));
    assertEquals(5.0, TermFeatures.effectiveMinDf(five, 1396));
    assertEquals(5.0, TermFeatures.effectiveMinDf(five, 400_000));
    assertEquals(0.001, TermFeatures.effectiveMinDf(new JobConfig.FeatureOptions(100, 0.001, 0.5, 2), 400_000));
  }

  @Test
  void vocabularyIsCountVectorizersInAFixedOrder() {
    // counts: мадур 4, санкц 3, нефт 2, ракет 2, агент 2, визит 1 (in 1 article); min-df 2 drops визит
    Dataset<Row> a = SparkTestSession.get().sql("""
        SELECT * FROM VALUES
          ('a', array('санкц', 'санкц', 'нефт', 'ракет', 'агент')),
          ('b', array('санкц', 'мадур', 'мадур', 'ракет', 'визит')),
          ('c', array('мадур', 'мадур', 'нефт', 'агент'))
        AS t(article_id, terms)""");
    String[] ours = TermFeatures.vocabulary(a, 2, 3, 100);
    // ties in count (нефт, ракет, агент: 2 each) by the term, not by the order of the shuffle
    assertEquals(List.of("мадур", "санкц", "агент", "нефт", "ракет"), List.of(ours));
    String[] spark = new org.apache.spark.ml.feature.CountVectorizer().setInputCol("terms").setMinDF(2).setMaxDF(3)
        .fit(a).vocabulary();
    assertEquals(new java.util.TreeSet<>(List.of(spark)), new java.util.TreeSet<>(List.of(ours)));
    assertEquals(List.of("мадур", "санкц"), List.of(spark).subList(0, 2));
    // vocab-size keeps the most frequent, ties by the term
    assertEquals(List.of("мадур", "санкц", "агент"), List.of(TermFeatures.vocabulary(a, 2, 3, 3)));
  }

  /**
   * The IDF the job builds from the vocabulary's document frequencies is Spark's {@code IDF.fit} on the counts: the
   * same idf, document frequencies and article count, on 300 random articles (repeated terms, empty and short ones,
   * terms outside the vocabulary, 4 partitions).
   */
  @Test
  void idfIsSparksIdfFit() {
    java.util.Random random = new java.util.Random(5);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<String> terms = new java.util.ArrayList<>();
      for (int n = random.nextInt(12); n > 0; n--) {
        terms.add("t" + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 60));
      }
      rows.add(org.apache.spark.sql.RowFactory.create("a" + i, terms.toArray(new String[0])));
    }
    Dataset<Row> a = SparkTestSession.get().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("article_id", "string").add("terms", "array<string>")).repartition(4);
    TermFeatures.Fitted f = TermFeatures.fit(SparkTestSession.get(), a, stems -> allForms(
        a.withColumn("surfaces", org.apache.spark.sql.functions.col("terms")).withColumn("lang",
            org.apache.spark.sql.functions.lit("ru"))), new JobConfig.FeatureOptions(40, 3, 0.5,
        2), 300);
    org.apache.spark.ml.feature.IDFModel spark = new org.apache.spark.ml.feature.IDF().setInputCol("tf")
        .setOutputCol("tfidf").fit(f.counts().transform(a));
    assertTrue(f.size() > 20 && f.size() <= 40, "vocabulary of " + f.size());
    assertEquals(spark.numDocs(), f.idf().numDocs());
    assertArrayEquals(spark.docFreq(), f.idf().docFreq());
    assertArrayEquals(spark.idf().toArray(), f.idf().idf().toArray(), 0.0);
  }

  /** Display forms of every term, without Ukrainian lemmas (aligned terms show as their Russian term). */
  private static Dataset<Row> allForms(Dataset<Row> analysed) {
    return TermFeatures.displayForms(analysed, null, null);
  }
}
