package io.newstopics.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** CPU time and heap peaks of this JVM (the driver), for the per-stage figures in news.runs. */
final class DriverResources {
  private DriverResources() {}

  /** CPU time of all threads of this JVM in nanoseconds, or -1 where the JVM does not say. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Starts a new peak measurement on every heap pool. */
  static void resetHeapPeak() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.isValid()) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak usage since the last reset (an upper bound of the heap's peak). */
  static long heapPeakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.isValid() && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Peak of the old generation since the last reset: what survived collections, the part that grows if the driver
   * keeps corpus-sized data. -1 when the collector has no old-generation pool. */
  static long oldGenPeakBytes() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      String n = p.getName();
      if (p.getType() == MemoryType.HEAP && p.isValid() && (n.contains("Old") || n.contains("Tenured"))) {
        return p.getPeakUsage().getUsed();
      }
    }
    return -1;
  }
}
