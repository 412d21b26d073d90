package io.newstopics.bench;

import java.lang.management.ManagementFactory;

/** Wall and process CPU time of this JVM (CPU of all threads, Spark's included). */
final class Clock {
  private final long wall0 = System.nanoTime();
  private final long cpu0 = processCpuNanos();

  double wallSeconds() {
    return (System.nanoTime() - wall0) / 1e9;
  }

  double cpuSeconds() {
    long now = processCpuNanos();
    return now < 0 || cpu0 < 0 ? Double.NaN : (now - cpu0) / 1e9;
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
