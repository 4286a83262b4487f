package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.Rule;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.domain.Warning;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberRecordStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.WarnOutbound;
import social.hearth.core.text.Html;

/**
 * Warnings: a direct message from the community to one member, quoting the rule they broke (by its number in the
 * community's rules) and the moderator's optional note, written in the community's language (the rule is written in
 * it too). It is kept with the member's warnings, in their membership history and in the audit log, all in the
 * transaction that queues the message. A member on a Lemmy 1.0 server is also sent Lemmy's {@code Warn} about their
 * latest post (or the post the warning is about), from the moderator's Person, when a signed-in moderator warns.
 */
public final class Warnings {

  /** A moderator's note on a warning is at most this long. */
  public static final int NOTE_MAX = 1_000;
  private static final String STAFF = "staff:";

  /** The Warn to send as well: signed by the moderator's Person, about the member's post {@code objectId}. */
  private record LemmyWarn(StaffProfile moderator, String objectId) {}

  /** What warnings read and write. */
  public record Stores(MemberStore members, RuleStore rules, MemberRecordStore records, PostStore posts) {}

  private final TransactionalOutbox out;
  private final Stores stores;
  private final Actors actors;
  private final AuditLog audit;
  private final WarnOutbound warns;
  private final Function<String, Future<StaffProfile>> persons;
  private final Voice voice = Voice.standard();

  /** {@code persons}: a staff account's Person by username, with its keys made on first use. */
  public Warnings(TransactionalOutbox out, Stores stores, Actors actors, AuditLog audit, WarnOutbound warns,
                  Function<String, Future<StaffProfile>> persons) {
    this.out = out;
    this.stores = stores;
    this.actors = actors;
    this.audit = audit;
    this.warns = warns;
    this.persons = persons;
  }

  /**
   * Warns a member of {@code c} under rule {@code ruleNumber} (1 for the first rule) with an optional {@code note};
   * {@code postObjectId} names the post it is about, or null. Fails with {@code note_too_long}, {@code unknown_rule}
   * or {@code not_a_member}.
   */
  public Future<Warning> warn(Community c, String actorId, int ruleNumber, String note, String byWhom,
                              String postObjectId) {
    String text = note == null || note.isBlank() ? null : note.strip();
    if (text != null && text.length() > NOTE_MAX) {
      return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "note_too_long",
          "note is too long: at most " + NOTE_MAX + " characters (it has " + text.length() + ")"));
    }
    return stores.members().find(c.id(), actorId).compose(m -> {
      if (m.isEmpty() || !m.get().accepted()) {
        return Future.failedFuture(new CoreException(CoreException.Kind.NOT_FOUND, "not_a_member",
            "that account is not a member of " + c.slug()));
      }
      return stores.rules().list(c.id());
    }).compose(rules -> {
      if (ruleNumber < 1 || ruleNumber > rules.size()) {
        return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "unknown_rule", rules.isEmpty()
            ? "the community has no rules to warn about: add them first"
            : "the community has no rule " + ruleNumber + ": give a number from 1 to " + rules.size()));
      }
      Rule rule = rules.get(ruleNumber - 1);
      return actors.get(actorId).compose(member -> lemmy(c, member, byWhom, postObjectId)
          .compose(lemmy -> send(c, member, ruleNumber, rule, text, byWhom, lemmy)));
    });
  }

  /** The moderator's Person and the post a Warn names, when the member's server understands Warn; else empty. */
  private Future<Optional<LemmyWarn>> lemmy(Community c, RemoteActor member, String byWhom, String postObjectId) {
    if (byWhom == null || !byWhom.startsWith(STAFF)) {
      return Future.succeededFuture(Optional.empty()); // the admin token has no Person to sign a Warn with
    }
    return warns.understands(member).compose(yes -> !yes ? Future.succeededFuture(Optional.<LemmyWarn>empty())
        : about(c, member, postObjectId)
            .compose(posts -> posts.isEmpty() ? Future.succeededFuture(Optional.<LemmyWarn>empty())
                : persons.apply(byWhom.substring(STAFF.length()))
                    .map(p -> Optional.of(new LemmyWarn(p, posts.get(0))))
                    .recover(e -> Future.succeededFuture(Optional.empty()))));
  }

  /** The post a Warn names: the one given when it is the member's live post here, else their latest live post. */
  private Future<List<String>> about(Community c, RemoteActor member, String postObjectId) {
    Future<List<String>> given = postObjectId == null ? Future.succeededFuture(List.of())
        : stores.posts().inCommunity(c.id(), postObjectId).map(p -> p.isPresent() && !p.get().deleted()
            && member.id().equals(p.get().authorId()) ? List.of(postObjectId) : List.<String>of());
    return given.compose(list -> !list.isEmpty() ? Future.succeededFuture(list)
        : stores.records().liveSince(c.id(), member.id(), OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), 1));
  }

  private Future<Warning> send(Community c, RemoteActor member, int number, Rule rule, String note, String byWhom,
                               Optional<LemmyWarn> lemmy) {
    String lang = voice.speaks(c.language()) ? c.language() : Voice.FALLBACK;
    String html = voice.paragraph(lang, "warning.intro", c.name(), String.valueOf(number))
        + "<blockquote><p>" + Html.escape(rule.text()) + "</p></blockquote>"
        + (note == null ? "" : voice.paragraph(lang, "warning.note", note))
        + voice.paragraph(lang, "warning.closing");
    String summary = "Rule " + number + ": " + rule.text() + (note == null ? "" : " — " + note);
    return out.send(tx -> out.outbound().directMessage(tx, c, member, html, "warning", null, lang)
        .compose(messageIri -> (lemmy.isEmpty() ? Future.<String>succeededFuture(null)
            : warns.warn(tx, c, lemmy.get().moderator(), member, lemmy.get().objectId(), summary))
            .compose(warnIri -> stores.records().addWarning(tx, c.id(),
                new Warning(0, member.id(), number, rule.text(), note, byWhom, messageIri, warnIri, null))))
        .compose(w -> stores.members().event(tx, c.id(), member.id(), "warned", "rule " + number
                + (note == null ? "" : ": " + note), byWhom)
            .compose(v -> audit.record(tx, c.id(), byWhom, "member.warn", member.id(), note, "rule " + number + ": "
                + rule.text(), AuditLog.detail("rule", number, "message", w.messageIri(), "warn", w.warnIri())))
            .map(w)));
  }
}
