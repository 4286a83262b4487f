package social.hearth.core.moderation;

import social.hearth.core.text.Links;
import social.hearth.core.audit.AuditLog;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.Report;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;
import social.hearth.core.text.MessageText;
import social.hearth.core.port.PostAddresses;
import social.hearth.core.community.Voice;

/**
 * Reports: Flags from other servers and reports members send the community by direct message. A moderator resolves
 * one with an action (remove the posts, remove or ban the member, or dismiss), may forward it to the reported
 * account's server as a Flag, and the reporter is told the outcome by direct message.
 */
public final class Reports {

  /** What a moderator does with a report. */
  public enum Action { REMOVE_POST, REMOVE_MEMBER, BAN_MEMBER, DISMISS }

  /** A direct message is a report when, after the mentions it starts with, its first word is one of these. */
  static final List<String> REPORT_WORDS = List.of("report", "flag", "жалоба", "пожаловаться", "репорт");

  /** Why a reported post was not removed: not one of the community's, already removed, or written by its staff. */
  public enum NotRemoved { NOT_IN_COMMUNITY, ALREADY_REMOVED, WRITTEN_BY_STAFF }

  /** A reported post that was not removed, and why. */
  public record Unremoved(String object, NotRemoved reason) {}

  /** What resolving a report did: its new state, the posts removed, and those not removed with the reason. */
  public record Resolution(String state, List<String> removed, List<Unremoved> notRemoved) {
    public Resolution {
      removed = List.copyOf(removed);
      notRemoved = List.copyOf(notRemoved);
    }
  }

  private final ReportStore store;
  private final PostStore posts;
  private final PostAddresses addresses;
  private final CommunityService communities;
  private final Membership membership;
  private final Removals removals;
  private final ModerationOutbox outbox;
  private final AuditLog audit;

  public Reports(ReportStore store, PostStore posts, PostAddresses addresses, CommunityService communities,
                 Membership membership, Removals removals, ModerationOutbox outbox, AuditLog audit) {
    this.store = store;
    this.posts = posts;
    this.addresses = addresses;
    this.communities = communities;
    this.membership = membership;
    this.removals = removals;
    this.outbox = outbox;
    this.audit = audit;
  }

  /**
   * A direct message that reports something: "[@community@host ...] report <link to a post> why". The posts of this
   * community that its links name (by the post's page here, its id, or its original's address), and their authors,
   * become the report's subject. Returns "report" when it was one.
   */
  public Future<Optional<String>> fromMessage(Community c, RemoteActor from, String html, String messageId) {
    if (!MessageText.startsWithWord(html, REPORT_WORDS)) {
      return Future.succeededFuture(Optional.empty());
    }
    List<Long> pageIds = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (String link : MessageText.links(html)) {
      Optional<PostAddresses.PostPage> page = addresses.postPage(link);
      if (page.isPresent()) {
        if (page.get().slug().equals(c.slug())) {
          pageIds.add(page.get().postId());
        }
      } else {
        links.add(link);
      }
    }
    return store.postsNamed(c.id(), pageIds, links).compose(named -> {
      Set<String> reported = new LinkedHashSet<>();
      Set<String> accounts = new LinkedHashSet<>();
      for (Post p : named) {
        reported.add(p.objectId());
        accounts.add(p.authorId());
      }
      String text = MessageText.afterLeadingMentions(html);
      String comment = text.length() > ReportIntake.MAX_COMMENT ? text.substring(0, ReportIntake.MAX_COMMENT) : text;
      return store.insertMessage(messageId, c.id(), from.id(), List.copyOf(accounts), List.copyOf(reported), comment)
          .map(r -> Optional.of("report"));
    });
  }

  /** The posts of their communities the reports name (removed ones too), in the order each names them. */
  public Future<List<ReportStore.ReportedPost>> reportedPosts(List<Long> reportIds) {
    return store.reportedPosts(reportIds);
  }

  /** Reports in a state, oldest first: of one community, or of all with a null {@code communityId}. */
  public Future<List<Report>> list(Long communityId, String state, int limit) {
    return store.list(communityId, false, state, 0, limit);
  }

  /** Page {@code number} (from 1) of a listing of reports, and whether another page follows. */
  public record Page(List<Report> items, int number, boolean hasNext) {}

  /**
   * Page {@code number} (from 1, pages of {@code size}) of the reports in a state, oldest first: of one community;
   * with a null {@code communityId}, of all, or with {@code noCommunity} of those that concern no community here.
   * Every report can be reached: there is no cap past which reports are hidden.
   */
  public Future<Page> page(Long communityId, boolean noCommunity, String state, int number, int size) {
    if (number < 1 || size < 1) {
      return Future.failedFuture(CoreException.badRequest("page is a positive number"));
    }
    long offset = (long) (number - 1) * size;
    if (offset > Integer.MAX_VALUE - size) {
      return Future.failedFuture(CoreException.badRequest("page is too large"));
    }
    return store.list(communityId, noCommunity, state, (int) offset, size + 1)
        .map(list -> new Page(list.size() > size ? List.copyOf(list.subList(0, size)) : list, number, list.size() > size));
  }

  /** Whether the report concerns the community (with a null {@code communityId}: concerns no community here). */
  public Future<Boolean> belongsTo(long reportId, Long communityId) {
    return store.belongsTo(reportId, communityId);
  }

  /**
   * Resolves an open report. Removing the post removes every post of the community the report names that is still
   * there; when none could be removed, nothing is resolved and the failure says why (the report names no post of the
   * community, or it was already removed, or it was written by the community's staff).
   */
  public Future<Resolution> resolve(long reportId, Action action, boolean forward, String note, String byWhom) {
    if (note != null && note.length() > 1000) {
      return Future.failedFuture(CoreException.badRequest("note must be at most 1000 characters"));
    }
    return store.find(reportId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("no such report"));
      }
      Report r = found.get();
      if (!r.open()) {
        return Future.failedFuture(CoreException.conflict("this report was already resolved"));
      }
      Long communityId = r.communityId();
      if (communityId == null && action != Action.DISMISS) {
        return Future.failedFuture(CoreException.badRequest("this report concerns no community here: only dismiss applies"));
      }
      String state = action == Action.DISMISS ? "dismissed" : "resolved";
      String name = action.name().toLowerCase(Locale.ROOT);
      Future<Optional<Community>> community = communityId == null ? Future.succeededFuture(Optional.empty())
          : communities.byId(communityId);
      return community.compose(c -> act(c.orElse(null), action, r, note, byWhom)
          .compose(done -> (forward ? forward(r.accounts(), r.objects(), note) : Future.<Void>succeededFuture())
              .compose(v -> store.resolve(reportId, state, name, byWhom, forward))
              .compose(v -> audit.record(communityId, byWhom, "report." + name, "report #" + reportId, note, null,
                  action == Action.REMOVE_POST ? AuditLog.detail("forwarded", forward, "removed", done.removed().size(),
                      "not_removed", done.notRemoved().size()) : AuditLog.detail("forwarded", forward)))
              .compose(v -> c.isEmpty() ? Future.succeededFuture() : tellReporter(c.get(), r.reporterId(), action))
              .map(v -> new Resolution(state, done.removed(), done.notRemoved()))));
    });
  }

  private Future<Resolution> act(Community c, Action action, Report r, String note, String byWhom) {
    Resolution nothing = new Resolution(null, List.of(), List.of());
    return switch (action) {
      case DISMISS -> Future.succeededFuture(nothing);
      case REMOVE_POST -> removePosts(c, r, note, byWhom);
      case REMOVE_MEMBER, BAN_MEMBER -> {
        if (r.accounts().isEmpty()) {
          yield Future.failedFuture(CoreException.badRequest("this report names no account"));
        }
        Future<Void> chain = Future.succeededFuture();
        for (String a : r.accounts()) {
          chain = chain.compose(v -> action == Action.BAN_MEMBER ? membership.ban(c, a, note, null, byWhom)
              : membership.remove(c, a, note, byWhom).recover(e -> Future.<Void>succeededFuture()));
        }
        yield chain.map(nothing);
      }
    };
  }

  /** Removes the reported posts still in the community; fails, saying why, when none could be removed. */
  private Future<Resolution> removePosts(Community c, Report r, String note, String byWhom) {
    List<String> removed = new ArrayList<>();
    List<Unremoved> notRemoved = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String o : r.objects()) {
      chain = chain.compose(v -> posts.inCommunity(c.id(), o)).compose(p -> {
        if (p.isEmpty()) {
          // a Flag names the reported account too: only posts count here
          if (!r.accounts().contains(o)) {
            notRemoved.add(new Unremoved(o, NotRemoved.NOT_IN_COMMUNITY));
          }
          return Future.<Void>succeededFuture();
        }
        if (p.get().deleted()) {
          notRemoved.add(new Unremoved(o, NotRemoved.ALREADY_REMOVED));
          return Future.<Void>succeededFuture();
        }
        if (addresses.written(o)) {
          notRemoved.add(new Unremoved(o, NotRemoved.WRITTEN_BY_STAFF));
          return Future.<Void>succeededFuture();
        }
        return removals.removePost(c, o, note, byWhom).map(x -> {
          removed.add(o);
          return (Void) null;
        });
      });
    }
    return chain.compose(v -> {
      if (!removed.isEmpty()) {
        return Future.succeededFuture(new Resolution(null, removed, notRemoved));
      }
      if (notRemoved.isEmpty()) {
        return Future.failedFuture(new CoreException(CoreException.Kind.CONFLICT, "report_names_no_post",
            "this report names no post of the community: nothing was removed"));
      }
      NotRemoved why = notRemoved.get(0).reason();
      return Future.failedFuture(switch (why) {
        case ALREADY_REMOVED -> new CoreException(CoreException.Kind.CONFLICT, "post_already_removed",
            "the reported post was already removed");
        case WRITTEN_BY_STAFF -> new CoreException(CoreException.Kind.CONFLICT, "post_written_by_staff",
            "the reported post was written by the community's staff: delete it where it was written");
        case NOT_IN_COMMUNITY -> new CoreException(CoreException.Kind.CONFLICT, "post_not_in_community",
            "the reported post is not one of the community's: nothing was removed");
      });
    });
  }

  /** Forwards the report to each reported account's server, as a Flag from the instance actor. */
  private Future<Void> forward(List<String> accounts, List<String> objects, String note) {
    Future<Void> chain = Future.succeededFuture();
    for (String account : accounts) {
      chain = chain.compose(v -> outbox.actor(account).compose(who -> outbox.flag(who,
          objects.stream().filter(o -> Links.sameOrigin(o, account)).toList(), note)));
    }
    return chain.onSuccess(v -> outbox.wake());
  }

  private Future<Void> tellReporter(Community c, String reporter, Action action) {
    Voice voice = Voice.standard();
    String outcome = "report.outcome." + action.name().toLowerCase(Locale.ROOT);
    return outbox.actor(reporter).compose(who -> {
      if (!"Person".equals(who.type())) {
        return Future.<Void>succeededFuture(); // an instance actor (Mastodon's forwarded reports) has no one to read it
      }
      return outbox.message(c, who, lang -> voice.paragraph(lang, "report.thanks", c.name(), voice.text(lang, outcome)),
          "report-outcome", null);
    }).recover(e -> Future.<Void>succeededFuture());
  }
}
