package social.hearth.core.audit;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.AuditStore;
import social.hearth.core.port.Tx;

/**
 * Who did what, when, why and under which rule: every automatic decision that held or refused something and every
 * staff action. {@code actor} is "system" for automatic decisions, "admin" for the admin token, or a staff username.
 */
public final class AuditLog {

  /** A query over the log; null fields do not filter. */
  public record Query(Long communityId, String actor, String action, String target, OffsetDateTime since, int limit) {}

  /** A community's invite link created or revoked (the codes of actions the adapters record themselves). */
  public static final String INVITE_CREATED = "invite.created";
  public static final String INVITE_REVOKED = "invite.revoked";

  private final AuditStore store;

  public AuditLog(AuditStore store) {
    this.store = store;
  }

  /** A log that keeps nothing, for adapters tested without a database. */
  public static AuditLog discarding() {
    return new AuditLog(null);
  }

  /** Details of an entry from name, value pairs (numbers, booleans, text; nulls kept). */
  public static Map<String, Object> detail(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  /** Appends a line in the caller's transaction. */
  public Future<Void> record(Tx tx, Long communityId, String actor, String action, String target, String reason,
                             String rule, Map<String, Object> detail) {
    return store == null ? Future.succeededFuture() : store.record(tx, communityId, actor, action, target, reason, rule, detail);
  }

  /** Appends a line on its own. */
  public Future<Void> record(Long communityId, String actor, String action, String target, String reason, String rule,
                             Map<String, Object> detail) {
    return store == null ? Future.succeededFuture() : store.record(communityId, actor, action, target, reason, rule, detail);
  }

  public Future<Void> record(Long communityId, String actor, String action, String target, String reason) {
    return record(communityId, actor, action, target, reason, null, null);
  }

  public Future<List<AuditEntry>> query(Query q) {
    return store.query(q.communityId(), q.actor(), q.action(), q.target(), q.since(), q.limit());
  }

  /** The readable log: entries with the names they mention, newest first. */
  public Future<List<AuditStore.Named>> search(AuditStore.Search q) {
    return store.search(q);
  }

  /**
   * Records a staff action once {@code done} has succeeded (for use cases with no transaction of their own), and
   * passes its result on. Nothing is recorded when it failed.
   */
  public <T> Future<T> after(Future<T> done, Long communityId, String actor, String action, String target,
                             Map<String, Object> detail) {
    return done.compose(result -> record(communityId, actor, action, target, null, null, detail).map(result));
  }

  /** As {@link #after}, for a change that answers whether it happened: recorded only when it did. */
  public Future<Boolean> ifDone(Future<Boolean> done, Long communityId, String actor, String action, String target,
                                Map<String, Object> detail) {
    return done.compose(happened -> !happened ? Future.succeededFuture(false)
        : record(communityId, actor, action, target, null, null, detail).map(true));
  }

  /** Records a filter created or changed once it is saved, and passes it on. */
  public Future<Filter> filterSaved(long communityId, String actor, boolean created, Future<Filter> saved) {
    return saved.compose(f -> record(communityId, actor, created ? "filter.created" : "filter.changed", "filter #" + f.id(),
        null, null, detail("id", f.id(), "filterKind", f.kind(), "filterAction", f.action(), "enabled", f.enabled())).map(f));
  }

  /** Records a filter deleted, when it was. */
  public Future<Boolean> filterDeleted(long communityId, String actor, long id, Future<Boolean> done) {
    return ifDone(done, communityId, actor, "filter.deleted", "filter #" + id, detail("id", id));
  }

  /** One entry per rule added, changed or deleted when a community's rules were replaced by {@code after}. */
  public Future<Void> rulesChanged(long communityId, String actor, List<Rule> before, List<Rule> after) {
    List<Future<Void>> done = new ArrayList<>();
    for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
      Rule was = i < before.size() ? before.get(i) : null;
      Rule now = i < after.size() ? after.get(i) : null;
      if (Objects.equals(was, now)) {
        continue;
      }
      String action = was == null ? "rule.created" : now == null ? "rule.deleted" : "rule.changed";
      Rule shown = now == null ? was : now;
      done.add(record(communityId, actor, action, "rule #" + (i + 1), null, null,
          detail("n", i + 1, "title", shown.text(), "consequence", shown.consequence())));
    }
    return Future.all(done).mapEmpty();
  }

  /** One entry per topic (hashtag) added, changed or removed when a community's topics were replaced. */
  public Future<Void> topicsChanged(long communityId, String actor, List<Topic> before, List<Topic> after) {
    Map<String, String> was = new LinkedHashMap<>();
    before.forEach(t -> was.put(t.tag(), t.description()));
    Map<String, String> now = new LinkedHashMap<>();
    after.forEach(t -> now.put(t.tag(), t.description()));
    List<Future<Void>> done = new ArrayList<>();
    now.forEach((tag, description) -> {
      if (!was.containsKey(tag) || !Objects.equals(was.get(tag), description)) {
        done.add(record(communityId, actor, was.containsKey(tag) ? "topic.changed" : "topic.created", "#" + tag, null,
            null, detail("tag", tag, "description", description)));
      }
    });
    was.keySet().stream().filter(tag -> !now.containsKey(tag)).forEach(tag -> done.add(record(communityId, actor,
        "topic.deleted", "#" + tag, null, null, detail("tag", tag))));
    return Future.all(done).mapEmpty();
  }

  /** An entry naming the settings that differ between {@code before} and {@code after} (none: nothing recorded). */
  public Future<Community> settingsChanged(String actor, Community before, Community after) {
    List<String> fields = new ArrayList<>();
    compare(fields, "name", before.name(), after.name());
    compare(fields, "summary", before.summary(), after.summary());
    compare(fields, "joinPolicy", before.joinPolicy(), after.joinPolicy());
    compare(fields, "postingPolicy", before.postingPolicy(), after.postingPolicy());
    compare(fields, "membersMayReply", before.membersMayReply(), after.membersMayReply());
    compare(fields, "announceLikes", before.announceLikes(), after.announceLikes());
    compare(fields, "hideFollowers", before.hideFollowers(), after.hideFollowers());
    compare(fields, "joinQuestion", before.joinQuestion(), after.joinQuestion());
    compare(fields, "welcomeMessage", before.welcomeMarkdown(), after.welcomeMarkdown());
    compare(fields, "newcomerDays", before.newcomerDays(), after.newcomerDays());
    compare(fields, "reminderDays", before.reminderDays(), after.reminderDays());
    compare(fields, "language", before.language(), after.language());
    compare(fields, "canQuote", before.canQuote(), after.canQuote());
    compare(fields, "visibility", before.visibility(), after.visibility());
    if (fields.isEmpty()) {
      return Future.succeededFuture(after);
    }
    return record(after.id(), actor, "settings.changed", after.slug(), null, null,
        detail("fields", String.join(",", fields))).map(after);
  }

  private static void compare(List<String> fields, String name, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      fields.add(name);
    }
  }
}
