package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: thousands of mutated signature headers (seeded, so failures reproduce) must only ever end in
 * success or a SignatureException, never in another exception.
 */
class SignatureFuzzTest {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
  static final String ALPHABET = "\"();=,:?*-_. \t\\@aZz0999999999+/\u00e9\u0000\n";

  final HttpSignatures signatures = new HttpSignatures(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
  final KeyPair rsa = Keys.generateRsa2048();
  final KeyPair ed = Keys.generateEd25519();

  static String mutate(String s, Random random) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = b.length() == 0 ? 0 : random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> {
          if (b.length() > 0) {
            b.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (b.length() > 0) {
            b.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
        case 3 -> b.setLength(at);
        default -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(40))));
      }
    }
    return b.toString();
  }

  void run(SignatureScheme scheme, KeyPair pair, long seed) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/activity+json");
    signatures.sign(scheme, new SigningKey("https://remote.example/users/a#k", pair.getPrivate()), "POST",
        URI.create("https://hearth.example/inbox"), headers, BODY);
    Random random = new Random(seed);
    List<String> targets = List.of("Signature", "Signature-Input", "Content-Digest", "Digest", "Host", "Date");
    for (int i = 0; i < 3000; i++) {
      TestRequest r = TestRequest.from("POST", "/inbox", headers);
      String name = targets.get(random.nextInt(targets.size()));
      String value = r.header(name);
      if (value != null) {
        r.replace(name, mutate(value, random));
      }
      try {
        signatures.prepare(r, random.nextInt(10) == 0 ? null : BODY).verify(pair.getPublic());
      } catch (SignatureException expected) {
        // the only acceptable failure
      } catch (RuntimeException e) {
        fail("seed " + seed + " iteration " + i + ": " + name + "=" + r.header(name) + " threw " + e, e);
      }
    }
  }

  @Test
  void mutatedRfc9421HeadersOnlyEverFailWithSignatureException() {
    run(SignatureScheme.RFC9421, rsa, 9421);
    run(SignatureScheme.RFC9421, ed, 25519);
  }

  @Test
  void mutatedDraftCavageHeadersOnlyEverFailWithSignatureException() {
    run(SignatureScheme.DRAFT_CAVAGE, rsa, 12);
    run(SignatureScheme.DRAFT_CAVAGE, ed, 13);
  }
}
