package social.hearth.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Person;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.util.TtlCache;
import social.hearth.federation.vocab.JsonLimits;

import static social.hearth.core.text.Links.httpUrl;

/**
 * The public pages' reads: posts with their authors, threads, hashtags, communities for the home page.
 * Everything here reads; every change goes through the application's services.
 */
public final class PgPublicPageQueries implements PublicPageQueries {

  /**
   * A post's columns for a page: its rendering (stored, never made per view: {@link PostRendering}), with the raw
   * content only when the stored rendering is missing or older than the renderer, and of the object only the small
   * parts a page shows (not its content again; at most 64 tags and 16 attachments).
   */
  /** How much of an event's name the pages show. */
  private static final int NAME_MAX = 300;
  private static final String POST_COLUMNS = "p.id, p.object_id, p.author_id, p.preview_html IS NOT NULL AS truncated, "
      + "p.excerpt, p.summary_text, CASE WHEN " + PostRendering.STALE + " THEN p.content END AS raw, CASE WHEN "
      + PostRendering.STALE + " AND jsonb_typeof(p.object->'summary') = 'string' THEN p.object->>'summary' END AS raw_summary, "
      + "jsonb_strip_nulls(jsonb_build_object('url', p.object->'url', 'published', p.object->'published', "
      + "'tag', " + bounded("tag", 64) + ", 'attachment', " + bounded("attachment", 16) + ", 'name', CASE WHEN p.type = 'Event' "
      + "AND jsonb_typeof(p.object->'name') = 'string' THEN left(p.object->>'name', " + NAME_MAX + ") END))::text AS parts, "
      + "p.in_reply_to, p.created_at, a.name, a.preferred_username, a.host, a.document->>'url' AS author_url";
  /** The whole sanitised content (a post's own page). */
  private static final String FULL = POST_COLUMNS + ", p.content_html AS html";
  /** The preview: the whole content when it is short, else its start (lists, threads, the feed). */
  private static final String PREVIEW = POST_COLUMNS + ", coalesce(p.preview_html, p.content_html) AS html";
  private static final String LIVE_REPLIES = "(SELECT count(*) FROM posts r WHERE r.community_id = p.community_id "
      + "AND r.in_reply_to = p.object_id AND r.deleted_at IS NULL) AS replies";
  /**
   * A post whose parent is not a live post of the community (or that has none: {@code q.object_id = NULL} never
   * matches). Written without {@code in_reply_to IS NULL OR}, so PostgreSQL can run it as an anti-join probing the
   * parent by index, instead of hashing every post of the table.
   */
  private static final String TOP_LEVEL = "NOT EXISTS (SELECT 1 FROM posts q WHERE q.community_id = p.community_id "
      + "AND q.object_id = p.in_reply_to AND q.deleted_at IS NULL)";
  /** A post that is not pinned (the community page shows its pins above the recent posts, and only there). */
  private static final String NOT_PINNED = " AND NOT EXISTS (SELECT 1 FROM featured f WHERE f.community_id = p.community_id "
      + "AND f.object_id = p.object_id)";
  /** How long the popular hashtags of a community are reused (they summarise the latest 500 posts). */
  static final Duration POPULAR_TAGS_TTL = Duration.ofSeconds(30);
  static final int POPULAR_TAGS_SAMPLE = 500;

  private static String bounded(String key, int max) {
    return "CASE WHEN jsonb_typeof(p.object->'" + key + "') = 'array' THEN (SELECT jsonb_agg(e) FROM (SELECT e FROM "
        + "jsonb_array_elements(p.object->'" + key + "') e LIMIT " + max + ") x) ELSE p.object->'" + key + "' END";
  }

  private final Pool pool;
  private final TtlCache<String, List<String>> popularTags = new TtlCache<>(POPULAR_TAGS_TTL, 1_000);

  public PgPublicPageQueries(Pool pool) {
    this.pool = pool;
  }

  // ------------------------------------------------------------------ communities

  /** Communities with their member counts, optionally filtered by a search over name, handle and summary. */
  @Override
  public Future<List<Listing>> communities(String query, int limit) {
    String q = query == null ? "" : query.strip();
    String like = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return pool.preparedQuery("SELECT c.id, c.slug, c.name, c.summary, c.member_count, "
            + "EXISTS (SELECT 1 FROM community_media cm WHERE cm.community_id = c.id AND cm.kind = 'avatar') "
            + "FROM communities c WHERE c.deleted_at IS NULL AND ($1 = '' OR lower(c.name) LIKE $2 OR c.slug LIKE $2 "
            + "OR lower(c.summary) LIKE $2) "
            + "ORDER BY 5 DESC, c.created_at, c.id LIMIT $3")
        .execute(Tuple.of(q, like, limit)).map(rows -> {
          List<Listing> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Listing(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
              r.getLong(4), r.getBoolean(5))));
          return out;
        });
  }

  // ------------------------------------------------------------------ posts

  /** Top-level posts of a community, newest first, each with up to {@code repliesShown} replies under it. */
  @Override
  public Future<List<Post>> recent(long communityId, int offset, int limit, int repliesShown) {
    return page(communityId, offset, limit, repliesShown, false).map(PostPage::posts);
  }

  /**
   * As {@link #recent}, reading one post more to tell whether another page follows (instead of counting every post
   * of the community). The inner query walks the live posts index newest first and stops after the page; authors,
   * bodies and reply counts are read for the page's posts only.
   */
  @Override
  public Future<PostPage> recentPage(long communityId, int offset, int limit, int repliesShown) {
    return page(communityId, offset, limit, repliesShown, true);
  }

  private Future<PostPage> page(long communityId, int offset, int limit, int repliesShown, boolean withoutPinned) {
    if (limit < 1 || limit > 100 || offset < 0) {
      throw new IllegalArgumentException("page of " + limit + " at " + offset);
    }
    // LIMIT (a page size of the caller's) and, for the first page, OFFSET are written into the statement: with
    // either as a parameter PostgreSQL plans the query anew on every execution (its generic plan looks more costly
    // than a plan for the actual values), which took longer than running it
    String window = offset == 0 ? "OFFSET 0 LIMIT " + (limit + 1) : "OFFSET $2 LIMIT " + (limit + 1);
    return pool.preparedQuery("SELECT " + PREVIEW + ", " + LIVE_REPLIES + " FROM (SELECT p.id FROM posts p "
            + "WHERE p.community_id = $1 AND p.deleted_at IS NULL AND NOT p.members_only AND " + TOP_LEVEL + (withoutPinned ? NOT_PINNED : "")
            + " ORDER BY p.created_at DESC, "
            + "p.id DESC " + window + ") page JOIN posts p ON p.id = page.id LEFT JOIN remote_actors a "
            + "ON a.id = p.author_id ORDER BY p.created_at DESC, p.id DESC")
        .execute(offset == 0 ? Tuple.of(communityId) : Tuple.of(communityId, offset))
        .compose(rows -> posts(rows, 0, false)).compose(posts -> {
          boolean more = posts.size() > limit;
          return withReplies(communityId, more ? posts.subList(0, limit) : posts, repliesShown)
              .map(list -> new PostPage(list, more));
        });
  }

  private Future<List<Post>> withReplies(long communityId, List<Post> posts, int shown) {
    if (posts.isEmpty() || shown == 0) {
      return Future.succeededFuture(posts);
    }
    String[] ids = posts.stream().map(Post::objectId).toArray(String[]::new);
    return pool.preparedQuery("SELECT " + PREVIEW + ", " + LIVE_REPLIES + " FROM posts p LEFT JOIN remote_actors a "
            + "ON a.id = p.author_id WHERE p.community_id = $1 AND p.deleted_at IS NULL AND NOT p.members_only AND p.in_reply_to = ANY($2) "
            + "ORDER BY p.created_at, p.id").execute(Tuple.tuple().addLong(communityId).addArrayOfString(ids))
        .compose(rows -> posts(rows, 1, false)).map(replies -> {
          Map<String, List<Post>> byParent = new LinkedHashMap<>();
          for (Post r : replies) {
            List<Post> list = byParent.computeIfAbsent(r.inReplyTo(), k -> new ArrayList<>());
            if (list.size() < shown) {
              list.add(r);
            }
          }
          return posts.stream().map(p -> withThread(p, byParent.getOrDefault(p.objectId(), List.of()))).toList();
        });
  }

  /** Pinned posts in their order (only live ones). */
  @Override
  public Future<List<Post>> pinned(long communityId) {
    return pool.preparedQuery("SELECT " + PREVIEW + ", " + LIVE_REPLIES + " FROM featured f JOIN posts p ON "
            + "p.community_id = f.community_id AND p.object_id = f.object_id LEFT JOIN remote_actors a ON a.id = p.author_id "
            + "WHERE f.community_id = $1 AND p.deleted_at IS NULL AND NOT p.members_only ORDER BY f.position, f.added_at")
        .execute(Tuple.of(communityId)).compose(rows -> posts(rows, 0, false))
        .compose(posts -> withReplies(communityId, posts, 2));
  }

  @Override
  public Future<Optional<Post>> post(long communityId, long postId) {
    return pool.preparedQuery("SELECT " + FULL + ", " + LIVE_REPLIES + " FROM posts p LEFT JOIN remote_actors a "
            + "ON a.id = p.author_id WHERE p.community_id = $1 AND p.id = $2 AND p.deleted_at IS NULL AND NOT p.members_only")
        .execute(Tuple.of(communityId, postId)).compose(rows -> posts(rows, 0, true)).map(list -> list.stream().findFirst());
  }

  /** The posts this one replies to, within the community, oldest first (at most 20 up). */
  @Override
  public Future<List<Post>> ancestors(long communityId, String inReplyTo) {
    if (inReplyTo == null) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("WITH RECURSIVE up AS (SELECT p.*, 1 AS lvl FROM posts p WHERE p.community_id = $1 "
            + "AND p.object_id = $2 AND p.deleted_at IS NULL AND NOT p.members_only UNION ALL SELECT p.*, up.lvl + 1 FROM posts p JOIN up ON "
            + "p.community_id = $1 AND p.object_id = up.in_reply_to WHERE p.deleted_at IS NULL AND NOT p.members_only AND up.lvl < 20) "
            + "SELECT " + PREVIEW + ", " + LIVE_REPLIES + " FROM up p LEFT JOIN remote_actors a ON a.id = p.author_id "
            + "ORDER BY p.lvl DESC").execute(Tuple.of(communityId, inReplyTo)).compose(rows -> posts(rows, 0, false));
  }

  /** Every reply under a post, depth-first in the order written, with its depth (at most 300). */
  @Override
  public Future<List<Post>> replies(long communityId, String objectId) {
    return pool.preparedQuery("WITH RECURSIVE down AS (SELECT p.*, 1 AS depth, ARRAY[p.created_at::text || p.id] AS path "
            + "FROM posts p WHERE p.community_id = $1 AND p.in_reply_to = $2 AND p.deleted_at IS NULL AND NOT p.members_only UNION ALL "
            + "SELECT p.*, d.depth + 1, d.path || (p.created_at::text || p.id) FROM posts p JOIN down d ON "
            + "p.community_id = $1 AND p.in_reply_to = d.object_id WHERE p.deleted_at IS NULL AND NOT p.members_only AND d.depth < 30) "
            + "SELECT " + PREVIEW + ", " + LIVE_REPLIES + ", p.depth FROM down p LEFT JOIN remote_actors a "
            + "ON a.id = p.author_id ORDER BY p.path LIMIT 300")
        .execute(Tuple.of(communityId, objectId)).compose(rows -> posts(rows, -1, false));
  }

  /** Live posts carrying a hashtag (any case), newest first. */
  @Override
  public Future<List<Post>> tagged(long communityId, String tag, int offset, int limit) {
    return pool.preparedQuery("SELECT " + PREVIEW + ", " + LIVE_REPLIES + " FROM posts p LEFT JOIN remote_actors a "
            + "ON a.id = p.author_id WHERE p.community_id = $1 AND p.deleted_at IS NULL AND NOT p.members_only AND " + HAS_TAG
            + " ORDER BY p.created_at DESC, p.id DESC OFFSET $3 LIMIT $4")
        .execute(Tuple.of(communityId, tag.toLowerCase(Locale.ROOT), offset, limit)).compose(rows -> posts(rows, 0, false));
  }

  private static final String HAS_TAG = "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.object->'tag') "
      + "= 'array' THEN p.object->'tag' ELSE '[]'::jsonb END) t WHERE t->>'type' = 'Hashtag' "
      + "AND lower(ltrim(t->>'name', '#')) = $2)";

  /**
   * The hashtags used most in the community's latest 500 posts. Reading the tags of 500 posts costs the database
   * about as much as the rest of the page together, so a community's list is reused for {@link #POPULAR_TAGS_TTL}.
   */
  @Override
  public Future<List<String>> popularTags(long communityId, int limit) {
    return popularTags.get(communityId + "/" + limit, () -> pool.preparedQuery("SELECT lower(ltrim(t->>'name', '#')) AS tag, "
            + "count(*) FROM (SELECT object FROM posts WHERE community_id = $1 AND deleted_at IS NULL AND NOT members_only "
            + "ORDER BY created_at DESC, id DESC LIMIT $3) p, "
            + "jsonb_array_elements(CASE WHEN jsonb_typeof(p.object->'tag') = 'array' THEN p.object->'tag' ELSE '[]'::jsonb END) t "
            + "WHERE t->>'type' = 'Hashtag' AND length(ltrim(t->>'name', '#')) BETWEEN 1 AND 100 "
            + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $2")
        .execute(Tuple.of(communityId, limit, POPULAR_TAGS_SAMPLE)).map(rows -> {
          List<String> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return List.copyOf(out);
        }));
  }

  /** Remote moderators with their names. */
  @Override
  public Future<List<Person>> moderators(long communityId) {
    return people("SELECT m.actor_id, a.name, a.preferred_username, a.host, a.document->>'url' FROM members m "
        + "LEFT JOIN remote_actors a ON a.id = m.actor_id WHERE m.community_id = $1 AND m.state = 'accepted' "
        + "AND m.role = 'moderator' ORDER BY lower(coalesce(a.name, a.preferred_username, m.actor_id))", Tuple.of(communityId));
  }

  private Future<List<Person>> people(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<Person> out = new ArrayList<>();
      rows.forEach(r -> out.add(Person.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4))));
      return out;
    });
  }

  /**
   * The posts of a page from their rows, with their stored rendering ({@code full}: the whole content, else the
   * preview). Rows stored before this version of the renderer are rendered first, off the event loop, and stored.
   */
  private Future<List<Post>> posts(RowSet<Row> rows, int fixedDepth, boolean full) {
    List<PostRendering.Pending> pending = new ArrayList<>();
    for (Row r : rows) {
      if (r.getValue("raw") != null || r.getValue("excerpt") == null) {
        pending.add(new PostRendering.Pending(r.getLong("id"), r.getString("raw"), r.getString("raw_summary")));
      }
    }
    return PostRendering.backfill(pool, pending).map(rendered -> {
      List<Post> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(post(r, fixedDepth, full, rendered.get(r.getLong("id"))));
      }
      return out;
    });
  }

  private static Post post(Row r, int fixedDepth, boolean full, PostRendering.Columns fresh) {
    JsonNode object;
    try {
      object = JsonLimits.MAPPER.readTree(r.getString("parts"));
    } catch (Exception e) {
      object = JsonLimits.MAPPER.createObjectNode();
    }
    String html = fresh == null ? r.getString("html") : full ? fresh.content().html() : fresh.content().preview();
    boolean truncated = !full && (fresh == null ? r.getBoolean("truncated") : fresh.content().truncated());
    String excerpt = fresh == null ? r.getString("excerpt") : fresh.content().excerpt();
    String summary = fresh == null ? r.getString("summary_text") : fresh.summary();
    Person author = Person.of(r.getString("author_id"), r.getString("name"), r.getString("preferred_username"),
        r.getString("host"), r.getString("author_url"));
    String url = httpUrl(text(object.get("url")));
    OffsetDateTime published = parseTime(object.path("published").asText(null));
    int depth = fixedDepth >= 0 ? fixedDepth : r.getInteger("depth");
    String objectId = r.getString("object_id");
    return new Post(r.getLong("id"), objectId, url == null ? httpUrl(objectId) : url, author.id(), author.name(),
        author.handle(), author.url(), html == null ? "" : html, truncated, excerpt == null ? "" : excerpt, summary,
        published == null ? r.getOffsetDateTime("created_at") : published, tags(object), attachments(object),
        r.getLong("replies"), r.getString("in_reply_to"), depth, List.of(), name(object.get("name")));
  }

  /** An event's name as one line of text, or null when it has none. */
  private static String name(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    String line = n.asText().replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return line.isEmpty() ? null : line;
  }

  /** A link's href from a string, a Link object, or an array of them. */
  private static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isArray()) {
      for (JsonNode e : n) {
        String t = text(e);
        if (t != null && (!e.isObject() || e.path("mediaType").asText("text/html").startsWith("text/html"))) {
          return t;
        }
      }
      return null;
    }
    return n.path("href").asText(null);
  }

  private static List<String> tags(JsonNode object) {
    List<String> out = new ArrayList<>();
    JsonNode tags = object.get("tag");
    if (tags == null) {
      return out;
    }
    for (JsonNode t : tags.isArray() ? tags : List.of(tags)) {
      if ("Hashtag".equals(t.path("type").asText()) && t.path("name").isTextual()) {
        String name = t.path("name").asText().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && name.length() <= 100 && !out.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static List<Attachment> attachments(JsonNode object) {
    List<Attachment> out = new ArrayList<>();
    JsonNode list = object.get("attachment");
    if (list == null) {
      return out;
    }
    for (JsonNode a : list.isArray() ? list : List.of(list)) {
      String url = httpUrl(a.path("url").isTextual() ? a.path("url").asText() : text(a.get("url")));
      if (url != null && out.size() < 8) {
        String name = a.path("name").isTextual() ? a.path("name").asText() : "";
        out.add(new Attachment(url, name.length() > 500 ? name.substring(0, 500) : name, a.path("mediaType").asText("")));
      }
    }
    return out;
  }

  private static OffsetDateTime parseTime(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The same post with replies shown under it. */
  private static Post withThread(Post p, List<Post> replies) {
    return new Post(p.id(), p.objectId(), p.url(), p.authorId(), p.authorName(), p.authorHandle(), p.authorUrl(),
        p.contentHtml(), p.truncated(), p.text(), p.summary(), p.published(), p.tags(), p.attachments(), p.replies(), p.inReplyTo(),
        p.depth(), replies, p.name());
  }
}
