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
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.Report;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;
import social.hearth.core.text.Html;
import social.hearth.core.community.Voice;

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

  private final ReportStore store;
  private final PostStore posts;
  private final CommunityService communities;
  private final Membership membership;
  private final Removals removals;
  private final ModerationOutbox outbox;
  private final AuditLog audit;

  public Reports(ReportStore store, PostStore posts, CommunityService communities, Membership membership,
                 Removals removals, ModerationOutbox outbox, AuditLog audit) {
    this.store = store;
    this.posts = posts;
    this.communities = communities;
    this.membership = membership;
    this.removals = removals;
    this.outbox = outbox;
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
      return store.insertMessage(messageId, c.id(), from.id(), List.copyOf(accounts), List.copyOf(reported), comment)
          .map(r -> Optional.of("report"));
    });
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

  /** Resolves an open report. */
  /** Resolves an open report; the answer is its new state (resolved or dismissed). */
  public Future<String> resolve(long reportId, Action action, boolean forward, String note, String byWhom) {
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
      return community.compose(c -> act(c.orElse(null), action, r.accounts(), r.objects(), note, byWhom)
          .compose(v -> forward ? forward(r.accounts(), r.objects(), note) : Future.succeededFuture())
          .compose(v -> store.resolve(reportId, state, name, byWhom, forward))
          .compose(v -> audit.record(communityId, byWhom, "report." + name, "report #" + reportId, note, null,
              AuditLog.detail("forwarded", forward)))
          .compose(v -> c.isEmpty() ? Future.succeededFuture() : tellReporter(c.get(), r.reporterId(), action))
          .map(v -> state));
    });
  }

  private Future<Void> act(Community c, Action action, List<String> accounts, List<String> objects, String note, String byWhom) {
    return switch (action) {
      case DISMISS -> Future.succeededFuture();
      case REMOVE_POST -> {
        Future<Void> chain = Future.succeededFuture();
        for (String o : objects) {
          chain = chain.compose(v -> removals.removePost(c, o, note, byWhom).recover(e -> Future.<Void>succeededFuture()));
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
