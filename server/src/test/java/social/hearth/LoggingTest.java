package social.hearth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/** {@code HEARTH_LOG_FORMAT=json}: what a log collector reads from a running Hearth is one JSON object per line. */
class LoggingTest {

  @Test
  void withJsonLogsEveryLineHearthWritesIsAJsonObject() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-cp", System.getProperty("java.class.path"), "social.hearth.Main", "run");
    pb.environment().put("HEARTH_LOG_FORMAT", "json");
    pb.environment().put("HEARTH_PORT", "0");
    pb.environment().put("HEARTH_BASE_URL", "http://127.0.0.1:8080");
    pb.environment().put("HEARTH_WORKERS", "false");
    pb.environment().put("HEARTH_DATA_DIR", Files.createTempDirectory("hearth-log-test").toString());
    pb.environment().put("HEARTH_DATABASE_URL", TestDatabase.url(TestDatabase.fresh()));
    pb.environment().put("HEARTH_ADMIN_TOKEN", TestHearth.ADMIN_TOKEN);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the process was stopped
      }
    });
    reader.start();
    List<String> read = new ArrayList<>();
    try {
      JsonNode started = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (started == null && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          assertTrue(p.isAlive(), "Hearth stopped: " + read);
          continue;
        }
        read.add(line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertTrue(json.isObject() && json.has("@timestamp") && json.has("level") && json.has("message"), line);
        if (json.get("message").asText().contains(" listening on 127.0.0.1:")) {
          started = json;
        }
      }
      assertTrue(started != null, "no start line within 60 s: " + read);
      assertEquals("INFO", started.get("level").asText());
      assertEquals("social.hearth.Hearth", started.get("logger_name").asText());
      assertFalse(started.get("message").asText().contains("\n"));
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
    }
  }
}
