package io.jnatsd.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process numbers /varz reports as "mem" and "cpu". nats-server gives the resident set size and the CPU used
 * as a percentage of one core (so it can pass 100 on several cores); jnatsd measures the same from /proc and the
 * JVM's process CPU time, averaged since the previous sample.
 */
final class ProcessStats {
    private static final Path STATM = Path.of("/proc/self/statm");
    /** Linux page size; statm counts pages. */
    private static final long PAGE = 4096;
    /** Samples closer together than this reuse the last figure instead of dividing tiny intervals. */
    private static final long MIN_SAMPLE_NANOS = 500_000_000L;

    private long lastWall = System.nanoTime();
    private long lastCpu = cpuTime();
    private double lastPercent;

    /** Resident memory in bytes; the JVM's used heap where /proc is not available. */
    long memory() {
        try {
            String[] f = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
    }

    /** CPU percent of one core since the previous sample, rounded to two decimals. */
    synchronized double cpuPercent() {
        long wall = System.nanoTime();
        long cpu = cpuTime();
        if (wall - lastWall >= MIN_SAMPLE_NANOS && cpu >= 0) {
            lastPercent = Math.round(10_000.0 * (cpu - lastCpu) / (wall - lastWall)) / 100.0;
            lastWall = wall;
            lastCpu = cpu;
        }
        return lastPercent;
    }

    private static long cpuTime() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }
}
