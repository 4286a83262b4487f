package social.hearth.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Per-phase JFR recordings of a Hearth node ({@code jcmd <pid> JFR.start / JFR.stop}), summarised as where the
 * CPU samples fall: by component (crypto, JSON, PostgreSQL client, Netty, templates, logging...), by the method on
 * top of the stack, and by the first Hearth method on the stack.
 */
final class Profiler {

  private Profiler() {}

  static void start(Node node, String name) {
    jcmd(node, "JFR.start", "name=" + name, "settings=profile");
  }

  static Path stop(Node node, String name, Path dir) {
    Path file = dir.resolve(node.name + "-" + name + ".jfr").toAbsolutePath();
    jcmd(node, "JFR.stop", "name=" + name, "filename=" + file);
    return file;
  }

  private static void jcmd(Node node, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(String.valueOf(node.pid()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("bench: jcmd failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A readable summary of a recording's execution samples. */
  static String summarize(Path jfr, int top) {
    Map<String, Integer> components = new HashMap<>();
    Map<String, Integer> topFrames = new HashMap<>();
    Map<String, Integer> hearthFrames = new HashMap<>();
    int total = 0;
    try (RecordingFile f = new RecordingFile(jfr)) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace st = e.getStackTrace();
        if (st == null || st.getFrames().isEmpty()) {
          continue;
        }
        total++;
        List<RecordedFrame> frames = st.getFrames();
        topFrames.merge(name(frames.get(0)), 1, Integer::sum);
        components.merge(component(frames), 1, Integer::sum);
        for (RecordedFrame fr : frames) {
          String n = name(fr);
          if (n.startsWith("social.hearth.")) {
            hearthFrames.merge(n, 1, Integer::sum);
            break;
          }
        }
      }
    } catch (IOException e) {
      return "(cannot read " + jfr + ": " + e.getMessage() + ")";
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%,d CPU samples (%s)%n", total, jfr.getFileName()));
    out.append("  by component:\n").append(table(components, total, top));
    out.append("  top of stack:\n").append(table(topFrames, total, top));
    out.append("  first Hearth frame on the stack:\n").append(table(hearthFrames, total, top));
    return out.toString();
  }

  private static String table(Map<String, Integer> counts, int total, int top) {
    StringBuilder sb = new StringBuilder();
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
        .forEach(e -> sb.append(String.format("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    return sb.toString();
  }

  private static String name(RecordedFrame f) {
    if (f.getMethod() == null) {
      return "?";
    }
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /**
   * The component a sample is charged to: walking down from the top of the stack, the first frame that belongs to a
   * known library, to the JDK parts that matter (big-integer arithmetic, URI and date parsing, regex), or to Hearth.
   */
  static String component(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("sun.security.rsa") || n.startsWith("java.math.") || n.startsWith("org.bouncycastle.math")
          || n.startsWith("org.bouncycastle.crypto") || n.startsWith("sun.security.provider.SHA")
          || n.startsWith("sun.security.provider.DigestBase") || n.startsWith("sun.security.ec")
          || n.startsWith("java.security.Signature") || n.startsWith("java.security.MessageDigest")) {
        return "crypto (RSA/Ed25519/SHA)";
      }
      if (n.startsWith("org.bouncycastle") || n.startsWith("sun.security.util.Der") || n.startsWith("sun.security.x509")
          || n.startsWith("java.security.KeyFactory") || n.startsWith("java.util.Base64")) {
        return "key parsing (PEM/ASN.1/Base64)";
      }
      if (n.startsWith("ch.qos.logback") || n.startsWith("org.slf4j")) {
        return "logging";
      }
      if (n.startsWith("io.pebbletemplates")) {
        return "Pebble templates";
      }
      if (n.startsWith("com.fasterxml.jackson")) {
        return "JSON (Jackson)";
      }
      if (n.startsWith("java.util.regex")) {
        return "regex";
      }
      if (n.startsWith("java.time")) {
        return "date parsing/formatting";
      }
      if (n.startsWith("java.net.URI")) {
        return "URI parsing";
      }
      if (n.startsWith("java.net.InetAddress") || n.startsWith("sun.nio.ch") || n.startsWith("java.net.")) {
        return "JDK networking (DNS, sockets)";
      }
      if (n.startsWith("social.hearth.")) {
        return "Hearth code";
      }
      if (n.startsWith("io.vertx.pgclient") || n.startsWith("io.vertx.sqlclient")) {
        return "PostgreSQL client";
      }
      if (n.startsWith("io.vertx.ext.web")) {
        return "Vert.x web";
      }
      if (n.startsWith("io.vertx.core.http") || n.startsWith("io.netty.handler.codec.http")) {
        return "Vert.x HTTP";
      }
      if (n.startsWith("io.netty") || n.startsWith("io.vertx.core")) {
        return "Netty / Vert.x core (I/O, event loop, futures)";
      }
    }
    return "other: " + name(frames.get(0)).replaceAll("\\.[^.]*\\.[^.]*$", "");
  }
}
