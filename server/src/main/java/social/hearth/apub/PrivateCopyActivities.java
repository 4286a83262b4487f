package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.port.PrivateCopies;
import social.hearth.core.port.Tx;
import social.hearth.core.text.Html;
import social.hearth.core.text.Links;
import social.hearth.db.OutboxStore;
import social.hearth.db.OutboxStore.Visibility;
import social.hearth.db.PgPrivateCopies;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * A private community's own copy of a member's post (issue 17; docs/federation.md "Private communities"): a
 * {@code Note} attributed to the Group at {@code /c/{slug}/copies/{post}}, {@code to} its followers collection only
 * ({@code cc} empty, never Public), opening with the author's name linked to their profile ("@ann@example.org
 * wrote:"), then the post's sanitised HTML, its content warning and attachments; {@code inReplyTo} the copy of the post
 * it answers when the community has one (else the original's). Its Create, Update and Delete go from the Group,
 * unwrapped, to the servers of the current members only (accepted, not expired), in the caller's transaction; none
 * is listed in the outbox. The copy is kept with the post and served at its IRI to members only ({@link PrivateReads}
 * refuses everyone else before this route).
 */
public final class PrivateCopyActivities implements PrivateCopies {

  private static final Set<String> MEDIA = Set.of("Document", "Image", "Video", "Audio");

  private final OutboxStore store;
  private final PgPrivateCopies copies;
  private final CommunityService communities;
  private final Uris uris;
  private final Clock clock;
  private final Voice voice = Voice.standard();

  public PrivateCopyActivities(OutboxStore store, PgPrivateCopies copies, CommunityService communities, Uris uris,
                               Clock clock) {
    this.store = store;
    this.copies = copies;
    this.communities = communities;
    this.uris = uris;
    this.clock = clock;
  }

  @Override
  public Future<Integer> create(Tx tx, Community community, long postId) {
    return copies.source(tx, postId).compose(source -> source.isEmpty() ? Future.succeededFuture(0)
        : send(tx, community, "Create", note(community, source.get(), false)));
  }

  @Override
  public Future<Boolean> update(Tx tx, Community community, long postId) {
    return copies.source(tx, postId).compose(source -> !live(source) ? Future.succeededFuture(false)
        : send(tx, community, "Update", note(community, source.get(), true)).map(true));
  }

  @Override
  public Future<Boolean> delete(Tx tx, Community community, long postId) {
    return copies.source(tx, postId).compose(source -> {
      if (!live(source)) {
        return Future.succeededFuture(false);
      }
      ObjectNode tombstone = JsonLimits.MAPPER.createObjectNode();
      tombstone.put("id", uris.communityCopy(community.slug(), postId));
      tombstone.put("type", "Tombstone");
      tombstone.put("formerType", "Note");
      tombstone.put("deleted", now());
      return send(tx, community, "Delete", tombstone).map(true);
    });
  }

  @Override
  public Future<Optional<String>> original(String iri) {
    var copy = uris.copyOf(iri);
    return copy.isEmpty() ? Future.succeededFuture(Optional.empty()) : copies.original(copy.get().getValue());
  }

  /** Serves a copy at its IRI: the Note, or 410 with its Tombstone once deleted (members only: {@link PrivateReads}). */
  public void mount(Router router) {
    router.get("/c/:slug/copies/:id").handler(ctx -> {
      String id = ctx.pathParam("id");
      if (!id.matches("[0-9]{1,18}")) {
        ctx.fail(CoreException.notFound("no such post"));
        return;
      }
      communities.requireCached(ctx.pathParam("slug"))
          .compose(c -> copies.copy(c.id(), Long.parseLong(id)))
          .onSuccess(json -> {
            if (json.isEmpty()) {
              ctx.fail(CoreException.notFound("no such post"));
              return;
            }
            boolean gone = readType(json.get()).equals("Tombstone");
            ctx.response().setStatusCode(gone ? 410 : 200).putHeader("Content-Type", As.ACTIVITY_JSON)
                .putHeader("Cache-Control", "private, no-store").putHeader("X-Robots-Tag", "noindex").end(json.get());
          }).onFailure(ctx::fail);
    });
  }

  private static boolean live(Optional<PgPrivateCopies.Source> source) {
    return source.isPresent() && source.get().copy() != null && !readType(source.get().copy()).equals("Tombstone");
  }

  /** The activity about the copy, to the followers only, stored with the copy and queued to the current members. */
  private Future<Integer> send(Tx tx, Community community, String type, ObjectNode object) {
    String followers = uris.communityFollowers(community.slug());
    ObjectNode activity = JsonLimits.MAPPER.createObjectNode();
    JsonNode context = object.remove("@context");
    activity.set("@context", context == null ? JsonLimits.MAPPER.createArrayNode().add(As.NS) : context);
    activity.put("id", uris.newActivity());
    activity.put("type", type);
    activity.put("actor", uris.community(community.slug()));
    activity.put("published", now());
    MembersOnly.address(activity, followers, uris.community(community.slug()));
    activity.set("object", object);
    ObjectNode kept = object.deepCopy();
    if (context != null) {
      kept.set("@context", context);
    }
    String copyIri = object.get("id").asText();
    long postId = uris.copyOf(copyIri).orElseThrow().getValue();
    return copies.store(tx, postId, kept.toString())
        .compose(v -> store.insertActivity(tx, activity.get("id").asText(), community.id(), type, copyIri,
            activity.toString(), Visibility.PRIVATE))
        .compose(id -> copies.enqueueToMembers(tx, id, community.id(), uris.home()));
  }

  /** The copy of the post as the community sends it. */
  ObjectNode note(Community c, PgPrivateCopies.Source s, boolean updated) {
    JsonNode original = read(s.objectJson());
    ObjectNode note = JsonLimits.MAPPER.createObjectNode();
    ArrayNode context = note.putArray("@context").add(As.NS);
    context.addObject().put("sensitive", "as:sensitive");
    note.put("id", uris.communityCopy(c.slug(), s.postId()));
    note.put("type", "Note");
    note.put("attributedTo", uris.community(c.slug()));
    note.putArray("to").add(uris.communityFollowers(c.slug()));
    note.putArray("cc");
    note.put("audience", uris.community(c.slug()));
    String lang = voice.speaks(c.language()) ? c.language() : Voice.FALLBACK;
    String who = "@" + (s.authorName() == null ? "someone" : s.authorName()) + "@"
        + (s.authorHost() == null ? hostOf(s.authorId()) : s.authorHost());
    String href = s.authorUrl() != null && Links.httpUrl(s.authorUrl()) != null ? s.authorUrl() : s.authorId();
    String link = "<span class=\"h-card\"><a href=\"" + Html.escape(href) + "\" class=\"u-url mention\">"
        + Html.escape(who) + "</a></span>";
    String content = "<p>" + voice.text(lang, "private.wrote", link) + "</p>"
        + (s.contentHtml() == null ? "" : s.contentHtml());
    note.put("content", content);
    String written = InboundMapper.language(original);
    note.putObject("contentMap").put(written == null ? lang : written, content);
    if (s.summary() != null && !s.summary().isBlank()) {
      note.put("summary", s.summary());
    }
    note.put("sensitive", original.path("sensitive").asBoolean(false) || (s.summary() != null && !s.summary().isBlank()));
    if (s.inReplyTo() != null) {
      note.put("inReplyTo", s.parentCopy() != null ? uris.communityCopy(c.slug(), s.parentCopy()) : s.inReplyTo());
    }
    ArrayNode attachments = attachments(original.get("attachment"));
    if (!attachments.isEmpty()) {
      note.set("attachment", attachments);
    }
    ArrayNode hashtags = hashtags(original.get("tag"));
    if (!hashtags.isEmpty()) {
      note.set("tag", hashtags);
    }
    String published = original.path("published").asText("");
    note.put("published", published.isEmpty() ? now() : published);
    if (updated) {
      note.put("updated", now());
    }
    return note;
  }

  /**
   * The post's hashtags (at most 20, well-formed names, an http(s) link or none), so members' servers list the copy
   * under them. Mentions are not carried: the copy is addressed to the members alone and notifies nobody else.
   */
  private static ArrayNode hashtags(JsonNode list) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    if (list == null) {
      return out;
    }
    for (JsonNode t : list.isArray() ? list : java.util.List.of(list)) {
      String name = t.path("name").asText("");
      if (!"Hashtag".equals(t.path("type").asText()) || !HASHTAG.matcher(name).matches() || out.size() >= 20) {
        continue;
      }
      ObjectNode tag = out.addObject().put("type", "Hashtag").put("name", name);
      String href = Links.httpUrl(t.path("href").asText(null));
      if (href != null) {
        tag.put("href", href);
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern HASHTAG = java.util.regex.Pattern.compile("#[\\p{L}\\p{N}_]{1,100}");

  /** The post's media, as Mastodon reads them: type, media type, address, description, size, blurhash. */
  private static ArrayNode attachments(JsonNode list) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    if (list == null) {
      return out;
    }
    Iterable<JsonNode> items = list.isArray() ? list : java.util.List.of(list);
    for (JsonNode a : items) {
      if (!a.isObject() || !MEDIA.contains(a.path("type").asText()) || out.size() >= 16) {
        continue;
      }
      JsonNode url = a.get("url");
      String href = url == null ? null : url.isTextual() ? url.asText() : url.isObject() ? url.path("href").asText(null)
          : url.isArray() && url.size() > 0 ? (url.get(0).isTextual() ? url.get(0).asText() : url.get(0).path("href").asText(null))
          : null;
      if (Links.httpUrl(href) == null) {
        continue;
      }
      ObjectNode copy = out.addObject();
      copy.put("type", a.path("type").asText());
      copy.put("url", href);
      for (String field : new String[] {"mediaType", "name", "blurhash"}) {
        if (a.path(field).isTextual()) {
          copy.put(field, a.get(field).asText());
        }
      }
      for (String field : new String[] {"width", "height"}) {
        if (a.path(field).isInt()) {
          copy.put(field, a.get(field).asInt());
        }
      }
    }
    return out;
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String readType(String json) {
    return read(json).path("type").asText("");
  }

  private static JsonNode read(String json) {
    try {
      return json == null ? JsonLimits.MAPPER.createObjectNode() : JsonLimits.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return JsonLimits.MAPPER.createObjectNode();
    }
  }

  private static String hostOf(String iri) {
    try {
      String host = java.net.URI.create(iri).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
