package io.newstopics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example cluster configs in conf/cluster/ parse as spark-submit properties files and carry the Delta confs. */
class ClusterConfigsTest {
  @Test
  void everyPropertiesFileIsUsableWithSparkSubmit() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("conf/cluster"))) {
      files = s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
    }
    assertEquals(2, files.size(), files.toString());
    for (Path f : files) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r); // what spark-submit --properties-file does
      }
      assertEquals("io.delta.sql.DeltaSparkSessionExtension", p.getProperty("spark.sql.extensions"), f.toString());
      assertEquals("org.apache.spark.sql.delta.catalog.DeltaCatalog",
          p.getProperty("spark.sql.catalog.spark_catalog"), f.toString());
      assertTrue(p.getProperty("spark.master", "").matches("yarn|k8s://https://.+"), f.toString());
      for (String k : p.stringPropertyNames()) {
        assertTrue(k.startsWith("spark."), f + ": spark-submit ignores non-spark key " + k);
        assertFalse(p.getProperty(k).isBlank(), f + ": empty value for " + k);
      }
    }
  }

  @Test
  void databricksJobRunsTheMainClass() throws IOException {
    String json = Files.readString(Path.of("conf/cluster/databricks-job.json"));
    com.fasterxml.jackson.databind.JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    com.fasterxml.jackson.databind.JsonNode task = job.get("tasks").get(0).get("spark_jar_task");
    assertEquals("io.newstopics.cli.Main", task.get("main_class_name").asText());
    assertEquals("run", task.get("parameters").get(0).asText());
  }
}
