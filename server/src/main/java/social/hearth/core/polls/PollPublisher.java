package social.hearth.core.polls;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Poll;
import social.hearth.core.domain.PostBody;
import social.hearth.core.port.OwnQuestions;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PollStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.text.Html;
import social.hearth.core.util.Keys;

/**
 * What publishing a poll does, in one transaction: the Question joins the community's posts (its pages show it with
 * its results) and goes out as community posts do: as the community, the Group's Create to every member; as a staff
 * member, their Person's Create, which the community re-shares. The tallies go out the same way as an Update of the
 * Question ({@link #flushDirty}, {@link #closeEnded}), to the members and to the voters who are not members.
 */
public final class PollPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(PollPublisher.class);
  /** Polls handled per pass. */
  static final int BATCH = 16;

  private final TransactionalOutbox out;
  private final PollStore store;
  private final PostStore posts;
  private final OwnQuestions questions;
  private final CommunityService communities;
  private final StaffOutbound staff;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration every;

  /** {@code every}: the least time between two Updates of a poll while votes come in. */
  public PollPublisher(TransactionalOutbox out, PollStore store, PostStore posts, OwnQuestions questions,
                       CommunityService communities, StaffOutbound staff, AuditLog audit, Clock clock, Duration every) {
    this.out = out;
    this.store = store;
    this.posts = posts;
    this.questions = questions;
    this.communities = communities;
    this.staff = staff;
    this.audit = audit;
    this.clock = clock;
    this.every = every;
  }

  TransactionalOutbox out() {
    return out;
  }

  /** The text a poll shows where only text is read (feeds, excerpts): its question. */
  static String html(String question) {
    return "<p>" + Html.escape(question) + "</p>";
  }

  Future<Poll> publish(Community c, String question, List<String> options, boolean multiple, boolean membersOnly,
                       OffsetDateTime end, String author, String by) {
    String key = Keys.newKey();
    String iri = questions.pollIri(key);
    String authorIri = questions.authorIri(c, author);
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Integer> zero = options.stream().map(o -> 0).toList();
    Poll draft = new Poll(0, iri, key, c.id(), author, question, options, zero, multiple, membersOnly, 0, end, null,
        null, by, now);
    String json = questions.question(c, draft, now);
    return out.send(tx -> posts.insert(tx, c.id(), iri, authorIri, "Question", html(question), null, json)
        .compose(postId -> store.insert(tx, new PollStore.NewPoll(key, iri, c.id(), author, question, options,
            multiple, membersOnly, end, postId.orElseThrow(), by)))
        .compose(p -> sent(tx, c, p, Outbound.OwnChange.CREATE, json, List.of()).map(p))
        .compose(p -> audit.record(tx, c.id(), by, "poll.publish", iri, null, null, AuditLog.detail("key", key,
            "as", author == null ? "community" : author, "options", options.size(), "endTime", end.toString())).map(p)));
  }

  /** The Create or Update of the Question, from the community or from the staff member (re-shared, forwarded). */
  private Future<Void> sent(Tx tx, Community c, Poll p, Outbound.OwnChange change, String json,
                            List<PollStore.Voter> voters) {
    if (p.asCommunity()) {
      List<PostBody.Mention> to = voters.stream()
          .map(v -> new PostBody.Mention(v.id(), null, null, v.inbox(), v.host())).toList();
      return out.outbound().ownPost(tx, c, change, p.iri(), json, to).mapEmpty();
    }
    String authorIri = questions.authorIri(c, p.author());
    List<String> voterIds = voters.stream().map(PollStore.Voter::id).toList();
    return out.outbound().staffActivity(tx, c, change, authorIri, p.iri(), json).compose(activity ->
        staff.deliverOwn(tx, p.author(), activity.id(), voterIds).compose(n -> change == Outbound.OwnChange.CREATE
            ? out.outbound().reshare(tx, c, p.postId(), p.iri(), activity)
            : out.outbound().forward(tx, c, activity))).mapEmpty();
  }

  /** Sends an Update of each open poll whose counts changed and whose last Update is old enough; how many. */
  public Future<Integer> flushDirty() {
    return tallies(false);
  }

  /** Closes the polls whose end time has passed and sends their final Update; how many. */
  public Future<Integer> closeEnded() {
    return tallies(true);
  }

  private Future<Integer> tallies(boolean ending) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return out.send(tx -> (ending ? store.claimEnded(tx, now, BATCH) : store.claimDirty(tx, every, now, BATCH))
        .compose(claimed -> {
          Future<Integer> done = Future.succeededFuture(0);
          for (Poll p : claimed) {
            done = done.compose(n -> update(tx, p, now).map(n + 1));
          }
          return done;
        })).onSuccess(n -> {
          if (n > 0) {
            LOG.info("sent the tallies of {} poll(s){}", n, ending ? " that closed" : "");
          }
        });
  }

  /** The Update of one claimed poll, in the claim's transaction. */
  private Future<Void> update(Tx tx, Poll p, OffsetDateTime now) {
    return communities.byId(p.communityId()).compose(c -> {
      if (c.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      String json = questions.question(c.get(), p, now);
      Future<Void> stored = p.postId() == null ? Future.succeededFuture()
          : posts.update(tx, p.postId(), html(p.question()), json);
      return stored.compose(v -> store.outsideVoters(p.id(), p.communityId()))
          .compose(voters -> sent(tx, c.get(), p, Outbound.OwnChange.UPDATE, json, voters))
          .onSuccess(v -> communities.changed(c.get().slug()));
    });
  }
}
