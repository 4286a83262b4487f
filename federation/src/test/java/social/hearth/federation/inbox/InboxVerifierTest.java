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
import social.hearth.federation.sig.HttpSignatures;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.RequestView;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.spi.ActorKeys;
import social.hearth.federation.spi.ResolvedKey;

/**
 * Binding a verified signature to the activity's actor, the one refetch after a key rotation, both signature
 * schemes through the one entry point, and signed GETs.
 */
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

  final HttpSignatures signatures = new HttpSignatures(cavage);

  RequestView signedBy(KeyPair pair) {
    return signed(SignatureScheme.DRAFT_CAVAGE, pair, "POST", body);
  }

  RequestView signed(SignatureScheme scheme, KeyPair pair, String method, byte[] payload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(payload == null ? "Accept" : "Content-Type", "application/activity+json");
    signatures.sign(scheme, new SigningKey(ALICE + "#main-key", pair.getPrivate()), method,
        URI.create("https://hearth.example/inbox"), headers, payload);
    return view(method, headers);
  }

  static RequestView view(String method, Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new RequestView() {
      public String method() {
        return method;
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
    Future<InboxVerifier.Verified> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(ALICE, result.result().ownerId());
    assertEquals(List.of(false), keys.refreshes);
  }

  @Test
  void aRotatedKeyIsRefetchedOnceAndThenAccepted() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), false));
    Future<InboxVerifier.Verified> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(ALICE, result.result().ownerId());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void aSignatureThatStillFailsAfterTheRefetchIsRejectedWithoutASecondRefetch() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), false));
    Future<InboxVerifier.Verified> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(SignatureException.Reason.INVALID_SIGNATURE, ((SignatureException) result.cause()).reason());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void aKeyOwnedBySomeoneElseThanTheActorIsRejected() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
    Future<InboxVerifier.Verified> result = new InboxVerifier(cavage, keys).verify(signedBy(NEW), body, "https://remote.example/users/bob");
    SignatureException e = assertInstanceOf(SignatureException.class, result.cause());
    assertEquals(SignatureException.Reason.KEY_OWNER_MISMATCH, e.reason());
  }

  @Test
  void anRfc9421SignedPostIsVerifiedAndReportsItsScheme() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verify(signed(SignatureScheme.RFC9421, NEW, "POST", body), body, ALICE);
    assertEquals(SignatureScheme.RFC9421, result.result().scheme());
    assertEquals(ALICE, result.result().ownerId());
  }

  @Test
  void aDraftCavageSignedPostReportsItsScheme() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys).verify(signedBy(NEW), body, ALICE);
    assertEquals(SignatureScheme.DRAFT_CAVAGE, result.result().scheme());
  }

  @Test
  void anRfc9421SignatureWithARotatedKeyIsRefetchedOnce() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), false));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verify(signed(SignatureScheme.RFC9421, NEW, "POST", body), body, ALICE);
    assertEquals(ALICE, result.result().ownerId());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void aKeyRotatedToEd25519IsRefetchedOnceAndThenAccepted() {
    KeyPair ed = Keys.generateEd25519();
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, ed.getPublic(), false));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verify(signed(SignatureScheme.RFC9421, ed, "POST", body), body, ALICE);
    assertEquals(ALICE, result.result().ownerId());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void aFreshlyFetchedKeyThatFailsIsNotRefetched() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), false));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verify(signed(SignatureScheme.RFC9421, NEW, "POST", body), body, ALICE);
    assertEquals(SignatureException.Reason.INVALID_SIGNATURE, ((SignatureException) result.cause()).reason());
    assertEquals(List.of(false), keys.refreshes);
  }

  @Test
  void aRequestFailingTheKeylessChecksNeverCausesAKeyFetch() {
    ScriptedKeys keys = new ScriptedKeys();
    byte[] other = "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8);
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verify(signed(SignatureScheme.RFC9421, NEW, "POST", body), other, ALICE);
    assertEquals(SignatureException.Reason.DIGEST_MISMATCH, ((SignatureException) result.cause()).reason());
    assertEquals(List.of(), keys.refreshes);
  }

  @Test
  void anRfc9421KeyOwnedBySomeoneElseIsRejected() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verify(signed(SignatureScheme.RFC9421, NEW, "POST", body), body, "https://remote.example/users/bob");
    assertEquals(SignatureException.Reason.KEY_OWNER_MISMATCH, ((SignatureException) result.cause()).reason());
  }

  @Test
  void aSignedGetIsVerifiedInBothSchemesAndTellsWhoSignedIt() {
    for (SignatureScheme scheme : SignatureScheme.values()) {
      ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, NEW.getPublic(), true));
      Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
          .verifyFetch(signed(scheme, NEW, "GET", null));
      assertEquals(ALICE, result.result().ownerId(), scheme.name());
      assertEquals(ALICE + "#main-key", result.result().keyId());
      assertEquals(scheme, result.result().scheme());
    }
  }

  @Test
  void aSignedGetWithTheWrongKeyIsRejectedAfterOneRefetch() {
    ScriptedKeys keys = new ScriptedKeys(new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), true),
        new ResolvedKey(ALICE + "#main-key", ALICE, OLD.getPublic(), false));
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, keys)
        .verifyFetch(signed(SignatureScheme.RFC9421, NEW, "GET", null));
    assertEquals(SignatureException.Reason.INVALID_SIGNATURE, ((SignatureException) result.cause()).reason());
    assertEquals(List.of(false, true), keys.refreshes);
  }

  @Test
  void anUnsignedGetIsRejected() {
    Future<InboxVerifier.Verified> result = new InboxVerifier(signatures, new ScriptedKeys())
        .verifyFetch(view("GET", Map.of("Accept", "application/activity+json")));
    assertEquals(SignatureException.Reason.MISSING_SIGNATURE, ((SignatureException) result.cause()).reason());
  }
}
