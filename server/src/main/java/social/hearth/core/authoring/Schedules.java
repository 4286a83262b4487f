package social.hearth.core.authoring;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostSchedule;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.port.ScheduleStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.util.Keys;

/**
 * Recurring rubric posts ("every Monday 10:00: #introductions, tell us who you are"): a text and a rule
 * ({@link Recurrence}) in the community's time zone. Each occurrence, when due, becomes a post of its own, due at
 * once, which {@link Publisher} publishes; an occurrence belongs to the one node whose conditional update of the
 * schedule's next occurrence succeeds, so it is published once. An occurrence missed by more than
 * {@link #LATEST} (no node was running) is skipped rather than published late.
 */
public final class Schedules {

  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
  /** The latest an occurrence is still published. */
  static final Duration LATEST = Duration.ofHours(1);
  /** The most schedules one community has. */
  public static final int MAX_PER_COMMUNITY = 50;

  /** What staff send for a recurring post. */
  public record Draft(String content, String summary, String language, String as, String rrule, String timezone) {}

  private final TransactionalOutbox out;
  private final ScheduleStore store;
  private final AuthoredPostStore posts;
  private final CommunityService communities;
  private final Writing writing;
  private final AuditLog audit;
  private final Clock clock;

  public Schedules(TransactionalOutbox out, ScheduleStore store, AuthoredPostStore posts, CommunityService communities,
                   Writing writing, AuditLog audit, Clock clock) {
    this.out = out;
    this.store = store;
    this.posts = posts;
    this.communities = communities;
    this.writing = writing;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<PostSchedule> create(Community c, Draft d, String by) {
    String content;
    String summary;
    String language;
    Recurrence rule;
    ZoneId zone;
    OffsetDateTime first;
    try {
      content = Writing.content(d.content());
      summary = Writing.summary(d.summary());
      language = Writing.language(d.language());
      rule = Recurrence.parse(d.rrule());
      zone = Recurrence.zone(d.timezone());
      OffsetDateTime now = OffsetDateTime.now(clock);
      first = rule.next(zone, now, now);
      if (first == null) {
        throw CoreException.badRequest("rrule has no occurrence in the next " + Recurrence.YEARS_AHEAD + " years");
      }
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return store.list(c.id()).compose(existing -> existing.size() >= MAX_PER_COMMUNITY
            ? Future.failedFuture(CoreException.conflict("a community can have at most " + MAX_PER_COMMUNITY + " schedules"))
            : writing.author(c, d.as()))
        .compose(author -> writing.render(c, content).compose(rendered -> store.insert(new ScheduleStore.NewSchedule(
            Keys.newKey(), c.id(), author, content, summary, language, rendered.body(),
            d.rrule().strip().toUpperCase(java.util.Locale.ROOT), zone.getId(), first, by))))
        .compose(s -> audit.record(c.id(), by, "schedule.create", s.key(), null, null,
            AuditLog.detail("rrule", s.rrule(), "timezone", s.timezone())).map(s));
  }

  public Future<List<PostSchedule>> list(Community c) {
    return store.list(c.id());
  }

  public Future<PostSchedule> get(Community c, String key) {
    return store.byKey(c.id(), key).compose(s -> s.isEmpty()
        ? Future.failedFuture(CoreException.notFound("the community has no schedule " + key))
        : Future.succeededFuture(s.get()));
  }

  /** Pauses or resumes a schedule; a resumed one goes on from its next occurrence after now. */
  public Future<PostSchedule> setPaused(Community c, String key, boolean paused, String by) {
    return get(c, key).compose(s -> {
      OffsetDateTime now = OffsetDateTime.now(clock);
      OffsetDateTime next = paused ? s.nextAt()
          : Recurrence.parse(s.rrule()).next(ZoneId.of(s.timezone()), s.createdAt(), now);
      return store.setPaused(s.id(), paused, next)
          .compose(x -> audit.record(c.id(), by, paused ? "schedule.pause" : "schedule.resume", key, null))
          .compose(x -> get(c, key));
    });
  }

  public Future<Void> delete(Community c, String key, String by) {
    return get(c, key).compose(s -> store.delete(s.id()))
        .compose(x -> audit.record(c.id(), by, "schedule.delete", key, null));
  }

  /** Turns every due occurrence into a post due now; completes with how many it made. */
  public Future<Integer> materializeDue() {
    return store.due(Publisher.BATCH).compose(due -> {
      List<Future<Boolean>> each = new ArrayList<>();
      for (PostSchedule s : due) {
        each.add(communities.byId(s.communityId()).compose(c -> c.isEmpty() ? Future.succeededFuture(false)
            : occur(c.get(), s)).recover(e -> {
              LOG.warn("schedule {} failed: {}", s.key(), e.toString());
              return Future.succeededFuture(false);
            }));
      }
      return Future.join(each).map(x -> (int) each.stream().filter(f -> f.succeeded() && f.result()).count());
    });
  }

  private Future<Boolean> occur(Community c, PostSchedule s) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime at = s.nextAt();
    boolean late = at.isBefore(now.minus(LATEST));
    OffsetDateTime next = Recurrence.parse(s.rrule()).next(ZoneId.of(s.timezone()), s.createdAt(),
        at.isAfter(now) ? at : now);
    String key = Keys.newKey();
    return out.inTransaction(tx -> store.advance(tx, s.id(), at, next).compose(won -> {
      if (!won || late) {
        if (won) {
          LOG.info("schedule {} skipped its occurrence at {}: no node ran then", s.key(), at);
        }
        return Future.succeededFuture(false);
      }
      return posts.insert(tx, new AuthoredPostStore.NewPost(key, c.id(), s.author(), writing.notes().postIri(key),
              s.markdown(), s.summary(), s.language(), s.body(), false, AuthoredPost.State.SCHEDULED, at, s.id(),
              "schedule:" + s.key()))
          .map(stored -> stored.isPresent());
    }));
  }
}
