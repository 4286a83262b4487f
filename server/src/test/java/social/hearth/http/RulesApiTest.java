package social.hearth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Rule;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.Keys;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.Tx;
import social.hearth.federation.vocab.JsonLimits;

/** One admin API feature built alone, over in-memory ports: no database, no federation, no pages. */
class RulesApiTest {

  private static final String TOKEN = "a-token-long-enough-for-the-test";
  private static Vertx vertx;
  private static HttpServer server;
  private static final Map<Long, List<Rule>> RULES = new ConcurrentHashMap<>();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Community garden = new Community(7, "garden", "Garden", "", "pem", OffsetDateTime.now(), true, false,
        Community.JoinPolicy.OPEN, Community.PostingPolicy.MEMBERS, true, null, null, 0, 0, null);
    CommunityStore store = (CommunityStore) Proxy.newProxyInstance(RulesApiTest.class.getClassLoader(),
        new Class<?>[] {CommunityStore.class}, (proxy, method, args) -> switch (method.getName()) {
          case "bySlug" -> Future.succeededFuture(garden.slug().equals(args[0]) ? Optional.of(garden) : Optional.empty());
          default -> throw new UnsupportedOperationException(method.getName());
        });
    RuleStore rules = new RuleStore() {
      public Future<List<Rule>> list(long communityId) {
        return Future.succeededFuture(RULES.getOrDefault(communityId, List.of()));
      }

      public Future<List<Rule>> list(Tx conn, long communityId) {
        return list(communityId);
      }

      public Future<Void> replace(long communityId, List<Rule> list) {
        RULES.put(communityId, new ArrayList<>(list));
        return Future.succeededFuture();
      }
    };
    CommunityService communities = new CommunityService(store, (Keys) null);
    Router router = Router.router(vertx);
    router.route().failureHandler(new ErrorHandler());
    new AdminApi(TOKEN, List.of(new RulesApi(new ApiCalls(communities), rules))).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void replacesAndListsTheRules() throws Exception {
    HttpResponse<String> put = send("PUT", "/api/v1/admin/communities/garden/rules",
        "{\"rules\": [{\"text\": \" Be kind \", \"consequence\": \"a warning\"}, {\"text\": \"No ads\"}]}", TOKEN);
    assertEquals(200, put.statusCode(), put.body());
    JsonNode list = JsonLimits.MAPPER.readTree(send("GET", "/api/v1/admin/communities/garden/rules", null, TOKEN).body());
    assertEquals(2, list.size());
    assertEquals(1, list.get(0).get("number").asInt());
    assertEquals("Be kind", list.get(0).get("text").asText());
    assertEquals("", list.get(1).get("consequence").asText());
  }

  @Test
  void answersErrorsThroughTheOneFailureHandler() throws Exception {
    HttpResponse<String> noToken = send("GET", "/api/v1/admin/communities/garden/rules", null, null);
    assertEquals(401, noToken.statusCode());
    assertEquals("unauthorized", JsonLimits.MAPPER.readTree(noToken.body()).get("error").asText());

    HttpResponse<String> unknown = send("GET", "/api/v1/admin/communities/nowhere/rules", null, TOKEN);
    assertEquals(404, unknown.statusCode());
    assertEquals("no community 'nowhere' here", JsonLimits.MAPPER.readTree(unknown.body()).get("message").asText());

    HttpResponse<String> bad = send("PUT", "/api/v1/admin/communities/garden/rules", "{\"rules\": 3}", TOKEN);
    assertEquals(400, bad.statusCode());
    assertEquals("bad_request", JsonLimits.MAPPER.readTree(bad.body()).get("error").asText());
  }
}
