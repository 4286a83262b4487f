package social.hearth.apub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.hearth.Version;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.PostStore;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.webfinger.Acct;
import social.hearth.federation.webfinger.Jrd;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.InstanceSettings;
import social.hearth.core.domain.InstanceProfile;

/** WebFinger (communities and staff Persons), host-meta and NodeInfo. */
public final class WellKnownRoutes {

  private final Uris uris;
  private final String handleHost;
  private final CommunityService communities;
  private final CommunityStore communityStore;
  private final PostStore posts;
  private final InstanceSettings instance;
  private final social.hearth.core.port.AccountStore accounts;

  public WellKnownRoutes(Uris uris, String handleHost, CommunityService communities, CommunityStore communityStore,
                         PostStore posts, InstanceSettings instance, social.hearth.core.port.AccountStore accounts) {
    this.instance = instance;
    this.accounts = accounts;
    this.uris = uris;
    this.handleHost = handleHost.toLowerCase(Locale.ROOT);
    this.communities = communities;
    this.communityStore = communityStore;
    this.posts = posts;
  }

  public void mount(Router router) {
    router.get("/.well-known/webfinger").handler(this::webfinger);
    router.get("/.well-known/host-meta").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/xrd+xml; charset=utf-8")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
            + "  <Link rel=\"lrdd\" template=\"" + uris.webfingerTemplate() + "\"/>\n</XRD>\n"));
    router.get("/.well-known/nodeinfo").handler(ctx -> {
      ObjectNode doc = JsonLimits.MAPPER.createObjectNode();
      var links = doc.putArray("links");
      for (String v : List.of("2.0", "2.1")) {
        links.addObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/" + v).put("href", uris.nodeinfo(v));
      }
      send(ctx, "application/json", doc);
    });
    router.get("/nodeinfo/:version").handler(this::nodeinfo);
  }

  private void webfinger(RoutingContext ctx) {
    String resource = ctx.request().getParam("resource");
    if (resource == null || resource.isBlank()) {
      ctx.fail(CoreException.badRequest("the resource parameter is required"));
      return;
    }
    Future<Optional<String>> username;
    if (resource.startsWith("http://") || resource.startsWith("https://")) {
      if (resource.equals(uris.instanceActor())) {
        username = Future.succeededFuture(Optional.of(InstanceNames.INSTANCE_ACTOR));
      } else {
        username = Future.succeededFuture(uris.communitySlug(resource).or(() -> uris.staffUsername(resource)));
      }
    } else {
      Optional<Acct> acct = Acct.parse(resource);
      if (acct.isEmpty()) {
        ctx.fail(CoreException.badRequest("resource must be acct:name@" + handleHost + " or an actor URL"));
        return;
      }
      if (!acct.get().host().equals(handleHost)) {
        ctx.fail(CoreException.notFound("this server is " + handleHost));
        return;
      }
      username = Future.succeededFuture(Optional.of(acct.get().user().toLowerCase(Locale.ROOT)));
    }
    username.compose(name -> {
      if (name.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("no such account here"));
      }
      if (name.get().equals(InstanceNames.INSTANCE_ACTOR)) {
        return Future.succeededFuture(jrd(name.get(), uris.instanceActor(), uris.base() + "/"));
      }
      // a name is a community's or a staff account's (a Person), never both
      return communities.bySlug(name.get()).compose(c -> c.isPresent()
          ? Future.succeededFuture(jrd(c.get().slug(), uris.community(c.get().slug()), uris.community(c.get().slug())))
          : accounts.byUsername(name.get()).compose(a -> a.isEmpty()
              ? Future.failedFuture(CoreException.notFound("no such account here"))
              : Future.succeededFuture(jrd(a.get().username(), uris.staff(a.get().username()), uris.staff(a.get().username())))));
    }).onSuccess(jrd -> send(ctx, Jrd.MEDIA_TYPE, jrd)).onFailure(ctx::fail);
  }

  private Jrd jrd(String user, String actor, String profile) {
    return new Jrd("acct:" + user + "@" + handleHost, List.of(actor), List.of(
        new Jrd.Link("self", As.ACTIVITY_JSON, actor, null),
        new Jrd.Link("http://webfinger.net/rel/profile-page", "text/html", profile, null)));
  }

  private void nodeinfo(RoutingContext ctx) {
    String version = ctx.pathParam("version");
    if (!version.equals("2.0") && !version.equals("2.1")) {
      ctx.fail(CoreException.notFound("NodeInfo 2.0 and 2.1 are served"));
      return;
    }
    Future.all(communityStore.count(), posts.count(), instance.current()).map(all -> {
      long n = all.resultAt(0);
      long posts = all.resultAt(1);
      InstanceProfile profile = all.resultAt(2);
      ObjectNode doc = JsonLimits.MAPPER.createObjectNode();
      doc.put("version", version);
      ObjectNode software = doc.putObject("software");
      software.put("name", InstanceNames.SOFTWARE).put("version", Version.VERSION);
      if (version.equals("2.1")) {
        software.put("homepage", uris.base() + "/");
      }
      doc.putArray("protocols").add("activitypub");
      ObjectNode services = doc.putObject("services");
      services.putArray("inbound");
      services.putArray("outbound");
      doc.put("openRegistrations", false);
      ObjectNode usage = doc.putObject("usage");
      usage.putObject("users").put("total", n).put("activeMonth", n).put("activeHalfyear", n);
      usage.put("localPosts", posts);
      ObjectNode meta = doc.putObject("metadata");
      metadata(meta, profile);
      meta.put("communities", n);
      return doc;
    }).onSuccess(doc -> send(ctx, "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/"
        + version + "#\"", doc)).onFailure(ctx::fail);
  }

  /**
   * The instance admin's profile in NodeInfo {@code metadata}: {@code nodeName} (the host when none is set) and
   * {@code nodeDescription} as Mastodon and Misskey publish them; an email contact also as Misskey's
   * {@code maintainer}; the contact as {@code {"email"}} or {@code {"account"}} and the rules as {@code [{id, text}]}
   * in the shapes of Mastodon's instance API.
   */
  private void metadata(ObjectNode meta, InstanceProfile profile) {
    meta.put("nodeName", profile.name().isEmpty() ? handleHost : profile.name());
    if (!profile.description().isEmpty()) {
      meta.put("nodeDescription", profile.description());
    }
    if (!profile.contact().isEmpty()) {
      boolean email = profile.contactIsEmail();
      meta.putObject("contact").put(email ? "email" : "account", profile.contact());
      if (email) {
        meta.putObject("maintainer").put("email", profile.contact());
      }
    }
    var rules = meta.putArray("rules");
    for (int i = 0; i < profile.rules().size(); i++) {
      rules.addObject().put("id", String.valueOf(i + 1)).put("text", profile.rules().get(i));
    }
  }

  private static void send(RoutingContext ctx, String type, Object value) {
    try {
      ctx.response().putHeader("Content-Type", type).putHeader("Access-Control-Allow-Origin", "*")
          .end(JsonLimits.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
