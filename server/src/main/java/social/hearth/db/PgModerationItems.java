package social.hearth.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.QueueItem;
import social.hearth.core.moderation.ModerationItems;
import social.hearth.core.moderation.Reason;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.Verdict;
import social.hearth.core.text.Html;
import social.hearth.core.util.BoundedCache;
import social.hearth.federation.vocab.JsonLimits;

/**
 * SQL for the moderation items. Reasons and author facts are stored as JSON (reasons without their null fields,
 * facts with ISO-8601 instants), so a dry run replays exactly what the filters saw.
 */
public final class PgModerationItems implements ModerationItems {

  private final Pool pool;
  /** Previews of items' content by item id, made once (see {@link #list}). */
  private final BoundedCache<Long, String> previews = new BoundedCache<>(2_048);

  public PgModerationItems(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Long>> insert(long communityId, String activityId, Submission.Kind kind, String objectId,
                                       String authorId, Verbatim activity, Verbatim object, Verdict verdict,
                                       AuthorFacts facts, String state) {
    return pool.preparedQuery("INSERT INTO moderation_items (community_id, activity_id, kind, object_id, author_id, activity, "
            + "object, decision, reasons, facts, state) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, "
            + "$9::text::jsonb, $10::text::jsonb, $11) ON CONFLICT (community_id, activity_id) DO NOTHING RETURNING id")
        .execute(Tuple.from(new Object[] {communityId, activityId, kind.name().toLowerCase(Locale.ROOT), objectId,
            authorId, activity.json(), object == null ? null : object.json(),
            verdict.decision().name().toLowerCase(Locale.ROOT), reasonsJson(verdict.reasons()), factsJson(facts), state}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  @Override
  public Future<List<Optional<Long>>> insertAll(social.hearth.core.port.Tx tx, List<New> items) {
    int n = items.size();
    Long[] communities = new Long[n];
    String[][] text = new String[9][n];
    for (int i = 0; i < n; i++) {
      New it = items.get(i);
      communities[i] = it.communityId();
      text[0][i] = it.activityId();
      text[1][i] = it.kind().name().toLowerCase(Locale.ROOT);
      text[2][i] = it.objectId();
      text[3][i] = it.authorId();
      text[4][i] = it.activity().json();
      text[5][i] = it.object() == null ? null : it.object().json();
      text[6][i] = it.verdict().decision().name().toLowerCase(Locale.ROOT);
      text[7][i] = reasonsJson(it.verdict().reasons());
      text[8][i] = factsJson(it.facts());
    }
    String[] states = items.stream().map(New::state).toArray(String[]::new);
    Tuple args = Tuple.tuple().addArrayOfLong(communities);
    for (String[] column : text) {
      args.addArrayOfString(column);
    }
    return PgTx.sql(tx).preparedQuery("INSERT INTO moderation_items (community_id, activity_id, kind, object_id, author_id, "
            + "activity, object, decision, reasons, facts, state) SELECT c, a, k, o, au, act::jsonb, obj::jsonb, d, "
            + "r::jsonb, f::jsonb, s FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
            + "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) WITH ORDINALITY "
            + "AS x(c, a, k, o, au, act, obj, d, r, f, s, n) ORDER BY n "
            + "ON CONFLICT (community_id, activity_id) DO NOTHING RETURNING id, community_id, activity_id")
        .execute(args.addArrayOfString(states)).map(rows -> {
          Map<String, Long> ids = new HashMap<>();
          for (Row r : rows) {
            ids.put(r.getLong(1) + " " + r.getString(2), r.getLong(0));
          }
          List<Optional<Long>> out = new ArrayList<>(n);
          for (New it : items) {
            out.add(Optional.ofNullable(ids.get(it.communityId() + " " + it.activityId())));
          }
          return out;
        });
  }

  @Override
  public Future<Earlier> earlier(long communityId, String activityId) {
    return pool.preparedQuery("SELECT id, decision, reasons::text, state FROM moderation_items WHERE community_id = $1 AND activity_id = $2")
        .execute(Tuple.of(communityId, activityId)).map(rows -> {
          Row r = rows.iterator().next();
          return new Earlier(r.getLong(0), Verdict.Decision.valueOf(r.getString(1).toUpperCase(Locale.ROOT)),
              reasons(r.getString(2)), r.getString(3));
        });
  }

  @Override
  public Future<AuthorFacts> facts(long communityId, String authorId, boolean domainLimited) {
    // the author's posts are counted by triggers into author_posting (V30), not here
    return pool.preparedQuery("SELECT (SELECT document->>'published' FROM remote_actors WHERE id = $2), "
            + "(SELECT accepted_at FROM members WHERE community_id = $1 AND actor_id = $2 AND state = 'accepted'), "
            + "COALESCE(p.accepted_posts, 0), p.last_post_at "
            + "FROM (SELECT 1) one LEFT JOIN author_posting p ON p.community_id = $1 AND p.author_id = $2")
        .execute(Tuple.of(communityId, authorId)).map(rows -> {
          Row r = rows.iterator().next();
          Instant published = null;
          try {
            published = r.getString(0) == null ? null : OffsetDateTime.parse(r.getString(0)).toInstant();
          } catch (RuntimeException ignored) {
            // an unreadable date is an unknown one
          }
          return new AuthorFacts(published, r.getOffsetDateTime(1) == null ? null : r.getOffsetDateTime(1).toInstant(),
              r.getLong(2), r.getOffsetDateTime(3) == null ? null : r.getOffsetDateTime(3).toInstant(), domainLimited);
        });
  }

  /**
   * The items in a state, oldest first. Their content is a preview (as lists of posts show: at most a few thousand
   * characters of sanitised HTML), made once per item off the event loop and kept: an item's content never changes.
   */
  @Override
  public Future<List<QueueItem>> list(long communityId, String state, int limit) {
    return pool.preparedQuery("SELECT id, kind, object_id, author_id, object->>'content', object->>'summary', reasons::text, "
            + "state, created_at, decided_by FROM moderation_items WHERE community_id = $1 AND state = $2 "
            + "ORDER BY id LIMIT $3").execute(Tuple.of(communityId, state, limit))
        .compose(rows -> {
          Map<Long, String> shown = new HashMap<>();
          Map<Long, String> missing = new HashMap<>();
          for (Row r : rows) {
            String kept = previews.get(r.getLong(0));
            if (kept != null) {
              shown.put(r.getLong(0), kept);
            } else {
              missing.put(r.getLong(0), r.getString(4));
            }
          }
          Future<Void> made = missing.isEmpty() ? Future.succeededFuture() : PostRendering.offLoop(() -> {
            missing.forEach((id, content) -> shown.put(id, Html.render(content).preview()));
            return null;
          });
          return made.map(v -> {
            List<QueueItem> out = new ArrayList<>();
            for (Row r : rows) {
              String preview = shown.get(r.getLong(0));
              previews.put(r.getLong(0), preview);
              out.add(new QueueItem(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), preview,
                  r.getString(5), reasons(r.getString(6)), r.getString(7), r.getOffsetDateTime(8).toInstant(), r.getString(9)));
            }
            return out;
          });
        });
  }

  @Override
  public Future<Optional<Stored>> find(long communityId, long itemId) {
    return pool.preparedQuery("SELECT id, community_id, kind, object_id, author_id, activity::text, object::text, state "
            + "FROM moderation_items WHERE id = $1 AND community_id = $2").execute(Tuple.of(itemId, communityId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row r = rows.iterator().next();
          try {
            JsonNode activity = JsonLimits.MAPPER.readTree(r.getString(5));
            Verbatim object = r.getString(6) == null ? null
                : new Verbatim(r.getString(3), JsonLimits.MAPPER.readTree(r.getString(6)).toString());
            return Future.succeededFuture(Optional.of(new Stored(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3),
                r.getString(4), new Verbatim(social.hearth.federation.vocab.Normalizer.firstText(activity.get("id")), activity.toString()), object, r.getString(7))));
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        });
  }

  @Override
  public Future<Boolean> decide(long itemId, String state, String byWhom) {
    return pool.preparedQuery("UPDATE moderation_items SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND state = 'held'")
        .execute(Tuple.of(itemId, state, byWhom)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<Boolean> overturn(long itemId, String byWhom) {
    return pool.preparedQuery("UPDATE moderation_items SET state = 'overturned', decided_by = $2, decided_at = now() "
            + "WHERE id = $1 AND state = 'rejected'")
        .execute(Tuple.of(itemId, byWhom)).map(r -> r.rowCount() > 0);
  }

  @Override
  public Future<List<Replay>> recent(long communityId, int days, int limit) {
    return pool.preparedQuery("SELECT id, object_id, author_id, object::text, facts::text, state, created_at, kind "
            + "FROM moderation_items WHERE community_id = $1 AND kind IN ('post', 'update') AND object IS NOT NULL "
            + "AND created_at >= now() - $2 * interval '1 day' ORDER BY id DESC LIMIT $3")
        .execute(Tuple.of(communityId, days, limit)).map(rows -> {
          List<Replay> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Replay(r.getLong(0), r.getString(7), r.getString(1), r.getString(2),
                new Verbatim(r.getString(1), r.getString(3)), facts(r.getString(4)), r.getString(5),
                r.getOffsetDateTime(6).toInstant()));
          }
          return out;
        });
  }

  // ------------------------------------------------------------------ JSON forms

  /** The reasons as stored: each without its null fields. */
  static String reasonsJson(List<Reason> reasons) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (Reason r : reasons) {
      ObjectNode n = out.addObject();
      putIfSet(n, "code", r.code());
      putIfSet(n, "message", r.message());
      if (r.filterId() != null) {
        n.put("filterId", r.filterId());
      }
      putIfSet(n, "action", r.action());
      putIfSet(n, "key", r.key());
      if (r.args() != null) {
        ObjectNode args = n.putObject("args");
        r.args().forEach(args::put);
      }
    }
    return out.toString();
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  /** Stored reasons, in their stored order (with the args in the order the database keeps them); none when unreadable. */
  static List<Reason> reasons(String json) {
    try {
      List<Reason> out = new ArrayList<>();
      for (JsonNode n : JsonLimits.MAPPER.readTree(json)) {
        Map<String, String> args = null;
        if (n.has("args") && !n.get("args").isNull()) {
          Map<String, String> map = new LinkedHashMap<>();
          n.get("args").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
          args = map;
        }
        out.add(new Reason(text(n, "code"), text(n, "message"), n.hasNonNull("filterId") ? n.get("filterId").asLong() : null,
            text(n, "action"), text(n, "key"), args));
      }
      return List.copyOf(out);
    } catch (JsonProcessingException | RuntimeException e) {
      return List.of();
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The facts as stored with a decision (ISO-8601 instants). */
  static String factsJson(AuthorFacts f) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    n.put("accountCreated", f.accountCreated() == null ? null : f.accountCreated().toString());
    n.put("memberSince", f.memberSince() == null ? null : f.memberSince().toString());
    n.put("acceptedPosts", f.acceptedPosts());
    n.put("lastPostAt", f.lastPostAt() == null ? null : f.lastPostAt().toString());
    n.put("domainLimited", f.domainLimited());
    if (f.skipProbation() || f.skipSlowMode()) {
      n.put("skipProbation", f.skipProbation()).put("skipSlowMode", f.skipSlowMode());
    }
    return n.toString();
  }

  /** Stored facts, or null when unreadable. */
  static AuthorFacts facts(String json) {
    try {
      JsonNode n = JsonLimits.MAPPER.readTree(json);
      return new AuthorFacts(instant(n.get("accountCreated")), instant(n.get("memberSince")), n.path("acceptedPosts").asLong(0),
          instant(n.get("lastPostAt")), n.path("domainLimited").asBoolean(false), n.path("skipProbation").asBoolean(false),
          n.path("skipSlowMode").asBoolean(false));
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  private static Instant instant(JsonNode v) {
    return v == null || !v.isTextual() ? null : Instant.parse(v.asText());
  }
}
