package social.hearth.core.moderation;

import social.hearth.core.port.Tx;
import social.hearth.db.PgTx;
import social.hearth.core.domain.Post;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import social.hearth.core.port.PostStore;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.port.Deliveries;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.Actors;
import social.hearth.core.text.Html;

/**
 * Reports: Flags from other servers and reports members send the community by direct message. A moderator resolves
 * one with an action (remove the posts, remove or ban the member, or dismiss), may forward it to the reported
 * account's server as a Flag, and the reporter is told the outcome by direct message.
 */
public final class Reports {

  /** What a moderator does with a report. */
  public enum Action { REMOVE_POST, REMOVE_MEMBER, BAN_MEMBER, DISMISS }

  /** A direct message is a report when it starts with one of these words (English and Russian). */
  static final Pattern REPORT_WORDS = Pattern.compile("^\\s*(report|flag|жалоба|пожаловаться)\\b", Pattern.CASE_INSENSITIVE
      | Pattern.UNICODE_CASE);

  private final Pool pool;
  private final PostStore posts;
  private final CommunityService communities;
  private final Membership membership;
  private final Moderation moderation;
  private final Actors actors;
  private final Outbound outbound;
  private final Deliveries delivery;
  private final AuditLog audit;

  public Reports(Pool pool, PostStore posts, CommunityService communities, Membership membership,
                 Moderation moderation, Actors actors, Outbound outbound, Deliveries delivery, AuditLog audit) {
    this.pool = pool;
    this.posts = posts;
    this.communities = communities;
    this.membership = membership;
    this.moderation = moderation;
    this.actors = actors;
    this.outbound = outbound;
    this.delivery = delivery;
    this.audit = audit;
  }

  /**
   * A direct message that reports something: "report <link to a post> why". The linked posts of this community
   * (and their authors) become the report's subject. Returns "report" when it was one.
   */
  public Future<Optional<String>> fromMessage(Community c, RemoteActor from, String html, String messageId) {
    String text = Html.text(html);
    if (!REPORT_WORDS.matcher(text).find()) {
      return Future.succeededFuture(Optional.empty());
    }
    Set<String> links = new LinkedHashSet<>();
    for (Element a : Jsoup.parse(html == null ? "" : html).select("a[href]")) {
      String href = a.attr("href");
      if ((href.startsWith("https://") || href.startsWith("http://")) && links.size() < 20) {
        links.add(href);
      }
    }
    List<Future<List<Post>>> lookups = new ArrayList<>();
    for (String link : links) {
      lookups.add(posts.inCommunity(c.id(), link).map(p -> p.filter(x -> !x.deleted()).map(List::of).orElse(List.of())));
    }
    return Future.all(lookups).compose(done -> {
      List<String> reported = new ArrayList<>();
      Set<String> accounts = new LinkedHashSet<>();
      for (Future<List<Post>> f : lookups) {
        for (Post p : f.result()) {
          reported.add(p.objectId());
          accounts.add(p.authorId());
        }
      }
      String comment = text.length() > 5000 ? text.substring(0, 5000) : text;
      return pool.preparedQuery("INSERT INTO reports (flag_id, community_id, reporter_id, accounts, objects, comment, source) "
              + "VALUES ($1, $2, $3, $4, $5, $6, 'message') ON CONFLICT (flag_id) DO NOTHING")
          .execute(Tuple.of(messageId, c.id(), from.id(), accounts.toArray(new String[0]), reported.toArray(new String[0]), comment))
          .map(r -> Optional.of("report"));
    });
  }

  public Future<ArrayNode> list(Long communityId, String state, int limit) {
    return pool.preparedQuery("SELECT r.id, c.slug, r.reporter_id, r.accounts, r.objects, r.comment, r.state, r.source, "
            + "r.created_at, r.resolution, r.resolved_by, r.resolved_at, r.forwarded FROM reports r "
            + "LEFT JOIN communities c ON c.id = r.community_id WHERE ($1::bigint IS NULL OR r.community_id = $1) "
            + "AND r.state = $2 ORDER BY r.id LIMIT $3")
        .execute(Tuple.of(communityId, state, limit)).map(rows -> {
          ArrayNode out = JsonLimits.MAPPER.createArrayNode();
          for (Row r : rows) {
            ObjectNode n = out.addObject().put("id", r.getLong(0)).put("community", r.getString(1)).put("reporter", r.getString(2))
                .put("comment", r.getString(5)).put("state", r.getString(6)).put("source", r.getString(7))
                .put("createdAt", r.getOffsetDateTime(8).toInstant().toString()).put("resolution", r.getString(9))
                .put("resolvedBy", r.getString(10)).put("forwarded", r.getBoolean(12));
            ArrayNode accounts = n.putArray("accounts");
            for (String a : r.getArrayOfStrings(3)) {
              accounts.add(a);
            }
            ArrayNode objects = n.putArray("objects");
            for (String o : r.getArrayOfStrings(4)) {
              objects.add(o);
            }
          }
          return out;
        });
  }

  /** Resolves an open report. */
  public Future<ObjectNode> resolve(long reportId, Action action, boolean forward, String note, String byWhom) {
    if (note != null && note.length() > 1000) {
      return Future.failedFuture(CoreException.badRequest("note must be at most 1000 characters"));
    }
    return pool.preparedQuery("SELECT community_id, reporter_id, accounts, objects, state FROM reports WHERE id = $1")
        .execute(Tuple.of(reportId)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(CoreException.notFound("no such report"));
          }
          Row r = rows.iterator().next();
          if (!r.getString(4).equals("open")) {
            return Future.failedFuture(CoreException.conflict("this report was already resolved"));
          }
          Long communityId = r.getLong(0);
          String reporter = r.getString(1);
          List<String> accounts = List.of(r.getArrayOfStrings(2));
          List<String> objects = List.of(r.getArrayOfStrings(3));
          if (communityId == null && action != Action.DISMISS) {
            return Future.failedFuture(CoreException.badRequest("this report concerns no community here: only dismiss applies"));
          }
          Future<Optional<Community>> community = communityId == null ? Future.succeededFuture(Optional.empty())
              : communities.byId(communityId);
          return community.compose(c -> act(c.orElse(null), action, accounts, objects, note, byWhom)
              .compose(v -> forward ? forward(accounts, objects, note) : Future.succeededFuture())
              .compose(v -> pool.preparedQuery("UPDATE reports SET state = $2, resolution = $3, resolved_by = $4, resolved_at = now(), "
                      + "forwarded = $5 WHERE id = $1")
                  .execute(Tuple.of(reportId, action == Action.DISMISS ? "dismissed" : "resolved",
                      action.name().toLowerCase(java.util.Locale.ROOT), byWhom, forward)))
              .compose(v -> audit.record(PgTx.autoCommit(pool), communityId, byWhom, "report." + action.name().toLowerCase(java.util.Locale.ROOT),
                  "report #" + reportId, note, null, JsonLimits.MAPPER.createObjectNode().put("forwarded", forward)))
              .compose(v -> c.isEmpty() ? Future.succeededFuture() : tellReporter(c.get(), reporter, action))
              .map(v -> JsonLimits.MAPPER.createObjectNode().put("id", reportId)
                  .put("state", action == Action.DISMISS ? "dismissed" : "resolved")));
        });
  }

  private Future<Void> act(Community c, Action action, List<String> accounts, List<String> objects, String note, String byWhom) {
    return switch (action) {
      case DISMISS -> Future.succeededFuture();
      case REMOVE_POST -> {
        Future<Void> chain = Future.succeededFuture();
        for (String o : objects) {
          chain = chain.compose(v -> moderation.removePost(c, o, note, byWhom).recover(e -> Future.<Void>succeededFuture()));
        }
        yield chain;
      }
      case REMOVE_MEMBER, BAN_MEMBER -> {
        if (accounts.isEmpty()) {
          yield Future.failedFuture(CoreException.badRequest("this report names no account"));
        }
        Future<Void> chain = Future.succeededFuture();
        for (String a : accounts) {
          chain = chain.compose(v -> action == Action.BAN_MEMBER ? membership.ban(c, a, note, null, byWhom)
              : membership.remove(c, a, note, byWhom).recover(e -> Future.<Void>succeededFuture()));
        }
        yield chain;
      }
    };
  }

  /** Forwards the report to each reported account's server, as a Flag from the instance actor. */
  private Future<Void> forward(List<String> accounts, List<String> objects, String note) {
    Future<Void> chain = Future.succeededFuture();
    for (String account : accounts) {
      chain = chain.compose(v -> actors.get(account).compose(who -> PgTx.transactions(pool).inTransaction(tx -> outbound.flag(tx, who,
          objects.stream().filter(o -> social.hearth.federation.vocab.Normalizer.sameOrigin(o, account)).toList(), note))));
    }
    return chain.onSuccess(v -> delivery.wake());
  }

  private Future<Void> tellReporter(Community c, String reporter, Action action) {
    String outcome = switch (action) {
      case DISMISS -> "The moderators looked at it and decided no action was needed.";
      case REMOVE_POST -> "The moderators removed the post.";
      case REMOVE_MEMBER -> "The moderators removed the member from the community.";
      case BAN_MEMBER -> "The moderators banned the account from the community.";
    };
    return actors.get(reporter).compose(who -> {
      if (!"Person".equals(who.type())) {
        return Future.<Void>succeededFuture(); // an instance actor (Mastodon's forwarded reports) has no one to read it
      }
      return PgTx.transactions(pool).inTransaction(tx -> outbound.directMessage(tx, c, who, "<p>Thank you for your report to "
          + Html.escape(c.name()) + ". " + outcome + "</p>", "report-outcome", null)).onSuccess(x -> delivery.wake()).<Void>mapEmpty();
    }).recover(e -> Future.<Void>succeededFuture());
  }
}
