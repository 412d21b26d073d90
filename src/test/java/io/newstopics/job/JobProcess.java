package io.newstopics.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The CLI in a child JVM, as bin/news-topics runs it: for tests that kill it or run two at once. */
final class JobProcess implements AutoCloseable {
  private final Process process;
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private JobProcess(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          stderr.add(line);
        }
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  static JobProcess start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    // a short-lived JVM: the quick JIT tier only and one GC thread take less CPU than C2 and G1 over one small run
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(Arrays.asList(System.getProperty("newstopics.test.jvmFlags", "").trim().split("\\s+")));
    cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.sql.shuffle.partitions=2",
        "-Dspark.driver.host=127.0.0.1", "-Duser.timezone=UTC",
        "-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "io.newstopics.cli.Main"));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return new JobProcess(pb.start());
  }

  /** Waits until a log line contains {@code text}; false if the process ended first or time ran out. */
  boolean awaitLog(String text, long timeoutSeconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < end) {
      if (stderr.stream().anyMatch(l -> l.contains(text))) {
        return true;
      }
      if (!process.isAlive()) {
        return stderr.stream().anyMatch(l -> l.contains(text));
      }
      Thread.sleep(50);
    }
    return false;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no finally blocks. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM, as `timeout` or a cluster manager sends it: shutdown hooks run. */
  void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor(120, TimeUnit.SECONDS);
  }

  int waitFor(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("job did not finish in " + timeoutSeconds + "s: " + tail());
    }
    return process.exitValue();
  }

  String tail() {
    int n = stderr.size();
    return String.join("\n", stderr.subList(Math.max(0, n - 15), n));
  }

  String lastLine() {
    return stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
