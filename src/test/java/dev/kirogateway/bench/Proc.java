package dev.kirogateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process's CPU time and resident set from /proc, and its heap after a full GC through
 * {@code jcmd} (or the platform MXBean when it is this very process). Linux only.
 */
final class Proc {
  private static final long SELF = ProcessHandle.current().pid();
  private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicks();
  private static final Pattern G1_USED = Pattern.compile("heap\\s+total.*?used (\\d+)K");

  private Proc() {}

  static long self() {
    return SELF;
  }

  /** User + system CPU time of the whole process so far. */
  static long cpuNanos(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    // the command name in parentheses may hold spaces: count fields after its closing bracket
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
  }

  /** System (kernel) CPU time of the process so far. */
  static long sysNanos(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[12]) * NANOS_PER_TICK;
  }

  /** VmRSS in bytes. */
  static long rssBytes(long pid) {
    for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + pid);
  }

  /** Used heap right after a full GC requested in process {@code pid}. */
  static long heapAfterGc(long pid) {
    if (pid == SELF) {
      System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = G1_USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("cannot read the heap use from jcmd: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /** Extra JVM options for the gateway under test, from {@code -Dbench.gatewayJvmArgs}. */
  static java.util.List<String> extraGatewayArgs() {
    String v = System.getProperty("bench.gatewayJvmArgs", "").strip();
    return v.isEmpty() ? java.util.List.of() : java.util.List.of(v.split("\\s+"));
  }

  static String jcmd(long pid, String command) {
    Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run jcmd", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + p, e);
    }
  }
}
