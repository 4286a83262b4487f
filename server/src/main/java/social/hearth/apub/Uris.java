package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.hearth.federation.vocab.Normalizer;

/** Every local IRI is minted here, and recognised here. */
public final class Uris {

  private static final Pattern COMMUNITY = Pattern.compile("^/c/([a-z0-9_.-]+)$");
  private static final Pattern COMMUNITY_OBJECT = Pattern.compile("^/c/([a-z0-9_.-]+)/([A-Za-z0-9_.-]+)(/[A-Za-z0-9_.~-]+){0,2}$");
  private static final java.util.Set<String> NOT_OBJECTS = java.util.Set.of("inbox", "outbox", "followers", "featured",
      "moderators", "media", "feed.atom", "join", "invite", "tags", "quote-authorizations", "copies");
  private static final Pattern STAFF = Pattern.compile("^/u/([a-z0-9_]+)$");

  private final String base;
  private final String origin;
  private final String authority;
  private final String scheme;

  public Uris(URI baseUrl) {
    this.base = baseUrl.toString();
    this.origin = Iris.origin(base);
    URI parsed = URI.create(base);
    this.authority = parsed.getRawAuthority();
    this.scheme = parsed.getScheme();
  }

  public String base() {
    return base;
  }

  /** host[:port] of the base URL, as the Host header of requests to us carries it. */
  public String authority() {
    return authority;
  }

  /** http or https. */
  public String scheme() {
    return scheme;
  }

  public String community(String slug) {
    return base + "/c/" + slug;
  }

  public String communityKey(String slug) {
    return community(slug) + "#main-key";
  }

  public String communityInbox(String slug) {
    return community(slug) + "/inbox";
  }

  public String communityOutbox(String slug) {
    return community(slug) + "/outbox";
  }

  public String communityFollowers(String slug) {
    return community(slug) + "/followers";
  }

  public String communityFeatured(String slug) {
    return community(slug) + "/featured";
  }

  public String communityModerators(String slug) {
    return community(slug) + "/moderators";
  }

  /** The community's avatar or banner, versioned by its digest so caches refresh when it changes. */
  public String communityMedia(String slug, String kind, String digest) {
    return community(slug) + "/media/" + kind + (digest == null ? "" : "?v=" + digest.substring(0, Math.min(16, digest.length())));
  }

  /** A direct message the community sent. */
  public String communityNote(String slug, java.util.UUID id) {
    return community(slug) + "/notes/" + id;
  }

  /** A re-shared post's page. */
  public String communityPost(String slug, long postId) {
    return community(slug) + "/posts/" + postId;
  }

  /** A topic (hashtag) page of the community. */
  public String communityTag(String slug, String tag) {
    return community(slug) + "/tags/" + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The community's Atom feed. */
  public String communityFeed(String slug) {
    return community(slug) + "/feed.atom";
  }

  /** The link an invite code is shared as. */
  public String communityInvite(String slug, String code) {
    return community(slug) + "/invite/" + code;
  }

  /** The community's payment webhook, where a payment provider renews memberships. */
  public String membershipWebhook(String slug) {
    return base + "/api/v1/hooks/communities/" + slug + "/membership";
  }

  /** The Create that carried a direct message the community sent. */
  public String communityNoteActivity(String noteIri) {
    return noteIri + "/activity";
  }

  /** A QuoteAuthorization stamp the community granted (FEP-044f). */
  public String quoteAuthorization(String slug, java.util.UUID id) {
    return community(slug) + "/quote-authorizations/" + id;
  }

  /**
   * The slug of the community that authored a local object, if the IRI is one: anything under {@code /c/{slug}/}
   * but the actor's own endpoints and collections, its key, media, feed and pages for people (join, invite, tags).
   */
  public Optional<String> communityObjectOwner(String iri) {
    if (iri == null || !iri.startsWith(base + "/c/") || iri.indexOf('#') >= 0 || iri.indexOf('?') >= 0) {
      return Optional.empty();
    }
    Matcher m = COMMUNITY_OBJECT.matcher(iri.substring(base.length()));
    return m.matches() && !NOT_OBJECTS.contains(m.group(2)) ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The FEP-521a Ed25519 key of a local actor (a community or the instance actor). */
  public String ed25519Key(String localActor) {
    return localActor + "#ed25519-key";
  }

  /** A post written in Hearth by a community's staff (as the community or as themselves): its stable IRI. */
  public String authoredPost(String key) {
    return base + "/p/" + key;
  }

  /** An image of a post written in Hearth. */
  public String postImage(String slug, String key) {
    return community(slug) + "/images/" + key;
  }

  /** The server's home page. */
  public String home() {
    return base + "/";
  }

  public String sharedInbox() {
    return base + "/inbox";
  }

  public String instanceActor() {
    return base + "/actor";
  }

  public String instanceActorKey() {
    return instanceActor() + "#main-key";
  }

  public String instanceActorInbox() {
    return instanceActor() + "/inbox";
  }

  public String instanceActorOutbox() {
    return instanceActor() + "/outbox";
  }

  public String newActivity() {
    return base + "/activities/" + UUID.randomUUID();
  }

  public String activity(String uuid) {
    return base + "/activities/" + uuid;
  }

  public String page(String collection, int page) {
    return collection + "?page=" + page;
  }

  public String webfingerTemplate() {
    return base + "/.well-known/webfinger?resource={uri}";
  }

  public String nodeinfo(String version) {
    return base + "/nodeinfo/" + version;
  }

  /** True when the IRI is on our own origin (scheme, host and port). */
  public boolean isLocal(String iri) {
    return iri != null && origin.equals(Iris.origin(iri));
  }

  /** A staff account's Person (also its profile page for browsers). */
  public String staff(String username) {
    return base + "/u/" + username;
  }

  public String staffKey(String username) {
    return staff(username) + "#main-key";
  }

  public String staffInbox(String username) {
    return staff(username) + "/inbox";
  }

  public String staffOutbox(String username) {
    return staff(username) + "/outbox";
  }

  public String staffFollowers(String username) {
    return staff(username) + "/followers";
  }

  /** A staff account's avatar, versioned by its digest. */
  public String staffAvatar(String username, String digest) {
    return staff(username) + "/avatar" + (digest == null ? "" : "?v=" + digest.substring(0, Math.min(16, digest.length())));
  }

  /** The username of a local staff Person IRI, if it is one. */
  public Optional<String> staffUsername(String iri) {
    if (iri == null || !iri.startsWith(base + "/u/")) {
      return Optional.empty();
    }
    Matcher m = STAFF.matcher(iri.substring(base.length()));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The slug of a local community actor IRI, if it is one. */
  public Optional<String> communitySlug(String iri) {
    if (iri == null || !iri.startsWith(base + "/c/")) {
      return Optional.empty();
    }
    Matcher m = COMMUNITY.matcher(iri.substring(base.length()));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A poll written in Hearth by a community's staff: its Question's stable IRI ({@code /polls/{key}}). */
  public String poll(String key) {
    return base + "/polls/" + key;
  }

  /** Whether {@code iri} has the form of a local poll's IRI (cheap; the poll may still not exist). */
  public boolean isPoll(String iri) {
    return iri != null && iri.startsWith(base + "/polls/") && iri.substring(base.length() + 7).matches("[a-z0-9]{1,20}");
  }

  /** A community's event ({@code /c/{slug}/events/{key}}): its Event for ActivityPub clients, its page for browsers. */
  public String communityEvent(String slug, String key) {
    return community(slug) + "/events/" + key;
  }

  /** A community's calendar of events ({@code /c/{slug}/events.ics}). */
  public String communityEventsIcs(String slug) {
    return community(slug) + "/events.ics";
  }

  /** A private community's own copy of a member's post (issue 17): served to members only, at a stable IRI. */
  public String communityCopy(String slug, long postId) {
    return community(slug) + "/copies/" + postId;
  }

  /** The community and post of a copy's IRI ({@link #communityCopy}), if {@code iri} is one. */
  public Optional<Map.Entry<String, Long>> copyOf(String iri) {
    if (iri == null || !iri.startsWith(base + "/c/")) {
      return Optional.empty();
    }
    Matcher m = COPY.matcher(iri.substring(base.length()));
    return m.matches() ? Optional.of(Map.entry(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
  }

  private static final Pattern COPY = Pattern.compile("^/c/([a-z0-9_.-]+)/copies/([0-9]{1,18})$");
}
