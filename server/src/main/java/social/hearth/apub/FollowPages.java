package social.hearth.apub;

import io.vertx.core.Future;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import social.hearth.federation.vocab.Iris;
import social.hearth.federation.webfinger.WebFingerClient;

/**
 * Where a visitor follows a community from their own server (the invite and join pages), in this order:
 * <ol>
 *   <li>the FEP-3b86 Follow intent their account's WebFinger advertises ({@code https://w3id.org/fep/3b86/Follow},
 *   {@code {object}} filled with the community's IRI), else OStatus's remote-follow template
 *   ({@code http://ostatus.org/schema/1.0/subscribe}, {@code {uri}}), which Mastodon and Misskey publish;</li>
 *   <li>by the software their server's NodeInfo names ({@link NodeInfoClient#softwareOf}): Misskey and its forks'
 *   {@code /authorize-follow?acct=}; for servers with no follow page (Lemmy, PieFed, Mbin...) their search page,
 *   with instructions to search for the community;</li>
 *   <li>otherwise Mastodon's {@code /authorize_interaction?uri=}, which most servers answer.</li>
 * </ol>
 * A template is used only when it leads to the account's own server (the handle's or its actor's host, https).
 * Each lookup goes through the guarded client and the whole choice is bounded in time.
 */
public final class FollowPages {

  /** How the visitor gets to follow. */
  public enum Kind { INTENT, MASTODON, MISSKEY, SEARCH }

  /**
   * The page: {@code url} to send the visitor to (for SEARCH, their server's search page), the {@code software} its
   * NodeInfo names ("" when unknown or not asked), and the visitor's {@code actor} IRI (null when only a server was named).
   */
  public record FollowPage(Kind kind, String url, String software, String actor) {}

  static final String FOLLOW_INTENT = "https://w3id.org/fep/3b86/Follow";
  static final String SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe";
  static final Set<String> MISSKEY_FAMILY = Set.of("misskey", "sharkey", "firefish", "iceshrimp", "iceshrimp.net",
      "calckey", "foundkey", "cherrypick", "meisskey", "catodon");
  static final Set<String> NO_FOLLOW_PAGE = Set.of("lemmy", "piefed", "mbin", "kbin", "lotide");
  private static final Pattern PARAMETER = Pattern.compile("\\{[^{}]{0,64}}");
  private static final long BOUND_SECONDS = 8;

  private final WebFingerClient webfinger;
  private final NodeInfoClient nodeInfo;
  private final String scheme;

  /** {@code plainHttp}: servers are reached over http (tests on loopback addresses only). */
  public FollowPages(WebFingerClient webfinger, NodeInfoClient nodeInfo, boolean plainHttp) {
    this.webfinger = webfinger;
    this.nodeInfo = nodeInfo;
    this.scheme = plainHttp ? "http" : "https";
  }

  /** Checks a typed handle without looking it up; throws {@link WebFingerClient.BadHandleException} with the reason. */
  public void check(String handle) {
    webfinger.parse(handle);
  }

  /**
   * The follow page for an account named by its handle ({@code name@server}). Fails with
   * {@link WebFingerClient.BadHandleException} for a handle that is not acceptable, and with another failure when its
   * server names no such account or cannot be reached in time.
   */
  public Future<FollowPage> forHandle(String handle, String group) {
    return webfinger.lookup(handle).timeout(BOUND_SECONDS, TimeUnit.SECONDS).compose(found -> {
      String origin = Iris.origin(found.actor());
      Set<String> hosts = new java.util.HashSet<>(java.util.List.of(hostOf(scheme + "://" + found.acct().host()),
          hostOf(found.actor())));
      String intent = fill(found.templates().get(FOLLOW_INTENT), group, hosts);
      if (intent == null) {
        intent = fill(found.templates().get(SUBSCRIBE), group, hosts);
      }
      if (intent != null) {
        return Future.succeededFuture(new FollowPage(Kind.INTENT, intent, "", found.actor()));
      }
      return bySoftware(origin, group, found.actor());
    });
  }

  /** The follow page on a server named by its domain name (already checked): by its NodeInfo. Never fails. */
  public Future<FollowPage> forServer(String domain, String group) {
    return bySoftware(scheme + "://" + domain, group, null);
  }

  private Future<FollowPage> bySoftware(String origin, String group, String actor) {
    return nodeInfo.softwareOf(origin).timeout(BOUND_SECONDS, TimeUnit.SECONDS).recover(e -> Future.succeededFuture(""))
        .map(software -> {
          String iri = encode(group);
          if (MISSKEY_FAMILY.contains(software)) {
            return new FollowPage(Kind.MISSKEY, origin + "/authorize-follow?acct=" + iri, software, actor);
          }
          if (NO_FOLLOW_PAGE.contains(software)) {
            return new FollowPage(Kind.SEARCH, origin + "/search?q=" + iri, software, actor);
          }
          return new FollowPage(Kind.MASTODON, origin + "/authorize_interaction?uri=" + iri, software, actor);
        });
  }

  /**
   * A link template filled in: {@code {object}} and {@code {uri}} become the community's IRI, any other parameter
   * nothing (FEP-3b86). Null when there is none, or when it would lead anywhere but the account's server.
   */
  String fill(String template, String group, Set<String> allowedHosts) {
    if (template == null) {
      return null;
    }
    String url = PARAMETER.matcher(template).replaceAll(m -> {
      String name = m.group().substring(1, m.group().length() - 1);
      return name.equals("object") || name.equals("uri") ? java.util.regex.Matcher.quoteReplacement(encode(group)) : "";
    });
    try {
      URI parsed = new URI(url);
      boolean schemeOk = "https".equals(parsed.getScheme()) || scheme.equals(parsed.getScheme());
      return schemeOk && parsed.getRawUserInfo() == null && allowedHosts.contains(hostOf(url)) ? url : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** host[:port] in lower case, or "" when there is none. */
  private static String hostOf(String url) {
    try {
      URI u = new URI(url);
      return u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (java.net.URISyntaxException e) {
      return "";
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
