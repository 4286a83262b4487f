package social.hearth.core.membership;

import static social.hearth.core.util.Secrets.randomToken;
import static social.hearth.core.util.Secrets.sha256;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.port.Actors;
import social.hearth.core.port.MemberSignInStore;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.text.Html;

/**
 * Members sign in to a private community's pages with their fediverse account (issue 17 item 5): a member asks with
 * their handle, and the community sends them a direct message with a one-time code and a one-time link; either
 * starts a reading session. Codes live {@link #CODE_LIFETIME}, are used once, are stored as SHA-256 only and stop
 * working after {@link #MAX_WRONG} wrong codes. Someone who is not a member gets nothing, and the caller answers them
 * exactly as it answers a member. A session lasts {@link #SESSION_LIFETIME} and counts only while the membership
 * lasts; it reads, and grants nothing else.
 */
public final class MemberSignIn {

  private static final Logger LOG = LoggerFactory.getLogger(MemberSignIn.class);
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
  public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
  /** Wrong codes after which a code is locked (a new one must be asked for). */
  public static final int MAX_WRONG = 5;
  /** Digits of a code. */
  public static final int CODE_DIGITS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A started session: the cookie's token (only its hash is stored), the community and the member. */
  public record Started(String token, long communityId, String actorId) {}

  private final TransactionalOutbox out;
  private final MemberStore members;
  private final Actors actors;
  private final MemberSignInStore store;
  private final Voice voice = Voice.standard();

  public MemberSignIn(TransactionalOutbox out, MemberStore members, Actors actors, MemberSignInStore store) {
    this.out = out;
    this.members = members;
    this.actors = actors;
    this.store = store;
  }

  public MemberSignInStore store() {
    return store;
  }

  /**
   * A sign-in asked for {@code handle} (normalised: {@code user@host}), found by WebFinger as {@code actorId}: when
   * it is an accepted, unexpired member of {@code c}, a code and a link are sent to it by direct message (the link
   * is {@code linkBase} followed by the token). Completes with whether a message was sent; never fails for a
   * non-member, so the caller cannot tell them apart by the outcome's shape.
   */
  public Future<Boolean> request(Community c, String handle, String actorId, String linkBase) {
    return members.readsPrivately(c.id(), actorId, null).compose(member -> {
      if (!member) {
        LOG.info("sign-in to {} asked for {}, not a member: nothing sent", c.slug(), handle);
        return Future.succeededFuture(false);
      }
      String code = code();
      String token = randomToken(32);
      String lang = voice.speaks(c.language()) ? c.language() : Voice.FALLBACK;
      String link = linkBase + token;
      String html = voice.paragraph(lang, "signin.intro", c.name())
          + "<p><strong>" + Html.escape(code) + "</strong></p>"
          + "<p>" + voice.text(lang, "signin.link", "<a href=\"" + Html.escape(link) + "\">" + Html.escape(link) + "</a>")
          + "</p>" + voice.paragraph(lang, "signin.closing", String.valueOf(CODE_LIFETIME.toMinutes()));
      return actors.get(actorId).compose(recipient -> out.send(tx -> store.insertCode(tx, c.id(), handle, actorId,
              sha256(code), sha256(token), CODE_LIFETIME.toSeconds())
          .compose(v -> out.outbound().directMessage(tx, c, recipient, html, "signin", null, lang))))
          .map(iri -> {
            LOG.info("sign-in code for {} sent to {} ({})", c.slug(), actorId, iri);
            return true;
          });
    });
  }

  /**
   * The code typed for {@code handle}: a session when it is the latest pending code's, unused, unexpired and not
   * locked; a wrong code counts against it. Empty otherwise (wrong, used, expired, locked, or nobody asked).
   */
  public Future<Optional<Started>> redeemCode(Community c, String handle, String typed) {
    String clean = typed == null ? "" : typed.replaceAll("[\\s-]", "");
    return store.pending(c.id(), handle, MAX_WRONG).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      MemberSignInStore.Code code = found.get();
      // every try counts first (atomically), so concurrent guesses cannot pass the limit; a right one is then used
      return store.tryOnce(code.id(), MAX_WRONG).compose(allowed -> !allowed || !MessageDigest.isEqual(
          code.codeHash().getBytes(StandardCharsets.UTF_8), sha256(clean).getBytes(StandardCharsets.UTF_8))
          ? Future.succeededFuture(Optional.<Started>empty()) : start(code));
    });
  }

  /** The link's token: a session when its code is unused, unexpired and not locked; empty otherwise. */
  public Future<Optional<Started>> redeemLink(Community c, String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.byLink(c.id(), sha256(token), MAX_WRONG)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty()) : start(found.get()));
  }

  private Future<Optional<Started>> start(MemberSignInStore.Code code) {
    return store.use(code.id()).compose(used -> {
      if (!used) {
        return Future.succeededFuture(Optional.empty());
      }
      // still a member now? the session would not count otherwise
      return members.readsPrivately(code.communityId(), code.actorId(), null).compose(member -> {
        if (!member) {
          return Future.succeededFuture(Optional.empty());
        }
        String token = randomToken(32);
        return store.startSession(sha256(token), code.communityId(), code.actorId(), randomToken(32), SESSION_LIFETIME.toSeconds())
            .map(v -> Optional.of(new Started(token, code.communityId(), code.actorId())));
      });
    });
  }

  /** The live session behind a cookie's token. */
  public Future<Optional<MemberSignInStore.Session>> session(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.session(sha256(token));
  }

  public Future<Void> signOut(String token) {
    return token == null ? Future.succeededFuture() : store.endSession(sha256(token));
  }

  static String code() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < CODE_DIGITS; i++) {
      b.append(RANDOM.nextInt(10));
    }
    return b.toString();
  }
}
