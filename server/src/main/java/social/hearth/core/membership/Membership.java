package social.hearth.core.membership;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Invite;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Preapproval;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.port.Actors;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.text.Html;
import social.hearth.core.text.MessageText;
import social.hearth.core.community.Voice;

/**
 * Who is in a community and how they got there: join policies (open, approval with an optional question, invite,
 * closed), approval and refusal, removal, bans, roles, onboarding messages, invites and expiring memberships.
 * Every decision is written with its history entry and the activities it causes in one transaction. What the
 * community says to people is written in their language ({@link Voice}).
 */
public final class Membership {

  private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
  /** Invite codes are 8 to 32 letters and digits; anything that looks like one in a direct message is tried. */
  static final Pattern CODE = Pattern.compile("\\b[A-Za-z0-9]{8,32}\\b");
  private final Voice voice = Voice.standard();

  /** The stores membership decisions read and write. */
  public record Stores(MemberStore members, BanStore bans, InviteStore invites, RuleStore rules, PostStore posts) {}

  private final TransactionalOutbox out;
  private final Outbound outbound;
  private final CommunityService communities;
  private final MemberStore members;
  private final BanStore bans;
  private final InviteStore invites;
  private final RuleStore rules;
  private final PostStore posts;
  private final Actors actors;
  private final Clock clock;
  private final AuditLog audit;

  public Membership(TransactionalOutbox out, Stores stores, CommunityService communities, Actors actors, AuditLog audit,
                    Clock clock) {
    this.out = out;
    this.outbound = out.outbound();
    this.communities = communities;
    this.members = stores.members();
    this.bans = stores.bans();
    this.invites = stores.invites();
    this.rules = stores.rules();
    this.posts = stores.posts();
    this.actors = actors;
    this.audit = audit;
    this.clock = clock;
  }

  public MemberStore members() {
    return members;
  }

  public BanStore bans() {
    return bans;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  // ------------------------------------------------------------------ joining

  /** A Follow of the community {@code slug} by {@code followerId} arrived: see {@link #onFollow}. */
  public Future<Void> follow(String slug, String followerId, String followId) {
    return communities.require(slug).compose(community -> actors.get(followerId)
        .compose(follower -> onFollow(community, follower, followId)
            .onSuccess(v -> LOG.info("Follow of {} by {} handled ({} policy)", slug, follower.id(),
                community.joinPolicy().name().toLowerCase(Locale.ROOT)))));
  }

  /** The account undid its Follow of the community {@code slug}: its membership (or request) ends. */
  public Future<Void> leave(String slug, String actorId) {
    return communities.bySlug(slug).compose(c -> c.isEmpty() ? Future.succeededFuture()
        : members.remove(c.get().id(), actorId).map(removed -> {
          if (removed) {
            LOG.info("{} left {}", actorId, slug);
          }
          return null;
        }));
  }

  /**
   * The account moved to {@code to} (its move already checked): memberships pass to the new account with their
   * role, expiry and history; bans follow the account too.
   */
  public Future<Void> move(String from, String to) {
    return out.inTransaction(tx -> bans.move(tx, from, to).compose(v -> members.move(tx, from, to))).map(n -> {
      LOG.info("{} moved to {}: {} memberships carried over", from, to, n);
      return null;
    });
  }

  /** A Follow of the community arrived: decide by ban, existing membership, pre-approval and join policy. */
  public Future<Void> onFollow(Community c, RemoteActor follower, String followId) {
    return bans.isBanned(c.id(), follower.id()).compose(banned -> {
      if (banned) {
        return inTx(tx -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c, followId, follower)
            .compose(v -> members.event(tx, c.id(), follower.id(), "refused", "banned", null)));
      }
      return members.find(c.id(), follower.id()).compose(existing -> {
        if (existing.isPresent() && existing.get().accepted()) {
          // a repeated Follow (a new id, or a server that lost its state): accept again, echoing the new id
          return inTx(tx -> members.upsertAccepted(tx, c.id(), follower.id(), followId)
              .compose(v -> outbound.answerFollow(tx, Outbound.FollowAnswer.ACCEPT, c, followId, follower)));
        }
        if (c.archived()) {
          // refused, and told why: Mastodon shows no reason for a Reject
          String lang = voice.languageFor(c, follower);
          return inTx(tx -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c, followId, follower)
              .compose(v -> outbound.directMessage(tx, c, follower, voice.paragraph(lang, "archived.notice", c.name()),
                  "archived", null, lang))
              .compose(v -> members.event(tx, c.id(), follower.id(), "refused", "the community is archived", null)));
        }
        if (c.joinPolicy() == Community.JoinPolicy.CLOSED) {
          return inTx(tx -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c, followId, follower)
              .compose(v -> members.event(tx, c.id(), follower.id(), "refused", "the community is closed", null)));
        }
        if (c.joinPolicy() == Community.JoinPolicy.OPEN) {
          return inTx(tx -> admit(tx, c, follower, followId, null, null, "joined"));
        }
        return inTx(tx -> invites.takePreapproval(tx, c.id(), follower.id()).compose(pre -> {
          if (pre.isPresent()) {
            return admit(tx, c, follower, followId, pre.get().grantUntil(), null, "joined with an invite");
          }
          return members.upsertPending(tx, c.id(), follower.id(), followId).compose(isNew -> {
            Future<Void> asked = Future.succeededFuture();
            if (isNew && existing.isEmpty() && c.joinPolicy() == Community.JoinPolicy.APPROVAL && c.joinQuestion() != null) {
              String lang = voice.languageFor(c, follower);
              asked = outbound.directMessage(tx, c, follower, "<p>" + Html.escape(c.joinQuestion()) + "</p>"
                  + voice.paragraph(lang, "question.howto"), "question", null, lang).mapEmpty();
            }
            return asked.compose(v -> isNew && existing.isEmpty()
                ? members.event(tx, c.id(), follower.id(), "requested", null, null) : Future.succeededFuture());
          });
        }));
      });
    });
  }

  /** Makes the account a member now: Accept, welcome message, history. */
  private Future<Void> admit(Tx tx, Community c, RemoteActor who, String followId, OffsetDateTime expiresAt,
                             String byWhom, String event) {
    return members.upsertAccepted(tx, c.id(), who.id(), followId, expiresAt)
        .compose(v -> outbound.answerFollow(tx, Outbound.FollowAnswer.ACCEPT, c, followId, who))
        .compose(v -> event(tx, c, who.id(), event, expiresAt == null ? null : "until " + expiresAt.toInstant(), byWhom))
        .compose(v -> welcome(tx, c, who));
  }

  /** The welcome message, the rules with their consequences, and links to the pinned posts ({@link Welcome}). */
  private Future<Void> welcome(Tx tx, Community c, RemoteActor who) {
    String lang = voice.languageFor(c, who);
    return rules.list(tx, c.id()).compose(list -> posts.featured(tx, c.id()).compose(pins -> onboarding
        .admitted(tx, c, who, lang).compose(more -> {
          String html = Welcome.html(c, list, pins, voice, lang);
          html = more == null ? html : html == null ? more : html + more;
          return html == null ? Future.succeededFuture()
              : outbound.directMessage(tx, c, who, html, "welcome", null, lang).mapEmpty();
        })));
  }

  private social.hearth.core.port.Onboarding onboarding = social.hearth.core.port.Onboarding.NONE;

  /** What else an admission does in its transaction (a sponsor offered, issue 18); none until set at wiring. */
  public void onboarding(social.hearth.core.port.Onboarding onboarding) {
    this.onboarding = onboarding;
  }

  // ------------------------------------------------------------------ moderator decisions

  public Future<Void> approve(Community c, String actorId, String byWhom) {
    if (c.archived()) {
      return Future.failedFuture(CoreException.conflict("the community is archived: it takes no new members"));
    }
    return pending(c, actorId).compose(m -> actors.get(actorId).compose(who -> inTx(tx ->
        invites.takePreapproval(tx, c.id(), actorId).compose(pre ->
            admit(tx, c, who, m.followId(), pre.map(Preapproval::grantUntil).orElse(null), byWhom, "approved")))));
  }

  public Future<Void> reject(Community c, String actorId, String byWhom) {
    return pending(c, actorId).compose(m -> actors.get(actorId).compose(who -> inTx(tx ->
        members.remove(tx, c.id(), actorId)
            .compose(v -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c, m.followId(), who))
            .compose(v -> event(tx, c, actorId, "rejected", null, byWhom)))));
  }

  /** Removes a member: they are sent Reject of their Follow, which makes Mastodon drop the follow. */
  public Future<Void> remove(Community c, String actorId, String reason, String byWhom) {
    return accepted(c, actorId).compose(m -> actors.get(actorId).compose(who -> inTx(tx ->
        members.remove(tx, c.id(), actorId)
            .compose(v -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c, m.followId(), who))
            .compose(v -> event(tx, c, actorId, "removed", reason, byWhom)))));
  }

  /** Bans an account (optionally until a date): its membership ends, it is sent Block, and all it sends is refused. */
  public Future<Void> ban(Community c, String actorId, String reason, OffsetDateTime until, String byWhom) {
    if (until != null && !until.isAfter(now())) {
      return Future.failedFuture(CoreException.badRequest("until must be in the future"));
    }
    return actors.get(actorId).compose(who -> members.find(c.id(), actorId).compose(m -> inTx(tx -> {
      Future<Void> end = m.isEmpty() ? Future.succeededFuture()
          : members.remove(tx, c.id(), actorId).compose(v -> outbound.answerFollow(tx, Outbound.FollowAnswer.REJECT, c, m.get().followId(), who));
      return end.compose(v -> outbound.block(tx, c, who))
          .compose(blockIri -> bans.ban(tx, c.id(), actorId, reason, until, byWhom, blockIri))
          .compose(v -> event(tx, c, actorId, "banned",
              (reason == null ? "" : reason) + (until == null ? "" : " (until " + until.toInstant() + ")"), byWhom));
    })));
  }

  public Future<Void> unban(Community c, String actorId, String byWhom) {
    return actors.get(actorId).compose(who -> inTx(tx -> bans.unban(tx, c.id(), actorId).compose(block -> {
      if (block.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("that account is not banned here"));
      }
      return outbound.unblock(tx, c, block.get(), who)
          .compose(v -> event(tx, c, actorId, "unbanned", null, byWhom));
    })));
  }

  public Future<Void> setRole(Community c, String actorId, Member.Role role, String byWhom) {
    return inTx(tx -> members.setRole(tx, c.id(), actorId, role).compose(done -> !done
        ? Future.failedFuture(CoreException.notFound("that account is not a member of " + c.slug()))
        : event(tx, c, actorId, "role", role.name().toLowerCase(Locale.ROOT), byWhom)));
  }

  /**
   * Sets when a membership ends: an absolute date, a number of days added to the current end (or to now when it has
   * none or has passed), or null to make it permanent.
   */
  public Future<OffsetDateTime> renew(Community c, String actorId, OffsetDateTime until, Integer addDays, String byWhom) {
    return accepted(c, actorId).compose(m -> {
      OffsetDateTime end = addDays == null ? until : extend(m.expiresAt(), addDays);
      return inTx(tx -> members.setExpiry(tx, c.id(), actorId, end)
          .compose(v -> event(tx, c, actorId, "renewed", end == null ? "no expiry" : "until " + end.toInstant(), byWhom)))
          .map(end);
    });
  }

  private OffsetDateTime extend(OffsetDateTime current, int days) {
    OffsetDateTime base = current == null || current.isBefore(now()) ? now() : current;
    return base.plusDays(days);
  }

  /** Pre-approves an account (a handle typed by staff, or a paid membership before joining). */
  public Future<Void> preapprove(Community c, String actorId, OffsetDateTime grantUntil, String byWhom) {
    return members.find(c.id(), actorId).compose(m -> {
      if (m.isPresent() && !m.get().accepted()) {
        return inTx(tx -> invites.preapprove(tx, c.id(), actorId, null, grantUntil, null)).compose(v -> approve(c, actorId, byWhom));
      }
      return inTx(tx -> invites.preapprove(tx, c.id(), actorId, null, grantUntil, null)
          .compose(v -> event(tx, c, actorId, "pre-approved", null, byWhom)));
    });
  }

  // ------------------------------------------------------------------ direct messages to the community

  /**
   * A direct message to the community from a remote account: an invite code is redeemed (joining, or renewing a
   * membership); otherwise, from an applicant, it is their answer to the join question. Returns what it was taken
   * for, or empty when it was neither.
   */
  public Future<Optional<String>> onDirectMessage(Community c, RemoteActor from, String html) {
    String text = Html.text(html);
    Set<String> candidates = new LinkedHashSet<>();
    Matcher m = CODE.matcher(text);
    while (m.find() && candidates.size() < 10) {
      candidates.add(m.group());
    }
    // an archived community takes no new members: no invite code is redeemed (a Follow is declined with the reason)
    return findInvite(c, c.archived() ? List.of() : new ArrayList<>(candidates)).compose(invite -> {
      if (invite.isPresent()) {
        return redeem(c, from, invite.get(), true).map(Optional::of);
      }
      return members.find(c.id(), from.id()).compose(member -> {
        if (member.isPresent() && !member.get().accepted() && c.joinQuestion() != null) {
          String answer = MessageText.withoutMentions(html);
          String clipped = answer.length() > 2_000 ? answer.substring(0, 2_000) : answer;
          return members.setAnswer(c.id(), from.id(), clipped)
              .compose(v -> inTx(tx -> members.event(tx, c.id(), from.id(), "answered", null, null)))
              .map(Optional.of("answer"));
        }
        return Future.succeededFuture(Optional.empty());
      });
    });
  }

  private Future<Optional<Invite>> findInvite(Community c, List<String> candidates) {
    Future<Optional<Invite>> found = Future.succeededFuture(Optional.empty());
    for (String code : candidates) {
      found = found.compose(f -> f.isPresent() ? Future.succeededFuture(f) : invites.byCode(c.id(), code));
    }
    return found;
  }

  /**
   * An invite redeemed on its web page for the account a visitor named by its handle: as if the account had sent the
   * code by direct message (pre-approved, or a pending request approved, or a membership renewed), except that
   * nothing is said to it: the visitor is sent on to follow. Returns what happened: "pre-approval", "joined",
   * "renewal", "refused: banned", "invite spent" or "invalid invite".
   */
  public Future<String> redeemFor(Community c, String code, String actorId) {
    return invites.byCode(c.id(), code).compose(invite -> invite.isEmpty() ? Future.succeededFuture("invalid invite")
        : actors.get(actorId).compose(who -> redeem(c, who, invite.get(), false)));
  }

  /** Redeems an invite for {@code from}; {@code byMessage}: it came by direct message, and is answered so. */
  private Future<String> redeem(Community c, RemoteActor from, Invite invite, boolean byMessage) {
    String lang = voice.languageFor(c, from);
    if (!invite.usable(now())) {
      return !byMessage ? Future.succeededFuture("invalid invite")
          : inTx(tx -> outbound.directMessage(tx, c, from, voice.paragraph(lang, "invite.invalid"), "notice", null, lang)
              .map("invalid invite"));
    }
    return members.find(c.id(), from.id()).compose(member -> bans.isBanned(c.id(), from.id()).compose(banned -> {
      if (banned) {
        return Future.succeededFuture("refused: banned");
      }
      OffsetDateTime grant = invite.grantDays() == null ? null
          : extend(member.filter(Member::accepted).map(Member::expiresAt).orElse(null), invite.grantDays());
      return inTx(tx -> invites.consume(tx, invite.id()).compose(ok -> {
        if (!ok) {
          return Future.succeededFuture("invite spent");
        }
        if (member.isPresent() && member.get().accepted()) {
          return members.setExpiry(tx, c.id(), from.id(), grant == null ? member.get().expiresAt() : grant)
              .compose(v -> members.event(tx, c.id(), from.id(), "renewed", "invite " + invite.id(), null))
              .compose(v -> !byMessage ? Future.succeededFuture() : outbound.directMessage(tx, c, from, grant == null
                  ? voice.paragraph(lang, "invite.renewed", c.name())
                  : voice.paragraph(lang, "invite.renewed.until", c.name(), voice.date(lang, grant)), "notice", null, lang))
              .map("renewal");
        }
        if (member.isPresent()) {
          return admit(tx, c, from, member.get().followId(), grant, null, "joined with an invite").map("joined");
        }
        return invites.preapprove(tx, c.id(), from.id(), invite.id(), grant, null)
            .compose(v -> members.event(tx, c.id(), from.id(), "pre-approved", "invite " + invite.id(), null))
            .compose(v -> !byMessage ? Future.succeededFuture() : outbound.directMessage(tx, c, from,
                voice.paragraph(lang, "invite.accepted", c.name()), "notice", null, lang))
            .map("pre-approval");
      }));
    }));
  }

  // ------------------------------------------------------------------ helpers

  /** A membership history entry that, when a person (not the system) caused it, also goes to the audit log. */
  private Future<Void> event(Tx tx, Community c, String actorId, String type, String detail, String byWhom) {
    Future<Void> history = members.event(tx, c.id(), actorId, type, detail, byWhom);
    return byWhom == null ? history
        : history.compose(v -> audit.record(tx, c.id(), byWhom, "member." + type.replace(' ', '_').replace("-", "_"), actorId,
            detail, null, null));
  }

  private Future<Member> pending(Community c, String actorId) {
    return members.find(c.id(), actorId).compose(m -> m.isPresent() && !m.get().accepted() ? Future.succeededFuture(m.get())
        : Future.failedFuture(CoreException.notFound("no join request from that account")));
  }

  private Future<Member> accepted(Community c, String actorId) {
    return members.find(c.id(), actorId).compose(m -> m.isPresent() && m.get().accepted() ? Future.succeededFuture(m.get())
        : Future.failedFuture(CoreException.notFound("that account is not a member of " + c.slug())));
  }

  private <T> Future<T> inTx(Function<Tx, Future<T>> work) {
    return out.send(work);
  }
}
