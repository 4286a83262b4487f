package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.hearth.core.domain.Community;
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
}
