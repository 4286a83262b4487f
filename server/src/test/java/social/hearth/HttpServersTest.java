package social.hearth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP is served by several event loops on one port, also when the port is chosen by the system, and closed whole. */
class HttpServersTest {

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  HttpServers start(int instances) {
    return HttpServers.start(vertx, request -> request.response().end(Thread.currentThread().getName()),
        new HttpServerOptions(), instances, 0, "127.0.0.1").await();
  }

  /** One request on a new connection; the answer is the name of the thread that served it. */
  static String servedBy(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(response.startsWith("HTTP/1.1 200"), response);
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
  }

  @Test
  void serversOnAPortChosenByTheSystemShareItAndTakeConnectionsInTurn() throws Exception {
    HttpServers servers = start(3);
    assertNotEquals(0, servers.port());
    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      threads.add(servedBy(servers.port()));
    }
    assertEquals(3, threads.size(), "threads that served: " + threads);
  }

  @Test
  void twoSetsOfServersOnPortZeroNeverShareAPort() {
    assertNotEquals(start(2).port(), start(2).port());
  }

  @Test
  void closingStopsEveryServerAndFreesThePort() throws Exception {
    HttpServers servers = start(3);
    int port = servers.port();
    servedBy(port);
    servers.close().await();
    // the listening socket is released by the event loops just after the close completes: allow them a moment
    boolean refused = false;
    for (int i = 0; i < 100 && !refused; i++) {
      try {
        new Socket("127.0.0.1", port).close();
        Thread.sleep(50);
      } catch (ConnectException e) {
        refused = true;
      }
    }
    assertTrue(refused, "port " + port + " still accepts connections after close");
  }
}
