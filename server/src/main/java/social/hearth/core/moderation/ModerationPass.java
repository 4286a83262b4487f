package social.hearth.core.moderation;

import social.hearth.core.audit.AuditLog;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.NoteStore;
import social.hearth.core.community.Voice;

/**
 * The moderation pass: every incoming post, update and like is reviewed by the filter chain; the decision, every
 * reason and the facts the filters saw are stored with it ("why was this held?").
 */
public final class ModerationPass {

  private static final Logger LOG = LoggerFactory.getLogger(ModerationPass.class);

  private final Filters filters;
  private final DomainPolicies domains;
  private final AuditLog audit;
  private final ModerationItems items;
  private final NoteStore notes;
  private final ModerationOutbox outbox;
  private final Clock clock;

  public ModerationPass(Filters filters, DomainPolicies domains, AuditLog audit, ModerationItems items, NoteStore notes,
                        ModerationOutbox outbox, Clock clock) {
    this.filters = filters;
    this.domains = domains;
    this.audit = audit;
    this.items = items;
    this.notes = notes;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Reviews a post, update or like for a community. Idempotent: an activity already reviewed keeps its first
   * decision (a crash between review and publishing re-runs publishing only).
   *
   * @param object the post as received, or null for a like
   */
  public Future<Moderation.Review> review(Community c, Submission s, String activityId, String objectId, Verbatim activity,
                                          Verbatim object) {
    return items.facts(c.id(), s.authorId(), domains.limited(s.authorHost()))
        .compose(facts -> decide(c, s, facts, activityId, objectId, activity, object));
  }

  /**
   * As above, with the author's facts already read by the caller (in the same statement as the posting policy's
   * reads), so nothing more is read about the author; the domain limit is the instance's, whatever {@code known}
   * says.
   */
  public Future<Moderation.Review> review(Community c, Submission s, AuthorFacts known, String activityId,
                                          String objectId, Verbatim activity, Verbatim object) {
    return decide(c, s, limited(s, known), activityId, objectId, activity, object);
  }

  /** The author's facts as the caller read them, with the instance's domain limit. */
  private AuthorFacts limited(Submission s, AuthorFacts known) {
    return new AuthorFacts(known.accountCreated(), known.memberSince(), known.acceptedPosts(),
        known.lastPostAt(), domains.limited(s.authorHost()), known.skipProbation(), known.skipSlowMode());
  }

  /** What the filters decide on a submission, and the facts they saw. */
  public record Screened(Verdict verdict, AuthorFacts facts) {}

  /**
   * The filter chain's verdict on a submission whose author's facts the caller read (as {@link #review(Community,
   * Submission, AuthorFacts, String, String, Verbatim, Verbatim)} decides it); nothing is stored: a batch stores its
   * accepted decisions with {@link #recordAll}.
   */
  public Future<Screened> screen(Community c, Submission s, AuthorFacts known) {
    AuthorFacts facts = limited(s, known);
    return filters.active(c.id()).map(rules -> new Screened(evaluate(c, s, facts, rules), facts));
  }

  /** Stores decisions made by {@link #screen} in one statement of {@code tx} (see {@link ModerationItems#insertAll}). */
  public Future<List<java.util.Optional<Long>>> recordAll(social.hearth.core.port.Tx tx, List<ModerationItems.New> decided) {
    return items.insertAll(tx, decided);
  }

  private Future<Moderation.Review> decide(Community c, Submission s, AuthorFacts facts, String activityId,
                                           String objectId, Verbatim activity, Verbatim object) {
    return filters.active(c.id()).compose(rules -> {
      Verdict verdict = evaluate(c, s, facts, rules);
      String state = switch (verdict.decision()) {
        case ACCEPT -> "accepted";
        case HOLD -> "held";
        case REJECT -> "rejected";
      };
      return items.insert(c.id(), activityId, s.kind(), objectId, s.authorId(), activity, object, verdict, facts, state)
          .compose(id -> {
            if (id.isEmpty()) {
              return existing(c.id(), activityId);
            }
            Moderation.Review review = new Moderation.Review(id.get(), verdict, true);
            if (verdict.decision() == Verdict.Decision.ACCEPT) {
              return Future.succeededFuture(review);
            }
            return afterAutomaticDecision(c, s, review).map(review);
          });
    });
  }

  /**
   * The chain's verdict; should the chain itself fail in any way (each rule already answers for its own failures),
   * the item is held for a person with the reason: never dropped, never retried until it fails for good.
   */
  private Verdict evaluate(Community c, Submission s, AuthorFacts facts, List<FilterRule> rules) {
    try {
      return FilterChain.evaluate(s, facts, c, rules, clock.instant());
    } catch (Throwable e) {
      LOG.warn("the filter chain failed on a {} by {} in {}", s.kind(), s.authorId(), c.slug(), e);
      return Verdict.of(List.of(Reason.undecided("undecided", null, "the filter chain failed on this "
          + s.kind().name().toLowerCase(Locale.ROOT) + " (" + e.getClass().getSimpleName() + "); a moderator should look")));
    }
  }

  private Future<Moderation.Review> existing(long communityId, String activityId) {
    return items.earlier(communityId, activityId).map(e -> {
      boolean publishable = e.state().equals("accepted") || e.state().equals("approved");
      Verdict v = new Verdict(publishable ? Verdict.Decision.ACCEPT : e.decision(), e.reasons());
      return new Moderation.Review(e.id(), v, false);
    });
  }

  /** Audit every automatic hold or refusal; tell authors on probation once that their post waits for review. */
  private Future<Void> afterAutomaticDecision(Community c, Submission s, Moderation.Review review) {
    Reason first = review.verdict().reasons().get(0);
    String all = String.join("; ", review.verdict().reasons().stream().map(Reason::message).toList());
    Future<Void> logged = audit.record(c.id(), "system", "auto." + review.verdict().decision().name().toLowerCase(Locale.ROOT),
        s.authorId(), all, first.code() + (first.filterId() == null ? "" : "#" + first.filterId()),
        AuditLog.detail("item", review.itemId()));
    boolean probation = review.verdict().decision() == Verdict.Decision.HOLD
        && review.verdict().reasons().stream().anyMatch(r -> r.code().equals("probation") && !"undecided".equals(r.key()));
    if (!probation || s.kind() != Submission.Kind.POST) {
      return logged;
    }
    return logged.compose(v -> notes.sent(c.id(), s.authorId(), "probation")).compose(sent -> sent ? Future.succeededFuture()
        : outbox.message(c, s.authorId(), lang -> Voice.standard().paragraph(lang, "probation.notice", c.name()),
            "probation", null));
  }
}
