package social.hearth.core.polls;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Poll;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PollStore;
import social.hearth.core.port.PostStore;

/**
 * Polls: staff write them (as the community or as themselves) and {@link PollPublisher} publishes them as a
 * Question; votes arrive as Mastodon sends them (one Create{Note} per chosen option, named as the option) and are
 * counted once per person (per option in a several-choice poll), from members only when the poll says so, and never
 * after it is over. The tallies go out from {@link PollTallies}. Remote polls members post keep the counts their
 * author sends.
 */
public final class Polls {

  private static final Logger LOG = LoggerFactory.getLogger(Polls.class);
  public static final int MIN_OPTIONS = 2;
  public static final int MAX_OPTIONS = 10;
  public static final int MAX_QUESTION = 500;
  public static final int MAX_OPTION = 100;
  /** The shortest and longest time a poll runs. */
  public static final Duration MIN_RUN = Duration.ofMinutes(5);
  public static final Duration MAX_RUN = Duration.ofDays(90);

  /** What staff send to ask a question; {@code as}: "community" (or empty) or a staff username. */
  public record Draft(String question, List<String> options, Boolean multiple, OffsetDateTime endTime,
                      Boolean membersOnly, String as) {}

  /** What became of a vote. */
  public enum Vote { COUNTED, REPEATED, CLOSED, NOT_MEMBER, NO_SUCH_OPTION, NO_SUCH_POLL }

  private final PollStore store;
  private final PollPublisher publisher;
  private final CommunityService communities;
  private final AccountStore accounts;
  private final MemberStore members;
  private final PostStore posts;
  private final Actors actors;
  private final Clock clock;
  private volatile Runnable counted = () -> { };

  public Polls(PollStore store, PollPublisher publisher, CommunityService communities, AccountStore accounts,
               MemberStore members, PostStore posts, Actors actors, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.communities = communities;
    this.accounts = accounts;
    this.members = members;
    this.posts = posts;
    this.actors = actors;
    this.clock = clock;
  }

  /** Called after each counted vote has committed (the tally worker's wake-up). */
  public void onCounted(Runnable r) {
    this.counted = r;
  }

  /** Checks a draft, asks the question and publishes it now. */
  public Future<Poll> create(Community c, Draft d, String by) {
    String question;
    List<String> options;
    OffsetDateTime end;
    try {
      question = question(d.question());
      options = options(d.options());
      end = endTime(d.endTime());
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    boolean multiple = Boolean.TRUE.equals(d.multiple());
    boolean membersOnly = d.membersOnly() == null || d.membersOnly();
    return author(c, d.as()).compose(author -> publisher.publish(c, question, options, multiple, membersOnly, end,
        author, by)).onSuccess(p -> communities.changed(c.slug()));
  }

  /** The community's own poll with this key; 404 otherwise. */
  public Future<Poll> get(Community c, String key) {
    return store.byKey(c.id(), key).compose(p -> p.isPresent() ? Future.succeededFuture(p.get())
        : Future.failedFuture(CoreException.notFound("the community has no poll " + key)));
  }

  public Future<List<Poll>> list(Community c) {
    return store.list(c.id(), 100);
  }

  /** The polls among these post IRIs, for pages. */
  public Future<List<Poll>> shown(List<String> iris) {
    return iris.isEmpty() ? Future.succeededFuture(List.of()) : store.byIris(iris);
  }

  /** Whether {@code iri} is a poll written here (a vote's {@code inReplyTo} is checked with this first). */
  public Future<Optional<Poll>> local(String iri) {
    return store.byIri(iri).map(p -> p.filter(Poll::local));
  }

  /**
   * A vote: {@code voter} chose {@code option} (the option's name, as Mastodon sends it) in the local poll
   * {@code pollIri}, by the activity {@code activityId}.
   */
  public Future<Vote> vote(String pollIri, String voter, String option, String activityId) {
    return local(pollIri).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Vote.NO_SUCH_POLL);
      }
      Poll p = found.get();
      OffsetDateTime now = OffsetDateTime.now(clock);
      int choice = p.option(option);
      if (p.closed(now)) {
        return Future.succeededFuture(Vote.CLOSED);
      }
      if (choice < 0) {
        return Future.succeededFuture(Vote.NO_SUCH_OPTION);
      }
      Future<Boolean> allowed = p.membersOnly() ? members.isAccepted(p.communityId(), voter) : Future.succeededFuture(true);
      return allowed.compose(ok -> {
        if (!ok) {
          return Future.succeededFuture(Vote.NOT_MEMBER);
        }
        return actors.get(voter).map(Optional::of).otherwise(Optional.empty()).compose(a -> {
          String inbox = a.map(r -> r.sharedInbox() != null ? r.sharedInbox() : r.inbox()).orElse(null);
          String host = a.map(r -> r.host()).orElse(null);
          return publisher.out().inTransaction(tx -> store.vote(tx, p.id(), voter, choice, p.multiple(), activityId,
              inbox, host, now));
        }).map(done -> done ? Vote.COUNTED : Vote.REPEATED);
      });
    }).onSuccess(v -> {
      LOG.debug("vote by {} on {}: {}", voter, pollIri, v);
      if (v == Vote.COUNTED) {
        counted.run();
      }
    });
  }

  /** What a remote poll's author sent (in a Create or an Update): its options and counts, shown on the pages. */
  public Future<Void> received(Poll remote) {
    return store.byIri(remote.iri()).compose(known -> {
      if (known.isPresent()) {
        return known.get().local() ? Future.<Void>succeededFuture() : store.upsertRemote(remote);
      }
      // kept only for a poll a community has among its posts (nothing is stored for polls it refused)
      return posts.byObject(remote.iri()).compose(copies -> copies.isEmpty() ? Future.<Void>succeededFuture()
          : store.upsertRemote(remote));
    });
  }

  // ------------------------------------------------------------------ checks

  static String question(String text) {
    String q = text == null ? "" : text.strip();
    if (q.isEmpty()) {
      throw invalid("poll.question.empty", "question is empty: write the question to ask");
    }
    if (q.length() > MAX_QUESTION) {
      throw invalid("poll.question.long", "question is " + q.length() + " characters long; at most " + MAX_QUESTION
          + " are allowed");
    }
    return q;
  }

  static List<String> options(List<String> given) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String o : given == null ? List.<String>of() : given) {
      String s = o == null ? "" : o.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.length() > MAX_OPTION) {
        throw invalid("poll.option.long", "options: \"" + s.substring(0, 20) + "…\" is longer than " + MAX_OPTION
            + " characters");
      }
      if (!seen.add(s.toLowerCase(Locale.ROOT))) {
        throw invalid("poll.option.duplicate", "options: \"" + s + "\" is given twice; each option must differ");
      }
      out.add(s);
    }
    if (out.size() < MIN_OPTIONS) {
      throw invalid("poll.options.few", "options: a poll needs at least " + MIN_OPTIONS + " options (not empty)");
    }
    if (out.size() > MAX_OPTIONS) {
      throw invalid("poll.options.many", "options: a poll can have at most " + MAX_OPTIONS + " options");
    }
    return out;
  }

  OffsetDateTime endTime(OffsetDateTime end) {
    if (end == null) {
      throw invalid("poll.end.missing", "endTime is required: when does the poll close?");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (end.isBefore(now.plus(MIN_RUN))) {
      throw invalid(end.isBefore(now) ? "poll.end.past" : "poll.end.soon", "endTime " + end
          + (end.isBefore(now) ? " is in the past" : " is too soon: a poll runs at least five minutes"));
    }
    if (end.isAfter(now.plus(MAX_RUN))) {
      throw invalid("poll.end.far", "endTime must be within " + MAX_RUN.toDays() + " days");
    }
    return end;
  }

  private static CoreException invalid(String code, String message) {
    return new CoreException(CoreException.Kind.INVALID, code, message);
  }

  /** Who asks: null for the community, else a staff member of the community (or an instance admin). */
  private Future<String> author(Community c, String as) {
    if (as == null || as.isBlank() || as.strip().equalsIgnoreCase("community")) {
      return Future.succeededFuture(null);
    }
    String username = as.strip();
    return accounts.byUsername(username).compose(account -> {
      if (account.isEmpty()) {
        return Future.failedFuture(invalid("poll.as", "as: unknown staff user: " + username));
      }
      if (account.get().instanceAdmin()) {
        return Future.succeededFuture(account.get().username());
      }
      return accounts.role(account.get().id(), c.id()).compose(role -> role.isPresent()
          ? Future.succeededFuture(account.get().username())
          : Future.failedFuture(invalid("poll.as", "as: " + username + " is not staff of " + c.slug())));
    });
  }
}
