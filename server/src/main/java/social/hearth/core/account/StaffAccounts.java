package social.hearth.core.account;

import static social.hearth.core.util.Secrets.randomToken;
import static social.hearth.core.util.Secrets.sha256;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.Account;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.StaffInvitation;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.SessionStore;

/**
 * Staff accounts, the one way the admin API, the instance admin's pages and {@code hearth admin create-user} all
 * go: creating them (the username and password are checked, the password is hashed off the event loop), their roles,
 * disabling, re-enabling and deleting them (never one's own account or the last enabled instance admin), resetting a
 * password (the account must choose a new one at its next sign-in), and invitations by a one-time link. Every change
 * is in the audit log; {@code byWhom} is {@code staff:<username>} or {@code admin} (the admin token).
 */
public final class StaffAccounts {

  /** How long an invitation link works. */
  public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
  private static final String USERNAME = "[a-z0-9_]{2,32}";

  /** A new invitation: its id and the token of its link (shown once; only its hash is stored). */
  public record Invitation(long id, String token, OffsetDateTime expiresAt) {}

  private final Vertx vertx;
  private final AccountStore accounts;
  private final SessionStore sessions;
  private final AuditLog audit;

  /** Accounts created without sessions to end or a log to write (the {@code hearth admin} command). */
  public StaffAccounts(Vertx vertx, AccountStore accounts) {
    this(vertx, accounts, null, null);
  }

  public StaffAccounts(Vertx vertx, AccountStore accounts, SessionStore sessions, AuditLog audit) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.sessions = sessions;
    this.audit = audit;
  }

  /**
   * Validates and creates a staff account; a taken username, or the name of a community (both would be
   * {@code @name@host}), is a conflict.
   */
  public Future<Account> create(String username, String password, boolean instanceAdmin) {
    if (username == null || !username.matches(USERNAME)) {
      return Future.failedFuture(CoreException.badRequest("username is 2 to 32 lower-case letters, digits or underscores"));
    }
    String weak = Passwords.weakness(password);
    if (weak != null) {
      return Future.failedFuture(CoreException.badRequest(weak));
    }
    return available(username)
        .compose(v -> vertx.executeBlocking(() -> Passwords.hash(password), false))
        .compose(hash -> accounts.create(username, hash, instanceAdmin))
        .compose(a -> a.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(CoreException.conflict("the username '" + username + "' is taken"))));
  }

  /** Creates an account, as {@link #create(String, String, boolean)}, and records who did. */
  public Future<Account> create(String username, String password, boolean instanceAdmin, String byWhom) {
    return create(username, password, instanceAdmin).compose(a -> log(null, byWhom, "staff.account.created", a.username(),
        AuditLog.detail("username", a.username(), "instanceAdmin", instanceAdmin)).map(a));
  }

  private Future<Void> available(String username) {
    return accounts.isCommunityName(username).compose(community -> community
        ? Future.failedFuture(new CoreException(CoreException.Kind.CONFLICT, "community_name", "'" + username
            + "' is the name of a community here: "
            + "a staff account and a community cannot share a name (both are @" + username + " on the fediverse)"))
        : accounts.byUsername(username).compose(a -> a.isPresent()
            ? Future.failedFuture(new CoreException(CoreException.Kind.CONFLICT, "taken", "the username '" + username
                + "' is taken"))
            : Future.succeededFuture()));
  }

  // ------------------------------------------------------------------ roles

  /**
   * Gives the account a role in the community ({@code owner}, {@code moderator}) or takes it away ({@code none});
   * a demotion ends its sessions (its next request would end them anyway).
   */
  public Future<Void> setRole(String username, Community c, String role, String byWhom) {
    if (!List.of("owner", "moderator", "none").contains(role)) {
      return Future.failedFuture(CoreException.badRequest("role must be owner, moderator or none"));
    }
    return account(username).compose(a -> accounts.role(a.id(), c.id()).compose(before -> {
      boolean demotion = before.isPresent() && (role.equals("none") || (before.get().equals("owner") && !role.equals("owner")));
      Future<?> change = role.equals("none") ? accounts.removeRole(a.id(), c.id()) : accounts.setRole(a.id(), c.id(), role);
      return change.compose(x -> demotion ? endSessions(a.id()) : Future.succeededFuture())
          .compose(x -> role.equals("none") && before.isEmpty() ? Future.succeededFuture()
              : log(c.id(), byWhom, role.equals("none") ? "staff.role.removed" : "staff.role.set", username,
                  AuditLog.detail("username", username, "role", role)));
    }));
  }

  // ------------------------------------------------------------------ disable, enable, delete, reset

  /** Disables an account: it cannot sign in, and its sessions end at once. */
  public Future<Void> disable(String username, String byWhom) {
    return guarded(username, byWhom, "disable").compose(a -> accounts.setDisabled(a.id(), true)
        .compose(x -> endSessions(a.id()))
        .compose(x -> log(null, byWhom, "staff.account.disabled", username, AuditLog.detail("username", username))));
  }

  public Future<Void> enable(String username, String byWhom) {
    return account(username).compose(a -> accounts.setDisabled(a.id(), false))
        .compose(x -> log(null, byWhom, "staff.account.enabled", username, AuditLog.detail("username", username)));
  }

  /** Deletes an account; its name stays taken, and the audit log keeps naming it. */
  public Future<Void> delete(String username, String byWhom) {
    return guarded(username, byWhom, "delete").compose(a -> endSessions(a.id()).compose(x -> accounts.delete(a.id())))
        .compose(x -> log(null, byWhom, "staff.account.deleted", username, AuditLog.detail("username", username)));
  }

  /**
   * Gives the account a new random password, returned once for the admin to pass on: every session ends, and the
   * account must choose its own password at its next sign-in.
   */
  public Future<String> resetPassword(String username, String byWhom) {
    String temporary = randomToken(12);
    return account(username)
        .compose(a -> vertx.executeBlocking(() -> Passwords.hash(temporary), false)
            .compose(hash -> accounts.resetPassword(a.id(), hash))
            .compose(x -> endSessions(a.id())))
        .compose(x -> log(null, byWhom, "staff.password.reset", username, AuditLog.detail("username", username)))
        .map(temporary);
  }

  /** An account that may be disabled or deleted: not one's own, and not the last enabled instance admin. */
  private Future<Account> guarded(String username, String byWhom, String what) {
    if (("staff:" + username).equals(byWhom)) {
      return Future.failedFuture(new CoreException(CoreException.Kind.CONFLICT, "own_account",
          "you cannot " + what + " your own account"));
    }
    return account(username).compose(a -> !a.instanceAdmin() || a.disabled() ? Future.succeededFuture(a)
        : accounts.activeAdmins().compose(n -> n <= 1
            ? Future.failedFuture(new CoreException(CoreException.Kind.CONFLICT, "last_admin",
                "'" + username + "' is the last instance admin: make another account an instance admin first"))
            : Future.succeededFuture(a)));
  }

  private Future<Account> account(String username) {
    return accounts.byUsername(username == null ? "" : username).compose(a -> a.isPresent()
        ? Future.succeededFuture(a.get()) : Future.failedFuture(CoreException.notFound("no staff account '" + username + "'")));
  }

  private Future<Void> endSessions(long accountId) {
    return sessions == null ? Future.succeededFuture() : sessions.deleteAll(accountId);
  }

  // ------------------------------------------------------------------ invitations

  /**
   * Invites a new staff member: a one-time link valid for {@link #INVITATION_LIFETIME}, with the username fixed
   * (or null: the invitee picks one), instance admin or not, and roles per community.
   */
  public Future<Invitation> invite(String username, boolean instanceAdmin, Map<Community, String> roles, String byWhom) {
    Map<Long, String> byId = new LinkedHashMap<>();
    for (var e : roles.entrySet()) {
      if (!List.of("owner", "moderator").contains(e.getValue())) {
        return Future.failedFuture(CoreException.badRequest("role must be owner or moderator"));
      }
      byId.put(e.getKey().id(), e.getValue());
    }
    if (username != null && !username.matches(USERNAME)) {
      return Future.failedFuture(CoreException.badRequest("username is 2 to 32 lower-case letters, digits or underscores"));
    }
    String token = randomToken(32);
    OffsetDateTime expires = OffsetDateTime.now().plus(INVITATION_LIFETIME);
    return (username == null ? Future.<Void>succeededFuture() : available(username))
        .compose(v -> accounts.invite(sha256(token), username, instanceAdmin, byId, byWhom, expires))
        .compose(id -> log(null, byWhom, "staff.invitation.created", "invitation #" + id, AuditLog.detail("id", id,
            "username", username == null ? "" : username, "instanceAdmin", instanceAdmin)).map(new Invitation(id, token, expires)));
  }

  public Future<List<StaffInvitation>> invitations() {
    return accounts.openInvitations();
  }

  /** The open invitation of a link's token, if it is still open. */
  public Future<Optional<StaffInvitation>> invitation(String token) {
    return token == null || token.length() > 100 ? Future.succeededFuture(Optional.empty()) : accounts.invitation(sha256(token));
  }

  public Future<Void> revokeInvitation(long id, String byWhom) {
    return accounts.revokeInvitation(id).compose(done -> done
        ? log(null, byWhom, "staff.invitation.revoked", "invitation #" + id, AuditLog.detail("id", id))
        : Future.failedFuture(CoreException.notFound("no open invitation #" + id)));
  }

  /**
   * Joins the staff with an invitation's link: the username (the invitation's own when it fixed one) and password
   * are checked, the invitation is used up (a second use fails) and the account gets the invitation's roles.
   */
  public Future<Account> join(String token, String wantedUsername, String password) {
    return invitation(token).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new CoreException(CoreException.Kind.NOT_FOUND, "invitation_gone",
            "this invitation was used, revoked or has expired"));
      }
      String username = found.get().username() != null ? found.get().username() : wantedUsername;
      String weak = Passwords.weakness(password);
      if (username == null || !username.matches(USERNAME)) {
        return Future.failedFuture(CoreException.badRequest("username is 2 to 32 lower-case letters, digits or underscores"));
      }
      if (weak != null) {
        return Future.failedFuture(CoreException.badRequest(weak));
      }
      String hash = sha256(token);
      return available(username).compose(v -> accounts.takeInvitation(hash, username)).compose(taken -> taken.isEmpty()
          ? Future.failedFuture(new CoreException(CoreException.Kind.NOT_FOUND, "invitation_gone",
            "this invitation was used, revoked or has expired"))
          : create(username, password, taken.get().instanceAdmin())
              .recover(e -> accounts.releaseInvitation(hash).compose(x -> Future.failedFuture(e)))
              .compose(a -> grant(a, taken.get().roles()).compose(x -> log(null, "staff:" + username,
                  "staff.invitation.accepted", username, AuditLog.detail("username", username, "id", found.get().id())))
                  .map(a)));
    });
  }

  private Future<Void> grant(Account a, Map<Long, String> roles) {
    Future<Void> done = Future.succeededFuture();
    for (var e : roles.entrySet()) {
      done = done.compose(x -> accounts.setRole(a.id(), e.getKey(), e.getValue()));
    }
    return done;
  }

  private Future<Void> log(Long communityId, String byWhom, String action, String target, Map<String, Object> detail) {
    return audit == null ? Future.succeededFuture()
        : audit.record(communityId, byWhom == null ? "admin" : byWhom, action, target, null, null, detail);
  }
}
