package social.hearth.federation.webfinger;

import social.hearth.federation.vocab.Iris;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.net.IDN;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import social.hearth.federation.fetch.FetchException;
import social.hearth.federation.fetch.GuardedHttpClient;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Resolves a handle someone typed ({@code @user@host}) to an actor IRI by WebFinger. A typed handle can only
 * ever become {@code https://<host>/.well-known/webfinger?resource=acct:<user>@<host>}: the user part is a
 * restricted name, the host a DNS name (no IP literals, no ports, no paths), so a handle cannot aim a request at
 * an arbitrary address, port or path. In test mode (private addresses allowed) plain http and ports are allowed.
 */
public final class WebFingerClient {

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.~-]{1,128}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int CAP = 64 * 1024;

  private final GuardedHttpClient http;
  private final boolean testMode;

  public WebFingerClient(GuardedHttpClient http) {
    this.http = http;
    this.testMode = http.guard().allowPrivate();
  }

  /** Thrown for a handle that is not acceptable; the message says why. */
  public static final class BadHandleException extends IllegalArgumentException {
    public BadHandleException(String message) {
      super(message);
    }
  }

  /** Validates a typed handle; returns it as an {@link Acct} with a normalised (lower-case, punycode) host. */
  public Acct parse(String handle) {
    String h = handle == null ? "" : handle.strip();
    if (h.regionMatches(true, 0, "acct:", 0, 5)) {
      h = h.substring(5);
    }
    if (h.startsWith("@")) {
      h = h.substring(1);
    }
    int at = h.indexOf('@');
    if (h.length() > 300 || at <= 0 || at != h.lastIndexOf('@') || at == h.length() - 1) {
      throw new BadHandleException("a handle looks like @name@example.org");
    }
    String user = h.substring(0, at);
    if (!USER.matcher(user).matches()) {
      throw new BadHandleException("the name part of a handle may contain only letters, digits, '_', '.', '-' and '~'");
    }
    String host = h.substring(at + 1);
    String port = null;
    int colon = host.lastIndexOf(':');
    if (colon > 0 && !host.startsWith("[")) {
      port = host.substring(colon + 1);
      host = host.substring(0, colon);
    }
    if (port != null && !(testMode && port.matches("[0-9]{1,5}"))) {
      throw new BadHandleException("a handle cannot name a port");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new BadHandleException("the host of the handle is not a valid domain name");
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    String[] labels = ascii.split("\\.", -1);
    boolean ipLiteral = ascii.matches("[0-9.]+") || ascii.startsWith("[");
    if ((ipLiteral && !testMode) || ascii.length() > 253 || (!ipLiteral && (labels.length < 2 && !testMode))) {
      throw new BadHandleException("the host of a handle must be a domain name like example.org");
    }
    if (!ipLiteral) {
      for (String label : labels) {
        if (!LABEL.matcher(label).matches()) {
          throw new BadHandleException("the host of the handle is not a valid domain name");
        }
      }
    }
    return new Acct(user, port == null ? ascii : ascii + ":" + port);
  }

  /**
   * What a handle's server says about it: the actor IRI it names as {@code self}, and the link templates it
   * publishes by relation (FEP-3b86 Activity Intents such as {@code https://w3id.org/fep/3b86/Follow}, OStatus's
   * {@code http://ostatus.org/schema/1.0/subscribe}), at most 32, first of each relation kept.
   */
  public record Found(Acct acct, String actor, java.util.Map<String, String> templates) {}

  /** The actor IRI the handle's server names as {@code self}. */
  public Future<String> resolve(String handle) {
    return lookup(handle).map(Found::actor);
  }

  /** As {@link #resolve}, with the link templates of the answer. */
  public Future<Found> lookup(String handle) {
    Acct acct;
    try {
      acct = parse(handle);
    } catch (BadHandleException e) {
      return Future.failedFuture(e);
    }
    String resource = URLEncoder.encode("acct:" + acct.user() + "@" + acct.host(), StandardCharsets.UTF_8);
    URI url = URI.create((testMode ? "http" : "https") + "://" + acct.host() + "/.well-known/webfinger?resource=" + resource);
    return http.send(HttpMethod.GET, url, u -> Map.of("Accept", Jrd.MEDIA_TYPE + ", application/json"), null, CAP)
        .compose(r -> {
          if (r.status() != 200) {
            return Future.failedFuture(new FetchException(FetchException.Kind.HTTP_STATUS, r.status(),
                "WebFinger for " + acct + " answered " + r.status(), null));
          }
          JsonNode jrd;
          try {
            jrd = JsonLimits.parse(r.body().getBytes());
          } catch (JsonLimits.InvalidJsonException e) {
            return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT, "WebFinger answer: " + e.getMessage()));
          }
          java.util.Map<String, String> templates = new java.util.LinkedHashMap<>();
          for (JsonNode link : jrd.path("links")) {
            String rel = link.path("rel").asText("");
            String template = link.path("template").asText(null);
            if (template != null && !rel.isEmpty() && templates.size() < 32 && template.length() <= 2_000) {
              templates.putIfAbsent(rel, template);
            }
          }
          for (JsonNode link : jrd.path("links")) {
            if ("self".equals(link.path("rel").asText()) && As.isActivityJson(link.path("type").asText(null))) {
              String href = link.path("href").asText(null);
              try {
                Iris.checkHttpIri(href == null ? "" : href, "self link");
                return Future.succeededFuture(new Found(acct, href, java.util.Map.copyOf(templates)));
              } catch (Exception e) {
                return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT, "WebFinger self link is not an http(s) IRI"));
              }
            }
          }
          return Future.failedFuture(new FetchException(FetchException.Kind.BAD_DOCUMENT, "WebFinger for " + acct + " names no ActivityPub actor"));
        });
  }
}
