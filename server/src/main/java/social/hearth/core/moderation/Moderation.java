package social.hearth.core.moderation;

import social.hearth.core.port.Tx;
import social.hearth.db.PgTx;
import social.hearth.core.domain.Post;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.port.NoteStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.core.CoreException;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.Outbound;
import social.hearth.core.publishing.Publishing;
import social.hearth.core.port.Actors;
import social.hearth.core.text.Html;

/**
 * The moderation pass and the moderation queue. Every incoming post, update and like is reviewed by the filter chain;
 * the decision, every reason and the facts the filters saw are stored with it ("why was this held?"). Held items wait
 * in the queue for a moderator to approve (published then) or decline (optionally telling the author why).
 */
public final class Moderation {

  private static final Logger LOG = LoggerFactory.getLogger(Moderation.class);

  /** A reviewed item: its id in the queue and the verdict. */
  public record Review(long itemId, Verdict verdict, boolean fresh) {
    public boolean accepted() {
      return verdict.decision() == Verdict.Decision.ACCEPT;
    }
  }

  private final Pool pool;
  private final Filters filters;
  private final DomainPolicies domains;
  private final AuditLog audit;
  private final PostStore posts;
  private final NoteStore notes;
  private final Actors actors;
  private final Outbound outbound;
  private final Publishing publishing;
  private final Deliveries delivery;
  private final Clock clock;
  private final social.hearth.core.port.PostReader reader;

  public Moderation(Pool pool, Filters filters, DomainPolicies domains, AuditLog audit, PostStore posts, NoteStore notes, Actors actors, Outbound outbound, Publishing publishing,
                    social.hearth.core.port.PostReader reader, Deliveries delivery, Clock clock) {
    this.reader = reader;
    this.pool = pool;
    this.filters = filters;
    this.domains = domains;
    this.audit = audit;
    this.posts = posts;
    this.notes = notes;
    this.actors = actors;
    this.outbound = outbound;
    this.publishing = publishing;
    this.delivery = delivery;
    this.clock = clock;
  }

  public Filters filters() {
    return filters;
  }

  public AuditLog audit() {
    return audit;
  }

  public DomainPolicies domains() {
    return domains;
  }

  // ------------------------------------------------------------------ the pass

  /**
   * Reviews a post, update or like for a community. Idempotent: an activity already reviewed keeps its first
   * decision (a crash between review and publishing re-runs publishing only).
   */
  public Future<Review> review(Community c, Submission s, String activityId, String objectId, JsonNode activity,
                               JsonNode object) {
    return facts(c, s).compose(facts -> filters.active(c.id()).compose(rules -> {
      Instant now = clock.instant();
      Verdict verdict = FilterChain.evaluate(s, facts, c, rules, now);
      String state = switch (verdict.decision()) {
        case ACCEPT -> "accepted";
        case HOLD -> "held";
        case REJECT -> "rejected";
      };
      return pool.preparedQuery("INSERT INTO moderation_items (community_id, activity_id, kind, object_id, author_id, activity, "
              + "object, decision, reasons, facts, state) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, "
              + "$9::text::jsonb, $10::text::jsonb, $11) ON CONFLICT (community_id, activity_id) DO NOTHING RETURNING id")
          .execute(Tuple.from(new Object[] {c.id(), activityId, s.kind().name().toLowerCase(Locale.ROOT), objectId,
              s.authorId(), activity.toString(), object == null ? null : object.toString(),
              verdict.decision().name().toLowerCase(Locale.ROOT), JsonLimits.MAPPER.valueToTree(verdict.reasons()).toString(),
              facts.toJson().toString(), state}))
          .compose(rows -> {
            if (rows.size() == 0) {
              return existing(c.id(), activityId);
            }
            long id = rows.iterator().next().getLong(0);
            Review review = new Review(id, verdict, true);
            if (verdict.decision() == Verdict.Decision.ACCEPT) {
              return Future.succeededFuture(review);
            }
            return afterAutomaticDecision(c, s, review).map(review);
          });
    }));
  }

  private Future<Review> existing(long communityId, String activityId) {
    return pool.preparedQuery("SELECT id, decision, reasons::text, state FROM moderation_items WHERE community_id = $1 AND activity_id = $2")
        .execute(Tuple.of(communityId, activityId)).map(rows -> {
          Row r = rows.iterator().next();
          boolean publishable = r.getString(3).equals("accepted") || r.getString(3).equals("approved");
          Verdict v = new Verdict(publishable ? Verdict.Decision.ACCEPT
              : Verdict.Decision.valueOf(r.getString(1).toUpperCase(Locale.ROOT)), reasons(r.getString(2)));
          return new Review(r.getLong(0), v, false);
        });
  }

  private static List<Reason> reasons(String json) {
    try {
      return List.of(JsonLimits.MAPPER.readValue(json, Reason[].class));
    } catch (Exception e) {
      return List.of();
    }
  }

  /** Audit every automatic hold or refusal; tell authors on probation once that their post waits for review. */
  private Future<Void> afterAutomaticDecision(Community c, Submission s, Review review) {
    Reason first = review.verdict().reasons().get(0);
    String all = String.join("; ", review.verdict().reasons().stream().map(Reason::message).toList());
    Future<Void> logged = audit.record(PgTx.autoCommit(pool), c.id(), "system", "auto." + review.verdict().decision().name().toLowerCase(Locale.ROOT),
        s.authorId(), all, first.code() + (first.filterId() == null ? "" : "#" + first.filterId()),
        JsonLimits.MAPPER.createObjectNode().put("item", review.itemId()));
    boolean probation = review.verdict().decision() == Verdict.Decision.HOLD
        && review.verdict().reasons().stream().anyMatch(r -> r.code().equals("probation"));
    if (!probation || s.kind() != Submission.Kind.POST) {
      return logged;
    }
    return logged.compose(v -> notes.sent(c.id(), s.authorId(), "probation")).compose(sent -> sent ? Future.succeededFuture()
        : actors.get(s.authorId()).compose(who -> PgTx.transactions(pool).inTransaction(tx -> outbound.directMessage(tx, c, who,
            "<p>Thank you for posting in " + Html.escape(c.name()) + "! New members' first posts are read by a moderator "
                + "before everyone sees them; yours will appear as soon as it is approved.</p>", "probation", null)))
            .onSuccess(x -> delivery.wake()).mapEmpty());
  }

  private Future<AuthorFacts> facts(Community c, Submission s) {
    return pool.preparedQuery("SELECT (SELECT document->>'published' FROM remote_actors WHERE id = $2), "
            + "(SELECT accepted_at FROM members WHERE community_id = $1 AND actor_id = $2 AND state = 'accepted'), "
            + "(SELECT count(*) FROM moderation_items WHERE community_id = $1 AND author_id = $2 AND kind = 'post' "
            + "AND state IN ('accepted', 'approved')), "
            + "(SELECT max(created_at) FROM moderation_items WHERE community_id = $1 AND author_id = $2 AND kind = 'post' "
            + "AND state IN ('accepted', 'approved', 'held'))")
        .execute(Tuple.of(c.id(), s.authorId())).map(rows -> {
          Row r = rows.iterator().next();
          Instant published = null;
          try {
            published = r.getString(0) == null ? null : OffsetDateTime.parse(r.getString(0)).toInstant();
          } catch (RuntimeException ignored) {
            // an unreadable date is an unknown one
          }
          return new AuthorFacts(published, r.getOffsetDateTime(1) == null ? null : r.getOffsetDateTime(1).toInstant(),
              r.getLong(2), r.getOffsetDateTime(3) == null ? null : r.getOffsetDateTime(3).toInstant(),
              domains.limited(s.authorHost()));
        });
  }

  // ------------------------------------------------------------------ the queue

  public Future<ArrayNode> queue(long communityId, String state, int limit) {
    return pool.preparedQuery("SELECT id, kind, object_id, author_id, object->>'content', object->>'summary', reasons::text, "
            + "state, created_at, decided_by, decided_at FROM moderation_items WHERE community_id = $1 AND state = $2 "
            + "ORDER BY id LIMIT $3").execute(Tuple.of(communityId, state, limit))
        .map(rows -> {
          ArrayNode out = JsonLimits.MAPPER.createArrayNode();
          for (Row r : rows) {
            ObjectNode n = out.addObject().put("id", r.getLong(0)).put("kind", r.getString(1)).put("object", r.getString(2))
                .put("author", r.getString(3)).put("content", Html.sanitize(r.getString(4))).put("summary", r.getString(5))
                .put("state", r.getString(7)).put("createdAt", r.getOffsetDateTime(8).toInstant().toString());
            n.put("decidedBy", r.getString(9));
            try {
              n.set("reasons", JsonLimits.MAPPER.readTree(r.getString(6)));
            } catch (Exception e) {
              n.putArray("reasons");
            }
          }
          return out;
        });
  }

  private record Item(long id, long communityId, String kind, String objectId, String authorId, JsonNode activity,
                      JsonNode object, String state) {}

  private Future<Item> held(Community c, long itemId) {
    return pool.preparedQuery("SELECT id, community_id, kind, object_id, author_id, activity::text, object::text, state "
            + "FROM moderation_items WHERE id = $1 AND community_id = $2").execute(Tuple.of(itemId, c.id()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(CoreException.notFound("no such item in this community's queue"));
          }
          Row r = rows.iterator().next();
          if (!r.getString(7).equals("held")) {
            return Future.failedFuture(CoreException.conflict("this item was already decided (" + r.getString(7) + ")"));
          }
          try {
            return Future.succeededFuture(new Item(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                JsonLimits.MAPPER.readTree(r.getString(5)), r.getString(6) == null ? null : JsonLimits.MAPPER.readTree(r.getString(6)),
                r.getString(7)));
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        });
  }

  private Future<Boolean> decide(Item item, String state, String byWhom) {
    return pool.preparedQuery("UPDATE moderation_items SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND state = 'held'")
        .execute(Tuple.of(item.id(), state, byWhom)).map(r -> r.rowCount() > 0);
  }

  /** Approves a held item: it is published now, exactly as if the filters had let it through. */
  public Future<Void> approve(Community c, long itemId, String byWhom) {
    return held(c, itemId).compose(item -> decide(item, "approved", byWhom).compose(won -> {
      if (!won) {
        return Future.failedFuture(CoreException.conflict("this item was just decided by someone else"));
      }
      return publish(c, item).compose(v -> audit.record(PgTx.autoCommit(pool), c.id(), byWhom, "queue.approve", item.objectId(), null, null,
          JsonLimits.MAPPER.createObjectNode().put("item", item.id())));
    }));
  }

  private Future<Void> publish(Community c, Item item) {
    social.hearth.core.domain.Verbatim activity = new social.hearth.core.domain.Verbatim(
        Normalizer.firstText(item.activity().get("id")), item.activity().toString());
    if (item.kind().equals("like")) {
      return publishing.like(c, activity.id(), item.objectId(), item.authorId(), activity);
    }
    Optional<social.hearth.core.domain.ReceivedPost> read = item.object() == null ? Optional.empty()
        : reader.read(new social.hearth.core.domain.Verbatim(item.objectId(), item.object().toString()));
    if (read.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("stored item " + item.id() + " is unreadable"));
    }
    social.hearth.core.domain.ReceivedPost post = read.get();
    if (item.kind().equals("post")) {
      return publishing.publish(c, post, activity);
    }
    return posts.inCommunity(c.id(), post.id()).compose(copy -> copy.isEmpty() || copy.get().deleted()
        ? Future.succeededFuture() : publishing.update(c, copy.get(), post, activity));
  }

  /**
   * Declines a held item. With a {@code notice}, the author gets it as a direct message from the community: a
   * rejection notice saying why.
   */
  public Future<Void> decline(Community c, long itemId, String notice, String byWhom) {
    if (notice != null && notice.length() > 1000) {
      return Future.failedFuture(CoreException.badRequest("a rejection notice may have at most 1000 characters"));
    }
    return held(c, itemId).compose(item -> decide(item, "declined", byWhom).compose(won -> {
      if (!won) {
        return Future.failedFuture(CoreException.conflict("this item was just decided by someone else"));
      }
      Future<Void> told = notice == null || notice.isBlank() ? Future.succeededFuture()
          : actors.get(item.authorId()).compose(who -> PgTx.transactions(pool).inTransaction(tx -> outbound.directMessage(tx, c, who,
              "<p>Your post in " + Html.escape(c.name()) + " was not accepted by the moderators.</p><p>"
                  + Html.escape(notice.strip()) + "</p>" + (item.objectId() == null ? "" : "<p><a href=\""
                  + Html.escape(item.objectId()) + "\">" + Html.escape(item.objectId()) + "</a></p>"),
              "rejection", item.objectId())).onSuccess(x -> delivery.wake()).mapEmpty());
      return told.compose(v -> audit.record(PgTx.autoCommit(pool), c.id(), byWhom, "queue.reject", item.objectId(), notice, null,
          JsonLimits.MAPPER.createObjectNode().put("item", item.id()).put("noticeSent", notice != null && !notice.isBlank())));
    }));
  }

  /**
   * Removes a re-shared post: a tombstone here, Undo{Announce} to Mastodon-family servers, Announce{Delete} to
   * group-aware ones. It no longer appears anywhere in Hearth.
   */
  public Future<Void> removePost(Community c, String objectId, String reason, String byWhom) {
    return posts.inCommunity(c.id(), objectId).compose(post -> {
      if (post.isEmpty() || post.get().deleted()) {
        return Future.failedFuture(CoreException.notFound("the community has no such post"));
      }
      Post p = post.get();
      return PgTx.transactions(pool).inTransaction(tx -> posts.tombstone(tx, p.id())
              .compose(v -> posts.unpin(tx, c.id(), objectId))
              .compose(v -> outbound.removal(tx, c, objectId, p.announceIri()))
              .compose(v -> audit.record(tx, c.id(), byWhom, "post.remove", objectId, reason, null,
                  JsonLimits.MAPPER.createObjectNode().put("author", p.authorId()))))
          .onSuccess(v -> delivery.wake());
    });
  }

  // ------------------------------------------------------------------ dry-run

  /**
   * Runs a new or changed rule over the community's last {@code days} of incoming posts and says what it would have
   * held or refused. Nothing is changed.
   */
  public Future<ObjectNode> dryRun(Community c, String kind, JsonNode config, String action, int days) {
    FilterRule rule = Filters.compileOr400(kind, config, action);
    return pool.preparedQuery("SELECT id, object_id, author_id, object::text, facts::text, state, created_at, kind "
            + "FROM moderation_items WHERE community_id = $1 AND kind IN ('post', 'update') AND object IS NOT NULL "
            + "AND created_at >= now() - $2 * interval '1 day' ORDER BY id DESC LIMIT 5000")
        .execute(Tuple.of(c.id(), days)).map(rows -> {
          ObjectNode out = JsonLimits.MAPPER.createObjectNode();
          ArrayNode matches = JsonLimits.MAPPER.createArrayNode();
          int examined = 0;
          int matched = 0;
          for (Row r : rows) {
            examined++;
            try {
              JsonNode object = JsonLimits.MAPPER.readTree(r.getString(3));
              ApObject post = Normalizer.object(object);
              AuthorFacts facts = AuthorFacts.fromJson(JsonLimits.MAPPER.readTree(r.getString(4)));
              Submission s = FilterChain.submission("post".equals(r.getString(7)) ? Submission.Kind.POST : Submission.Kind.UPDATE,
                  post, object, social.hearth.core.moderation.DomainNames.hostOf(r.getString(2)));
              Optional<Reason> reason = rule.check(s, facts, c, r.getOffsetDateTime(6).toInstant());
              if (reason.isPresent()) {
                matched++;
                if (matches.size() < 200) {
                  matches.addObject().put("item", r.getLong(0)).put("object", r.getString(1)).put("author", r.getString(2))
                      .put("was", r.getString(5)).put("wouldBe", action.equals("hold") ? "held" : "rejected")
                      .put("reason", reason.get().message()).put("receivedAt", r.getOffsetDateTime(6).toInstant().toString())
                      .put("excerpt", excerpt(post));
                }
              }
            } catch (Exception e) {
              LOG.debug("dry-run skipped item {}: {}", r.getLong(0), e.getMessage());
            }
          }
          out.put("days", days).put("examined", examined).put("matched", matched);
          out.set("matches", matches);
          return out;
        });
  }

  private static String excerpt(ApObject post) {
    String text = Html.text(post.content());
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
