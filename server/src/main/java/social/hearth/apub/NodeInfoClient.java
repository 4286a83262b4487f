package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.HostStore;
import social.hearth.federation.fetch.FetchException;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Learns which software a host runs from its NodeInfo, so that group-aware servers get FEP-1b12 wrapped
 * Announces. Runs in the background when an actor from a new host is stored; failures leave the host unknown
 * (treated as Mastodon-family) and are retried a week later.
 */
public final class NodeInfoClient {

  private static final Logger LOG = LoggerFactory.getLogger(NodeInfoClient.class);
  private static final int CAP = 64 * 1024;

  private final GuardedHttpClient http;
  private final HostStore hosts;
  /** The software of servers visitors named (the join and invite forms), by origin; "" when unknown. */
  private final social.hearth.core.util.TtlCache<String, String> visited =
      new social.hearth.core.util.TtlCache<>(java.time.Duration.ofHours(1), 1_000);

  public NodeInfoClient(GuardedHttpClient http, HostStore hosts) {
    this.http = http;
    this.hosts = hosts;
  }

  /**
   * The software name a server's NodeInfo gives (lower case), or "" when it has none or cannot be read, for a server
   * a visitor named: read through the guarded client, kept an hour (at most 1,000 servers), never stored. Never fails.
   */
  public Future<String> softwareOf(String origin) {
    return visited.get(origin, () -> software(origin).map(s -> s.name() == null ? "" : s.name().toLowerCase(java.util.Locale.ROOT))
        .recover(e -> {
          LOG.debug("NodeInfo of {} unavailable: {}", origin, e.getMessage());
          return Future.succeededFuture("");
        }));
  }

  /** Reads the software of the host of {@code actorId} if it is new or stale. Never fails. */
  public Future<Void> learn(String actorId) {
    String origin = Iris.origin(actorId);
    if (origin == null) {
      return Future.succeededFuture();
    }
    String host = origin.replaceFirst("^https?://", "");
    return hosts.ensure(host).compose(stale -> !stale ? Future.<Void>succeededFuture()
        : software(origin).compose(s -> hosts.setSoftware(host, s.name(), s.version())).onSuccess(v -> LOG.debug("learned software of {}", host)))
        .recover(e -> {
          LOG.debug("NodeInfo of {} unavailable: {}", host, e.getMessage());
          return hosts.setSoftware(host, null).recover(x -> Future.succeededFuture());
        });
  }

  /** What a NodeInfo document says of the software: its name and version, each null when absent or unusable. */
  record Software(String name, String version) {}

  Future<Software> software(String origin) {
    return document(origin).map(doc -> {
      String name = doc.path("software").path("name").asText(null);
      String version = doc.path("software").path("version").asText(null);
      return new Software(name == null || !name.matches("[a-zA-Z0-9._-]{1,64}") ? null : name,
          version == null || !version.matches("[a-zA-Z0-9.+_~:-]{1,64}") ? null : version);
    });
  }

  /**
   * The software version a server's NodeInfo gives ("" when none or unreadable), read through the guarded client and
   * kept an hour (at most 1,000 servers). Never fails. Asked only of servers whose software needs a version check
   * (Lemmy's {@code Warn}, {@link WarnActivities}).
   */
  public Future<String> versionOf(String origin) {
    return versions.get(origin, () -> document(origin)
        .map(doc -> doc.path("software").path("version").asText("").replaceAll("[^A-Za-z0-9._+-]", ""))
        .recover(e -> Future.succeededFuture("")));
  }

  private final social.hearth.core.util.TtlCache<String, String> versions =
      new social.hearth.core.util.TtlCache<>(java.time.Duration.ofHours(1), 1_000);

  private Future<JsonNode> document(String origin) {
    return getJson(URI.create(origin + "/.well-known/nodeinfo")).compose(index -> {
      String href = null;
      for (JsonNode link : index.path("links")) {
        String rel = link.path("rel").asText("");
        if (rel.startsWith("http://nodeinfo.diaspora.software/ns/schema/2.")) {
          href = link.path("href").asText(null);
        }
      }
      if (href == null || !Iris.sameOrigin(href, origin)) {
        return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT, "no NodeInfo 2.x link"));
      }
      return getJson(URI.create(href));
    });
  }

  private Future<JsonNode> getJson(URI url) {
    return http.send(HttpMethod.GET, url, u -> Map.of("Accept", "application/json"), null, CAP).compose(r -> {
      if (r.status() != 200) {
        return Future.failedFuture(new FetchException(FetchException.Kind.HTTP_STATUS, r.status(), "HTTP " + r.status(), null));
      }
      try {
        return Future.succeededFuture(JsonLimits.parse(r.body().getBytes()));
      } catch (JsonLimits.InvalidJsonException e) {
        return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT, e.getMessage()));
      }
    });
  }
}
