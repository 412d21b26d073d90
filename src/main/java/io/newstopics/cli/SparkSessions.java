package io.newstopics.cli;

import org.apache.spark.sql.SparkSession;

/**
 * The session the CLI runs in. The master is never set here: spark-submit or bin/news-topics decides it
 * ({@code -Dspark.master=local[*]} locally). Delta's extension and catalog are set unless already given.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.sql.extensions") == null) {
      b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    }
    if (System.getProperty("spark.sql.catalog.spark_catalog") == null) {
      b.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
    return b.getOrCreate();
  }
}
