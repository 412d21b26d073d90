package io.newstopics.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newstopics.SparkTestSession;
import io.newstopics.tables.Warehouse;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback — Master and Worker from the Maven Spark jars, no downloaded
 * distribution — and the shaded app jar submitted to it with spark-submit semantics (SparkSubmit, client mode):
 * the job runs on the cluster's executor and writes the Delta tables, which are then checked.
 */
class ClusterIT {
  /** The Maven build folder (target/, or target-spark-3.5/ under -Pspark-3.5), set by failsafe. */
  private static final Path BUILD_DIR = Path.of(System.getProperty("newstopics.build.dir", "target"));
  /** Libraries inside the shaded app jar: kept off the cluster's classpath so executors must use the shipped jar. */
  private static final Pattern APP_ONLY = Pattern.compile("/io/delta/|/io/unitycatalog/|/org/apache/lucene/|"
      + "/org/carrot2/|/ua/net/nlp/|/com/github/albfernandez/|/org/jsoup/|/com/typesafe/|/jackson-datatype-jdk8/");

  @TempDir
  Path dir;

  private final List<Process> daemons = new ArrayList<>();

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String sparkClasspath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String f : List.of("classpath.txt", "classpath-runtime.txt")) {
      entries.addAll(Arrays.asList(Files.readString(BUILD_DIR.resolve(f)).strip().split(File.pathSeparator)));
    }
    return entries.stream().filter(e -> !e.isBlank() && !APP_ONLY.matcher(e).find()).distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static List<String> opens() {
    return Arrays.asList(System.getProperty("newstopics.test.jvmFlags", "").trim().split("\\s+"));
  }

  private Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static int aliveWorkers(HttpClient http, int uiPort) {
    try {
      String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  @Test
  void theShadedJarRunsOnAStandaloneCluster() throws Exception {
    Path jar = BUILD_DIR.resolve("news-topics.jar").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "run through `mvn verify`: the shaded jar is built in package");
    String cp = sparkClasspath();
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
    Path work = Files.createDirectories(dir.resolve("work"));
    Path warehouse = dir.resolve("warehouse");
    Map<String, String> env = Map.of(
        "SPARK_HOME", sparkHome.getParent().toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_DIST_CLASSPATH", cp,
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_WORKER_DIR", work.toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int masterPort = freePort();
    int masterUi = freePort();
    try {
      List<String> master = new ArrayList<>(List.of(java, "-Xmx512m"));
      master.addAll(opens());
      master.addAll(List.of("-Dspark.master.rest.enabled=false", "-cp", cp,
          "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
          "--webui-port", String.valueOf(masterUi)));
      daemons.add(start(master, env, dir.resolve("master.log")));
      List<String> worker = new ArrayList<>(List.of(java, "-Xmx512m"));
      worker.addAll(opens());
      worker.addAll(List.of("-cp", cp, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()), "--cores", "1",
          "--memory", "1g", "--work-dir", work.toString(), "spark://127.0.0.1:" + masterPort));
      daemons.add(start(worker, env, dir.resolve("worker.log")));

      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (aliveWorkers(http, masterUi) < 1) {
        assertTrue(System.nanoTime() < deadline, "no worker registered in 120s: " + Files.readString(dir.resolve("worker.log")));
        assertTrue(daemons.stream().allMatch(Process::isAlive), "master or worker died: "
            + Files.readString(dir.resolve("master.log")) + Files.readString(dir.resolve("worker.log")));
        Thread.sleep(500);
      }

      String jvm = String.join(" ", opens()) + " -Duser.timezone=UTC";
      List<String> submit = new ArrayList<>(List.of(java, "-Xmx1g"));
      submit.addAll(opens());
      submit.addAll(List.of("-Duser.timezone=UTC",
          "-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath(),
          "-cp", cp, "org.apache.spark.deploy.SparkSubmit",
          "--master", "spark://127.0.0.1:" + masterPort, "--deploy-mode", "client", "--name", "news-topics",
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=1",
          "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
          "--conf", "spark.driver.extraJavaOptions=" + jvm, "--conf", "spark.executor.extraJavaOptions=" + jvm,
          "--class", "io.newstopics.cli.Main", jar.toString(),
          "run", "--input", Path.of("seeds").toAbsolutePath().toString(), "--warehouse", warehouse.toString(),
          "--set", "topics.max-iterations=5"));
      Path out = dir.resolve("submit.out");
      ProcessBuilder pb = new ProcessBuilder(submit).redirectOutput(out.toFile())
          .redirectError(dir.resolve("submit.err").toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      assertTrue(p.waitFor(15, TimeUnit.MINUTES), "spark-submit did not finish in 15 minutes");
      String err = Files.readString(dir.resolve("submit.err"));
      assertEquals(0, p.exitValue(), err.substring(Math.max(0, err.length() - 3000)));
      assertTrue(Files.readString(out).contains("succeeded"), Files.readString(out));
      assertTrue(Files.readString(dir.resolve("master.log")).contains("Launching executor"), "ran on the cluster");
      assertTrue(Files.readString(dir.resolve("worker.log")).contains("Asked to launch executor"));
    } finally {
      for (Process d : daemons) {
        d.destroy();
      }
      for (Process d : daemons) {
        if (!d.waitFor(20, TimeUnit.SECONDS)) {
          d.destroyForcibly();
        }
      }
    }

    SparkSession spark = SparkTestSession.get();
    Warehouse.open(spark, warehouse.toString());
    assertEquals(5, spark.sql("SELECT DISTINCT article_id FROM news.articles").count());
    assertEquals("succeeded", spark.sql("SELECT status FROM news.runs").first().getString(0));
    assertTrue(spark.sql("SELECT * FROM news.current_topics").count() > 0);
    assertEquals(5, spark.sql("SELECT * FROM news.current_article_topics WHERE is_dominant").count());
  }
}
