package social.hearth.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.DraftCavage;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.spi.ActorKeys;
import social.hearth.federation.spi.ResolvedKey;

/** Binding a verified signature to the activity's actor, and the one refetch after a key rotation. */
class InboxVerifierTest {

  static final String ALICE = "https://remote.example/users/alice";
  static final KeyPair OLD = Keys.generateRsa2048();
  static final KeyPair NEW = Keys.generateRsa2048();
  final DraftCavage cavage = new DraftCavage(Clock.systemUTC(), Duration.ofHours(1));
  final byte[] body = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);

  /** A key store that answers from a list, one answer per call, and counts the calls. */
  static final class ScriptedKeys implements ActorKeys {
    final List<ResolvedKey> answers;
    final List<Boolean> refreshes = new ArrayList<>();

    ScriptedKeys(ResolvedKey... answers) {
      this.answers = new ArrayList<>(List.of(answers));
    }

    @Override
    public Future<ResolvedKey> resolve(String keyId, boolean refresh) {
      refreshes.add(refresh);
      return Future.succeededFuture(answers.remove(0));
    }
  }

  RequestView signedBy(KeyPair pair) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    cavage.sign(new SigningKey(ALICE + "#main-key", pair.getPrivate()), "POST", URI.create("https://hearth.example/inbox"), headers, body);
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new RequestView() {
      public String method() {
        return "POST";
      }

      public String pathAndQuery() {
        return "/inbox";
      }

      public List<String> headers(String name) {
        String v = lower.get(name.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : List.of(v);
      }
    };
  }

  @Test
  void aSignatureByTheActorsOwnKeyIsAccepted() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
    Future<ResolvedKey> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(ALICE, result.result().ownerId());
    assertEquals(List.of(false), keys.refreshes);
  }

  @Test
  void aRotatedKeyIsRefetchedOnceAndThenAccepted() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), false));
    Future<ResolvedKey> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(ALICE, result.result().ownerId());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void aSignatureThatStillFailsAfterTheRefetchIsRejectedWithoutASecondRefetch() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), false));
    Future<ResolvedKey> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(SignatureException.Reason.INVALID_SIGNATURE, ((SignatureException) result.cause()).reason());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void aKeyOwnedBySomeoneElseThanTheActorIsRejected() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
    Future<ResolvedKey> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, "https://remote.example/users/bob");
    SignatureException e = assertInstanceOf(SignatureException.class, result.cause());
    assertEquals(SignatureException.Reason.KEY_OWNER_MISMATCH, e.reason());
  }
}
