package social.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, and how busy the machine was (other processes share the cores). */
final class Machine {

  private Machine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String cpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  static String memory() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
      }
    }
    return "?";
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")";
  }

  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** The 1-minute load average (runnable processes), a measure of what else wants the CPU. */
  static double loadAverage() {
    List<String> l = lines(Path.of("/proc/loadavg"));
    if (l.isEmpty()) {
      return -1;
    }
    return Double.parseDouble(l.get(0).split(" ")[0]);
  }

  /** CPU time (user + system) of a process so far, in nanoseconds, from /proc/pid/stat; -1 when unknown. */
  static long cpuNanos(long pid) {
    return cpuNanos(pid, false);
  }

  /** With {@code children}, adds the CPU time of reaped children (cutime, cstime). */
  static long cpuNanos(long pid, boolean children) {
    List<String> l = lines(Path.of("/proc/" + pid + "/stat"));
    if (l.isEmpty()) {
      return -1;
    }
    String s = l.get(0);
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (children) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  static long parentPid(long pid) {
    List<String> l = lines(Path.of("/proc/" + pid + "/stat"));
    if (l.isEmpty()) {
      return -1;
    }
    String s = l.get(0);
    return Long.parseLong(s.substring(s.lastIndexOf(')') + 2).split(" ")[1]);
  }

  /** Resident set size in KiB (VmRSS), or the peak (VmHWM); -1 when unknown. */
  static long rssKb(long pid, boolean peak) {
    String key = peak ? "VmHWM:" : "VmRSS:";
    for (String line : lines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Proportional set size in KiB (from smaps_rollup); -1 when unknown. */
  static long pssKb(long pid) {
    for (String line : lines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
      if (line.startsWith("Pss:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
