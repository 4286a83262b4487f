package social.hearth.apub.delivery;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import social.hearth.db.HostStore;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.spi.SignatureSchemes;

/**
 * The signature scheme each host accepted last, kept with the host's other state so every node shares it, and
 * cached in memory so that a request does not read it from the database each time.
 *
 * <p>The cache holds at most {@link #CAPACITY} hosts (the least recently used is dropped), each for {@link #TTL}; a
 * scheme this process learns replaces the cached one at once. A scheme another node learned is seen here when the
 * entry expires, or sooner when the host refuses the cached scheme: the request is then signed with the other one
 * and the answer remembered (one extra request, the double knock). "Nothing known" is cached too. Safe to use from
 * several event loops at once (a short synchronized section, no blocking).
 *
 * <p>Whether a host verifies our Ed25519 RFC 9421 signatures ({@code hosts.ed25519_signatures}) is cached the same
 * way, in its own map: learned from a host that signs with Ed25519 itself ({@link #advertisedEd25519}, written at most
 * once per host and node while cached), or from a refusal ({@link #rememberEd25519}).
 */
public final class HostSignatureSchemes implements SignatureSchemes {

  static final int CAPACITY = 10_000;
  static final Duration TTL = Duration.ofMinutes(10);

  private record Entry(Optional<SignatureScheme> scheme, long expiresAt) {}

  private record Ed25519Entry(Optional<Boolean> accepted, long expiresAt) {}

  private final HostStore hosts;
  private final Map<String, Entry> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  private final Map<String, Ed25519Entry> ed25519Cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Ed25519Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  public HostSignatureSchemes(HostStore hosts) {
    this.hosts = hosts;
  }

  @Override
  public Future<Optional<SignatureScheme>> preferred(String host) {
    long now = System.nanoTime();
    synchronized (cache) {
      Entry e = cache.get(host);
      if (e != null && now - e.expiresAt() < 0) {
        return Future.succeededFuture(e.scheme());
      }
    }
    return hosts.signatureScheme(host).map(s -> {
      Optional<SignatureScheme> scheme = s.flatMap(HostSignatureSchemes::parse);
      fillIfStale(host, scheme);
      return scheme;
    });
  }

  @Override
  public Future<Void> remember(String host, SignatureScheme scheme) {
    synchronized (cache) {
      cache.put(host, new Entry(Optional.of(scheme), System.nanoTime() + TTL.toNanos()));
    }
    return hosts.rememberSignatureScheme(host, scheme.name());
  }

  /**
   * Offers what the database held for {@code host}, read by something else that joined {@code hosts} anyway (the
   * delivery claim), so that the request needs no read of its own. A fresh cached entry is kept.
   */
  public void offer(String host, String stored) {
    fillIfStale(host, stored == null ? Optional.empty() : parse(stored));
  }

  /** Database values only fill missing or expired entries: one remembered meanwhile by this process is newer. */
  private void fillIfStale(String host, Optional<SignatureScheme> scheme) {
    long now = System.nanoTime();
    synchronized (cache) {
      Entry e = cache.get(host);
      if (e == null || now - e.expiresAt() >= 0) {
        cache.put(host, new Entry(scheme, now + TTL.toNanos()));
      }
    }
  }

  /** Whether {@code host} verifies our Ed25519 RFC 9421 signatures, cached like the scheme. */
  @Override
  public Future<Optional<Boolean>> ed25519(String host) {
    Optional<Boolean> cached = cachedEd25519(host);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return hosts.ed25519Signatures(host).map(accepted -> {
      synchronized (ed25519Cache) {
        ed25519Cache.putIfAbsent(host, new Ed25519Entry(accepted, System.nanoTime() + TTL.toNanos()));
      }
      return accepted;
    });
  }

  @Override
  public Future<Void> rememberEd25519(String host, boolean accepted) {
    cacheEd25519(host, Optional.of(accepted));
    return hosts.rememberEd25519Signatures(host, accepted);
  }

  /** Written once per host and node at most every {@link #TTL}: what is known (a refusal too) is not rewritten. */
  @Override
  public Future<Void> advertisedEd25519(String host) {
    Optional<Boolean> cached = cachedEd25519(host);
    if (cached != null && cached.isPresent()) {
      return Future.succeededFuture();
    }
    return hosts.advertiseEd25519Signatures(host).map(known -> {
      cacheEd25519(host, Optional.of(known));
      return (Void) null;
    });
  }

  /** The fresh cached entry, or null when there is none. */
  private Optional<Boolean> cachedEd25519(String host) {
    long now = System.nanoTime();
    synchronized (ed25519Cache) {
      Ed25519Entry e = ed25519Cache.get(host);
      if (e == null || now - e.expiresAt() >= 0) {
        ed25519Cache.remove(host);
        return null;
      }
      return e.accepted();
    }
  }

  private void cacheEd25519(String host, Optional<Boolean> accepted) {
    synchronized (ed25519Cache) {
      ed25519Cache.put(host, new Ed25519Entry(accepted, System.nanoTime() + TTL.toNanos()));
    }
  }

  private static Optional<SignatureScheme> parse(String name) {
    try {
      return Optional.of(SignatureScheme.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
