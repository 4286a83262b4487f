package social.hearth.federation.sig;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.federation.spi.SignatureSchemes;

/**
 * Outgoing "double-knocking" (as Fedify does, see the SWICG ActivityPub HTTP Signature report): sign with the
 * scheme remembered for the host, or RFC 9421 when none is; if the peer refuses it, send once more signed with
 * the other scheme. A scheme is remembered for the host when a request signed with it got a 2xx answer and it
 * differs from what was remembered.
 *
 * <p>A refusal is 400 or 401, or any other 4xx carrying {@code Accept-Signature} (RFC 9421 §5.1). 5xx is not a
 * refusal: retrying a failing server with a second request only doubles its load. Network errors are not
 * retried either; they fail the returned Future as the attempt did. The memory is keyed by the host of the URL
 * requested ({@link #hostKey}), also when a GET was redirected: every hop of one attempt is signed with the same
 * scheme, and a refusal anywhere in the chain retries the whole chain with the other one.
 */
public final class DoubleKnock {

  private static final Logger LOG = LoggerFactory.getLogger(DoubleKnock.class);

  /** How a peer answered one attempt. */
  public enum Verdict {
    /** 2xx: the signature was accepted. */
    ACCEPTED,
    /** The peer refused the signature: try the other scheme. */
    REFUSED,
    /** Anything else (redirect, 404, 5xx...): no retry, nothing learned. */
    OTHER
  }

  /**
   * The answer finally used, the scheme that produced it, whether a second knock was needed, and whether that
   * answer was to an Ed25519 signature (false: RSA).
   */
  public record Outcome<R>(R response, SignatureScheme scheme, boolean retried, boolean ed25519) {

    /** An outcome of an RSA-signed request. */
    public Outcome(R response, SignatureScheme scheme, boolean retried) {
      this(response, scheme, retried, false);
    }
  }

  /** How one attempt is signed: the scheme, and whether with the Ed25519 key (RFC 9421 only) or the RSA key. */
  @FunctionalInterface
  public interface Attempt<R> {
    Future<R> send(SignatureScheme scheme, boolean ed25519);
  }

  private final SignatureSchemes memory;

  public DoubleKnock(SignatureSchemes memory) {
    this.memory = memory;
  }

  public SignatureSchemes memory() {
    return memory;
  }

  /** Classifies an answer by its status and whether it carries an {@code Accept-Signature} header. */
  public static Verdict judge(int status, boolean acceptSignature) {
    if (status >= 200 && status < 300) {
      return Verdict.ACCEPTED;
    }
    if (status == 400 || status == 401 || (acceptSignature && status >= 400 && status < 500)) {
      return Verdict.REFUSED;
    }
    return Verdict.OTHER;
  }

  /** The memory key of a URL: lowercase {@code host[:port]}, the port only when not the scheme's default. */
  public static String hostKey(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost();
    return SignatureBase.authority(scheme, host, url.getPort());
  }

  /**
   * Sends a request, signed per attempt by {@code attempt} (called with the scheme to sign with), at most
   * twice. {@code judge} classifies each answer.
   */
  public <R> Future<Outcome<R>> send(URI target, Function<SignatureScheme, Future<R>> attempt,
                                     Function<R, Verdict> judge) {
    String host = hostKey(target);
    Future<Optional<SignatureScheme>> known;
    try {
      known = memory.preferred(host).recover(e -> {
        LOG.debug("cannot read the signature scheme remembered for {}: {}", host, e.getMessage());
        return Future.succeededFuture(Optional.empty());
      });
    } catch (RuntimeException e) {
      known = Future.succeededFuture(Optional.empty());
    }
    return known.compose(preferred -> {
      SignatureScheme first = preferred.orElse(SignatureScheme.RFC9421);
      return call(attempt, first).compose(response -> {
        Verdict verdict = judge.apply(response);
        if (verdict == Verdict.REFUSED) {
          SignatureScheme second = first.other();
          LOG.debug("{} refused a {} signature; knocking again with {}", host, first, second);
          return call(attempt, second).map(retry -> {
            if (judge.apply(retry) == Verdict.ACCEPTED) {
              remember(host, second);
            }
            return new Outcome<>(retry, second, true);
          });
        }
        if (verdict == Verdict.ACCEPTED && preferred.isEmpty()) {
          remember(host, first);
        }
        return Future.succeededFuture(new Outcome<>(response, first, false));
      });
    });
  }

  /**
   * Like {@link #send(URI, Function, Function)}, but signs with the Ed25519 key first when {@code ed25519} is
   * true (the signer has one) and the memory says the host accepts Ed25519 RFC 9421 signatures
   * ({@link SignatureSchemes#ed25519}). Hosts that are not known to accept them get exactly the RSA knock.
   *
   * <p>An Ed25519 signature is only ever tried where it worked or was advertised, and it can never lock a host
   * out: when the host refuses it, the same request is sent again by the RSA knock (in the scheme remembered for
   * the host). If the RSA request is accepted, the refusal was about the key and is remembered (this host gets RSA
   * from then on); if it is refused too, the refusal was not about the key and nothing is learned.
   */
  public <R> Future<Outcome<R>> send(URI target, boolean ed25519, Attempt<R> attempt, Function<R, Verdict> judge) {
    Function<SignatureScheme, Future<R>> rsa = scheme -> attempt.send(scheme, false);
    if (!ed25519) {
      return send(target, rsa, judge);
    }
    String host = hostKey(target);
    Future<Optional<Boolean>> known;
    try {
      known = memory.ed25519(host).recover(e -> {
        LOG.debug("cannot read whether {} accepts Ed25519 signatures: {}", host, e.getMessage());
        return Future.succeededFuture(Optional.empty());
      });
    } catch (RuntimeException e) {
      known = Future.succeededFuture(Optional.empty());
    }
    return known.compose(accepts -> {
      if (!accepts.orElse(false)) {
        return send(target, rsa, judge);
      }
      return call(scheme -> attempt.send(scheme, true), SignatureScheme.RFC9421).compose(response -> {
        if (judge.apply(response) != Verdict.REFUSED) {
          return Future.succeededFuture(new Outcome<>(response, SignatureScheme.RFC9421, false, true));
        }
        LOG.debug("{} refused an Ed25519 signature; knocking again with RSA", host);
        // the refusal is written before the outcome is reported, so the delivery is done only once it is known
        return send(target, rsa, judge).compose(o -> (judge.apply(o.response()) == Verdict.ACCEPTED
            ? rememberEd25519(host, false) : Future.<Void>succeededFuture())
            .map(v -> new Outcome<>(o.response(), o.scheme(), true, false)));
      });
    });
  }

  /** Never fails: a failed write is logged and the host is asked again next time. */
  private Future<Void> rememberEd25519(String host, boolean accepted) {
    try {
      return memory.rememberEd25519(host, accepted).recover(e -> {
        LOG.warn("cannot remember whether {} accepts Ed25519 signatures: {}", host, e.getMessage());
        return Future.succeededFuture();
      });
    } catch (RuntimeException e) {
      LOG.warn("cannot remember whether {} accepts Ed25519 signatures: {}", host, e.getMessage());
      return Future.succeededFuture();
    }
  }

  private static <R> Future<R> call(Function<SignatureScheme, Future<R>> attempt, SignatureScheme scheme) {
    try {
      return attempt.apply(scheme);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void remember(String host, SignatureScheme scheme) {
    try {
      memory.remember(host, scheme).onFailure(e ->
          LOG.warn("cannot remember that {} accepts {} signatures: {}", host, scheme, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("cannot remember that {} accepts {} signatures: {}", host, scheme, e.getMessage());
    }
  }
}
