package social.hearth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Hearth server as its own JVM process ({@code social.hearth.Main run}, configured only by HEARTH_*
 * variables, exactly as deployed), so that its memory and CPU are its own and a profiler sees only Hearth.
 */
final class Node implements AutoCloseable {

  final String name;
  final Process process;
  final int port;
  final Path log;

  private Node(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts a Hearth node and waits until it serves HTTP (its "Hearth is running" line). */
  static Node start(String name, List<String> jvmOptions, Map<String, String> env, int port, Path log)
      throws IOException, InterruptedException {
    return start(name, jvmOptions, List.of("social.hearth.Main", "run"), env, port, log);
  }

  /** Starts {@code mainAndArgs} in a JVM with this JVM's class path and waits for its "Hearth is running" line. */
  static Node start(String name, List<String> jvmOptions, List<String> mainAndArgs, Map<String, String> env, int port,
                    Path log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
    pb.environment().putAll(env);
    pb.environment().put("HEARTH_PORT", String.valueOf(port));
    Files.createDirectories(log.getParent());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    Node node = new Node(name, p, port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("Hearth node " + name + " exited with " + p.exitValue() + "; see " + log + ":\n" + tail(log));
      }
      if (Files.readString(log, StandardCharsets.UTF_8).contains("Hearth is running")) {
        return node;
      }
      Thread.sleep(100);
    }
    node.close();
    throw new IOException("Hearth node " + name + " did not start within 120 s; see " + log);
  }

  long pid() {
    return process.pid();
  }

  long cpuNanos() {
    return Machine.cpuNanos(pid());
  }

  long rssKb() {
    return Machine.rssKb(pid(), false);
  }

  long peakRssKb() {
    return Machine.rssKb(pid(), true);
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM (Hearth stops cleanly), then SIGKILL if it has not exited within 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
