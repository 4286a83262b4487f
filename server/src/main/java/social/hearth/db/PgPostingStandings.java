package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.core.port.DeletedObjects;
import social.hearth.core.port.PostingStandings;

/**
 * Posting standings of many (community, author) pairs in one statement: each pair is looked up by the primary keys
 * of {@code communities} (slug), {@code members} and {@code bans}.
 */
public final class PgPostingStandings implements PostingStandings {

  private static final String SQL = "SELECT q.slug, q.author, c.posting_policy, m.state, m.role, "
      + "c.archived_at IS NOT NULL AS archived, "
      + "EXISTS (SELECT 1 FROM bans b WHERE b.community_id = c.id AND b.actor_id = q.author "
      + "AND (b.until IS NULL OR b.until > now())) AS banned "
      + "FROM unnest($1::text[], $2::text[]) AS q(slug, author) "
      + "LEFT JOIN communities c ON c.slug = q.slug AND c.deleted_at IS NULL "
      + "LEFT JOIN members m ON m.community_id = c.id AND m.actor_id = q.author";

  /**
   * One post's author in one community: the community, then the author's membership (all of {@link PgMemberStore}'s
   * columns, null when none), then deleted, banned, the account's creation and the author's posting facts
   * (author_posting, V30), each by a primary key or a unique index.
   */
  private static final String AUTHOR = "SELECT " + prefixed("c.", PgCommunityStore.COLUMNS) + ", "
      + prefixed("m.", PgMemberStore.COLUMNS) + ", "
      + "EXISTS (SELECT 1 FROM deleted_objects d WHERE d.object_id = q.object_id AND d.actor_id = q.author "
      + "AND d.deleted_at > now() - $4 * interval '1 second') AS deleted, "
      + "EXISTS (SELECT 1 FROM bans b WHERE b.community_id = c.id AND b.actor_id = q.author "
      + "AND (b.until IS NULL OR b.until > now())) AS banned, "
      + "(SELECT a.document->>'published' FROM remote_actors a WHERE a.id = q.author) AS published, "
      + "COALESCE(p.accepted_posts, 0) AS accepted_posts, p.last_post_at, "
      // the privileges of the member's level (V53): granted from the level that has them up
      + "COALESCE(m.state = 'accepted' AND EXISTS (SELECT 1 FROM community_levels l WHERE l.community_id = c.id "
      + "AND l.skip_probation AND l.points <= COALESCE(mp.total, 0)), false), "
      + "COALESCE(m.state = 'accepted' AND EXISTS (SELECT 1 FROM community_levels l WHERE l.community_id = c.id "
      + "AND l.skip_slow_mode AND l.points <= COALESCE(mp.total, 0)), false), q.n "
      + "FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(slug, author, object_id, n) "
      + "JOIN communities c ON c.slug = q.slug AND c.deleted_at IS NULL "
      + "LEFT JOIN members m ON m.community_id = c.id AND m.actor_id = q.author "
      + "LEFT JOIN author_posting p ON p.community_id = c.id AND p.author_id = q.author "
      + "LEFT JOIN member_points mp ON mp.community_id = c.id AND mp.actor_id = q.author";
  private static final int MEMBER_AT = PgCommunityStore.COLUMNS.split(",").length;
  private static final int AFTER_MEMBER = MEMBER_AT + PgMemberStore.COLUMNS.split(",").length;

  private final Pool pool;

  public PgPostingStandings(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Map<Asked, Standing>> standings(Set<Asked> asked) {
    String[] slugs = new String[asked.size()];
    String[] authors = new String[asked.size()];
    int i = 0;
    for (Asked a : asked) {
      slugs[i] = a.slug();
      authors[i++] = a.author();
    }
    return pool.preparedQuery(SQL).execute(Tuple.tuple().addArrayOfString(slugs).addArrayOfString(authors)).map(rows -> {
      Map<Asked, Standing> out = new HashMap<>();
      for (Row r : rows) {
        String policy = r.getString("posting_policy");
        boolean member = "accepted".equals(r.getString("state"));
        out.put(new Asked(r.getString("slug"), r.getString("author")), new Standing(
            policy == null ? null : Community.PostingPolicy.valueOf(policy.toUpperCase(Locale.ROOT)),
            member, member && "moderator".equals(r.getString("role")), Boolean.TRUE.equals(r.getBoolean("banned")),
            Boolean.TRUE.equals(r.getBoolean("archived"))));
      }
      return out;
    });
  }

  @Override
  public Future<Optional<Author>> author(String slug, String author, String objectId) {
    return authors(List.of(new Wanted(slug, author, objectId))).map(all -> all.get(0));
  }

  /** Every post's author in one statement (the posts of a claimed batch). */
  @Override
  public Future<List<Optional<Author>>> authors(List<Wanted> wanted) {
    String[] slugs = new String[wanted.size()];
    String[] authors = new String[wanted.size()];
    String[] objects = new String[wanted.size()];
    for (int i = 0; i < wanted.size(); i++) {
      slugs[i] = wanted.get(i).slug();
      authors[i] = wanted.get(i).author();
      objects[i] = wanted.get(i).objectId();
    }
    return pool.preparedQuery(AUTHOR).execute(Tuple.tuple().addArrayOfString(slugs).addArrayOfString(authors)
        .addArrayOfString(objects).addLong(DeletedObjects.KEEP.toSeconds())).map(rows -> {
          List<Optional<Author>> out = new ArrayList<>(Collections.nCopies(wanted.size(), Optional.<Author>empty()));
          for (Row r : rows) {
            Optional<Member> member = r.getValue(MEMBER_AT) == null ? Optional.empty()
                : Optional.of(PgMemberStore.map(r, MEMBER_AT));
            out.set(r.getLong(AFTER_MEMBER + 7).intValue() - 1, Optional.of(new Author(PgCommunityStore.map(r),
                r.getBoolean(AFTER_MEMBER), r.getBoolean(AFTER_MEMBER + 1), member, published(r.getString(AFTER_MEMBER + 2)),
                r.getLong(AFTER_MEMBER + 3),
                r.getOffsetDateTime(AFTER_MEMBER + 4) == null ? null : r.getOffsetDateTime(AFTER_MEMBER + 4).toInstant(),
                r.getBoolean(AFTER_MEMBER + 5), r.getBoolean(AFTER_MEMBER + 6))));
          }
          return out;
        });
  }

  /** An actor's {@code published} date; null when absent or unreadable (an unknown date). */
  static Instant published(String value) {
    try {
      return value == null ? null : OffsetDateTime.parse(value).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** "a, b" with a prefix on every column: "c.a, c.b". */
  private static String prefixed(String prefix, String columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns.split(",")) {
      out.append(out.length() == 0 ? "" : ", ").append(prefix).append(column.strip());
    }
    return out.toString();
  }
}
