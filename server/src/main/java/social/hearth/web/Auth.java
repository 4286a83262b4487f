package social.hearth.web;

import static social.hearth.core.util.Secrets.randomToken;
import static social.hearth.core.util.Secrets.sha256;

import social.hearth.core.domain.Account;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.LoginAttemptStore;
import social.hearth.core.port.SessionStore;
import social.hearth.core.domain.Community;
import social.hearth.core.account.Passwords;

/**
 * Staff sign-in: server-side sessions (the cookie carries a random token, the database its SHA-256), a CSRF token
 * per session checked on every state-changing request, login and password-change rate limits per client address
 * (IPv6 per /64) and per account name (from every address together), and the end of a session when its account's
 * password changes or it loses a role it had at login.
 */
public final class Auth {

  public static final String SESSION_KEY = "hearth.session";
  static final String SESSION_COOKIE = "hearth_session";
  static final String LOGIN_COOKIE = "hearth_login";
  static final String CSRF_FIELD = "_csrf";
  /** Sessions last a week from their last use, and 30 days at most. */
  static final Duration IDLE = Duration.ofDays(7);
  static final Duration MAX_AGE = Duration.ofDays(30);
  /** Failed attempts allowed per client address (IPv6: per /64) in the window before it must wait. */
  static final int MAX_FAILURES = 10;
  /** Failed attempts allowed per account name, from all addresses together, in the window before it must wait. */
  static final int MAX_ACCOUNT_FAILURES = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** Verified when the username is unknown, so both cases take as long. */
  private static final String DUMMY_HASH = Passwords.hash("not-a-real-password-" + System.nanoTime());

  /** A signed-in staff member and what they may do. {@code roles}: community id → owner or moderator. */
  public record Session(String tokenHash, long accountId, String username, boolean instanceAdmin, String csrf,
                        Map<Long, String> roles, boolean mustChangePassword) {

    public boolean isAdmin() {
      return instanceAdmin;
    }

    /** owner, moderator, or null; an instance admin counts as owner everywhere. */
    public String role(long communityId) {
      return instanceAdmin ? "owner" : roles.get(communityId);
    }

    public boolean mayModerate(Community c) {
      return role(c.id()) != null;
    }

    public boolean owns(Community c) {
      return "owner".equals(role(c.id()));
    }

    public boolean hasAnyRole() {
      return instanceAdmin || !roles.isEmpty();
    }
  }

  private final Vertx vertx;
  private final SessionStore sessions;
  private final LoginAttemptStore attempts;
  private final AccountStore accounts;
  private final ClientAddress clientAddress;
  private final boolean secure;

  public Auth(Vertx vertx, SessionStore sessions, LoginAttemptStore attempts, AccountStore accounts,
              ClientAddress clientAddress, boolean secure) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.attempts = attempts;
    this.accounts = accounts;
    this.clientAddress = clientAddress;
    this.secure = secure;
  }

  // ------------------------------------------------------------------ reading the session

  /** The request's valid session, loaded once per request. A session whose account was demoted or whose password changed is ended. */
  public Future<Optional<Session>> session(RoutingContext ctx) {
    if (ctx.get(SESSION_KEY + ".loaded") != null) {
      return Future.succeededFuture(Optional.ofNullable(ctx.get(SESSION_KEY)));
    }
    ctx.put(SESSION_KEY + ".loaded", true);
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().length() != 43) {
      return Future.succeededFuture(Optional.empty());
    }
    String hash = sha256(cookie.getValue());
    return sessions.find(hash).compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(Optional.<Session>empty());
          }
          SessionStore.Found r = found.get();
          boolean admin = r.instanceAdmin();
          String current = privileges(admin, r.roles());
          if (!r.passwordCurrent() || demoted(r.privileges(), current)) {
            return sessions.delete(hash).map(x -> Optional.<Session>empty());
          }
          Session s = new Session(hash, r.accountId(), r.username(), admin, r.csrf(), roles(r.roles()),
              r.mustChangePassword());
          Future<Void> touch = Future.succeededFuture();
          if (r.stale() || !current.equals(r.privileges())) {
            touch = sessions.touch(hash, current, MAX_AGE.toSeconds(), IDLE.toSeconds());
          }
          return touch.map(v -> Optional.of(s));
        })
        .onSuccess(s -> s.ifPresent(v -> ctx.put(SESSION_KEY, v)));
  }

  static String privileges(boolean admin, String roles) {
    return (admin ? "admin" : "staff") + ";" + roles;
  }

  private static Map<Long, String> roles(String list) {
    Map<Long, String> out = new TreeMap<>();
    if (list != null && !list.isEmpty()) {
      for (String pair : list.split(",")) {
        int colon = pair.indexOf(':');
        out.put(Long.parseLong(pair.substring(0, colon)), pair.substring(colon + 1));
      }
    }
    return Map.copyOf(out);
  }

  /** True when {@code now} lacks something {@code before} had: instance admin, a community role, or owner. */
  static boolean demoted(String before, String now) {
    boolean wasAdmin = before.startsWith("admin;");
    boolean isAdmin = now.startsWith("admin;");
    if (wasAdmin && !isAdmin) {
      return true;
    }
    if (isAdmin) {
      return false; // an instance admin is owner everywhere: a community role gone (a deleted community) takes nothing
    }
    Map<Long, String> had = roles(before.substring(before.indexOf(';') + 1));
    Map<Long, String> has = roles(now.substring(now.indexOf(';') + 1));
    for (var e : had.entrySet()) {
      String role = has.get(e.getKey());
      if (role == null || ("owner".equals(e.getValue()) && !"owner".equals(role))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ signing in and out

  /** A fresh token for the login form, kept in a short-lived cookie (login CSRF: double submit). */
  public String loginToken(RoutingContext ctx) {
    Cookie existing = ctx.request().getCookie(LOGIN_COOKIE);
    if (existing != null && existing.getValue().length() == 43) {
      return existing.getValue();
    }
    String token = randomToken(32);
    ctx.response().addCookie(cookie(LOGIN_COOKIE, token, Duration.ofHours(2)).setSameSite(CookieSameSite.STRICT));
    return token;
  }

  public boolean loginTokenMatches(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(LOGIN_COOKIE);
    String field = ctx.request().getFormAttribute(CSRF_FIELD);
    return c != null && field != null && constantTimeEquals(c.getValue(), field);
  }

  /** The outcome of a login attempt. */
  public enum LoginResult { OK, INVALID, LIMITED, DISABLED }

  /**
   * Checks the password (off the event loop) unless the client address is over its failure limit; on success
   * starts a new session and sets its cookie.
   */
  public Future<LoginResult> login(RoutingContext ctx, String username, String password) {
    String address = client(ctx);
    String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    // only a name that could be an account is counted per account (unknown ones too, so the limit tells nothing)
    String name = user.matches("[a-z0-9_]{2,32}") ? user : null;
    return limited(address, name, "login").compose(limited -> {
      if (limited) {
        return Future.succeededFuture(LoginResult.LIMITED);
      }
      boolean plausible = name != null && password != null && password.length() <= Passwords.MAX_LENGTH;
      Future<Optional<Account>> account = plausible ? accounts.byUsername(user)
          : Future.succeededFuture(Optional.empty());
      return account.compose(a -> vertx.executeBlocking(() -> Passwords.verify(password == null ? "" : password,
              a.map(Account::passwordHash).orElse(DUMMY_HASH)) && a.isPresent(), false)
          .compose(ok -> !ok ? failure(address, "login", name).map(LoginResult.INVALID)
              : a.get().disabled() ? Future.succeededFuture(LoginResult.DISABLED)
              : startSession(ctx, a.get(), address).map(LoginResult.OK)));
    });
  }

  Future<Void> startSession(RoutingContext ctx, Account a, String address) {
    String token = randomToken(32);
    String ua = ctx.request().getHeader("User-Agent");
    // failures are not forgotten on success: signing in to one account must not reset the budget for guessing another
    return sessions.start(sha256(token), a.id(), randomToken(32), a.instanceAdmin() ? "admin;" : "staff;", address,
            ua == null ? null : ua.substring(0, Math.min(ua.length(), 300)), IDLE.toSeconds())
        .map(x -> {
          ctx.response().addCookie(cookie(SESSION_COOKIE, token, MAX_AGE).setSameSite(CookieSameSite.LAX));
          ctx.response().addCookie(cookie(LOGIN_COOKIE, "", Duration.ZERO).setSameSite(CookieSameSite.STRICT));
          return null;
        });
  }

  public Future<Void> logout(RoutingContext ctx, Session s) {
    ctx.response().addCookie(cookie(SESSION_COOKIE, "", Duration.ZERO).setSameSite(CookieSameSite.LAX));
    return sessions.delete(s.tokenHash());
  }

  /** Ends every session of an account (password changed, demoted, removed). */
  public Future<Void> endSessions(long accountId) {
    return sessions.deleteAll(accountId);
  }

  /** The outcome of a password change. */
  public enum PasswordResult { OK, WRONG, WEAK, MISMATCH, LIMITED }

  /** Changes the signed-in account's password; every session of the account ends and this browser gets a new one. */
  public Future<PasswordResult> changePassword(RoutingContext ctx, Session s, String current, String next, String repeat) {
    String address = client(ctx);
    return limited(address, s.username(), "password").compose(limited -> {
      if (limited) {
        return Future.succeededFuture(PasswordResult.LIMITED);
      }
      if (next == null || !next.equals(repeat)) {
        return Future.succeededFuture(PasswordResult.MISMATCH);
      }
      if (Passwords.weakness(next) != null) {
        return Future.succeededFuture(PasswordResult.WEAK);
      }
      return accounts.byUsername(s.username()).compose(a -> {
        if (a.isEmpty()) {
          return Future.succeededFuture(PasswordResult.WRONG);
        }
        return vertx.executeBlocking(() -> Passwords.verify(current == null ? "" : current, a.get().passwordHash())
                ? Passwords.hash(next) : null, false)
            .compose(hash -> {
              if (hash == null) {
                return failure(address, "password", s.username()).map(PasswordResult.WRONG);
              }
              return accounts.setPassword(a.get().id(), hash)
                  .compose(x -> endSessions(a.get().id()))
                  .compose(x -> accounts.byUsername(s.username()))
                  .compose(fresh -> startSession(ctx, fresh.orElseThrow(), address))
                  .map(PasswordResult.OK);
            });
      });
    });
  }

  /**
   * Sets the password an instance admin's reset demands (no current password asked: the account just signed in with
   * the temporary one); every session of the account ends and this browser gets a new one.
   */
  public Future<PasswordResult> replaceResetPassword(RoutingContext ctx, Session s, String next, String repeat) {
    if (next == null || !next.equals(repeat)) {
      return Future.succeededFuture(PasswordResult.MISMATCH);
    }
    if (Passwords.weakness(next) != null) {
      return Future.succeededFuture(PasswordResult.WEAK);
    }
    String address = client(ctx);
    return vertx.executeBlocking(() -> Passwords.hash(next), false)
        .compose(hash -> accounts.setPassword(s.accountId(), hash))
        .compose(x -> endSessions(s.accountId()))
        .compose(x -> accounts.byUsername(s.username()))
        .compose(fresh -> startSession(ctx, fresh.orElseThrow(), address))
        .map(PasswordResult.OK);
  }

  /** Handles looked up for visitors (the invite and join forms) per client address in the window. */
  static final int MAX_HANDLE_LOOKUPS = 20;

  /**
   * Counts a handle a visitor asked Hearth to look up (WebFinger and NodeInfo on their server) against their client
   * address, as failed sign-ins are counted: false when the address already used its {@link #MAX_HANDLE_LOOKUPS}
   * in the window (nothing is counted then).
   */
  public Future<Boolean> lookupAllowed(RoutingContext ctx) {
    String key = limitKey(client(ctx));
    return attempts.failures(key, null, "handle", WINDOW.toSeconds()).compose(n -> n.byAddress() >= MAX_HANDLE_LOOKUPS
        ? Future.succeededFuture(false) : attempts.fail(key, "handle", null).map(true));
  }

  private Future<Boolean> limited(String address, String username, String kind) {
    return attempts.failures(limitKey(address), username, kind, WINDOW.toSeconds())
        .map(n -> n.byAddress() >= MAX_FAILURES || n.byAccount() >= MAX_ACCOUNT_FAILURES);
  }

  private Future<Void> failure(String address, String kind, String username) {
    return attempts.fail(limitKey(address), kind, username);
  }

  /**
   * What failures are counted under for a client address: an IPv4 address as it is (an IPv4-mapped IPv6 address as
   * its IPv4 address), an IPv6 address by its /64 network, which one subscriber usually holds whole (a guesser
   * who changes addresses inside it is still one client). Anything else as given.
   */
  static String limitKey(String address) {
    byte[] bytes = ClientAddress.literal(address);
    if (bytes == null) {
      return address == null ? "" : address;
    }
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      b.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return b.append(":/64").toString();
  }

  // ------------------------------------------------------------------ CSRF and helpers

  /** True when the request carries the session's CSRF token (form field or header) and no foreign Origin. */
  public boolean csrfValid(RoutingContext ctx, Session s, String origin) {
    return s != null && csrfValid(ctx, s.csrf(), origin);
  }

  /**
   * True when the request carries {@code expected} as its CSRF token (form field {@value #CSRF_FIELD}, or the
   * {@code X-CSRF-Token} header) and its {@code Origin}, if any, is {@code origin} (or {@code null}, a privacy-minded
   * browser's). Every form that changes something checks it: the staff's, a wiki editor's, a member's sign-out.
   */
  static boolean csrfValid(RoutingContext ctx, String expected, String origin) {
    String sent = ctx.request().getFormAttribute(CSRF_FIELD);
    if (sent == null) {
      sent = ctx.request().getHeader("X-CSRF-Token");
    }
    String from = ctx.request().getHeader("Origin");
    if (from != null && !from.equals(origin) && !from.equals("null")) {
      return false;
    }
    return expected != null && !expected.isEmpty() && sent != null && constantTimeEquals(expected, sent);
  }

  public String client(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return clientAddress.resolve(remote == null ? null : remote.hostAddress(), ctx.request().getHeader("X-Forwarded-For"));
  }

  private Cookie cookie(String name, String value, Duration maxAge) {
    return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSecure(secure).setMaxAge(maxAge.toSeconds());
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
