package social.hearth.core.moderation;

import social.hearth.core.audit.AuditLog;
import io.vertx.core.Future;
import java.util.List;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.domain.Verbatim;

/**
 * Moderation as the adapters see it: the pass every incoming post, update and like goes through
 * ({@link ModerationPass}), the queue of held items ({@link ModerationQueue}), removals ({@link Removals}), dry runs
 * of filters ({@link DryRun}), and the filters, domain policies and audit log themselves. Each feature is its own
 * class with its own dependencies; this only hands calls on.
 */
public final class Moderation {

  /** A reviewed item: its id in the queue and the verdict. */
  public record Review(long itemId, Verdict verdict, boolean fresh) {
    public boolean accepted() {
      return verdict.decision() == Verdict.Decision.ACCEPT;
    }
  }

  /** The moderation features, each built on its own. */
  public record Features(ModerationPass pass, ModerationQueue queue, Removals removals, DryRun dryRun) {}

  private final Features features;
  private final Filters filters;
  private final DomainPolicies domains;
  private final AuditLog audit;

  public Moderation(Features features, Filters filters, DomainPolicies domains, AuditLog audit) {
    this.features = features;
    this.filters = filters;
    this.domains = domains;
    this.audit = audit;
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

  public Removals removals() {
    return features.removals();
  }

  /**
   * Reviews a post, update or like for a community. Idempotent: an activity already reviewed keeps its first
   * decision (a crash between review and publishing re-runs publishing only).
   *
   * @param activity the activity as received
   * @param object the post as received, or null for a like
   */
  public Future<Review> review(Community c, Submission s, String activityId, String objectId, Verbatim activity,
                               Verbatim object) {
    return features.pass().review(c, s, activityId, objectId, activity, object);
  }

  /** As above, with the author's facts already known (see {@link ModerationPass#review(Community, Submission, AuthorFacts, String, String, Verbatim, Verbatim)}). */
  public Future<Review> review(Community c, Submission s, AuthorFacts known, String activityId, String objectId,
                               Verbatim activity, Verbatim object) {
    return features.pass().review(c, s, known, activityId, objectId, activity, object);
  }

  /** The community's items in a state (held, accepted, rejected, approved, declined), oldest first. */
  public Future<List<QueueItem>> queue(long communityId, String state, int limit) {
    return features.queue().list(communityId, state, limit);
  }

  /** Approves a held item: it is published now, exactly as if the filters had let it through. */
  public Future<Void> approve(Community c, long itemId, String byWhom) {
    return features.queue().approve(c, itemId, byWhom);
  }

  /** Publishes a post a filter refused anyway, audited. */
  public Future<Void> overturn(Community c, long itemId, String byWhom) {
    return features.queue().overturn(c, itemId, byWhom);
  }

  /** Declines a held item, with an optional notice to its author. */
  public Future<Void> decline(Community c, long itemId, String notice, String byWhom) {
    return features.queue().decline(c, itemId, notice, byWhom);
  }

  /** Removes a re-shared post everywhere. */
  public Future<Void> removePost(Community c, String objectId, String reason, String byWhom) {
    return features.removals().removePost(c, objectId, reason, byWhom);
  }

  /**
   * Runs a new or changed rule over the community's last {@code days} of incoming
   * posts and says what it would have held or refused. Nothing is changed.
   */
  public Future<DryRunResult> dryRun(Community c, String kind, FilterConfig config, String action, int days) {
    return features.dryRun().run(c, kind, config, action, days);
  }
}
