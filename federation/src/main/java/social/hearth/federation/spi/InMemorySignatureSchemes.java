package social.hearth.federation.spi;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import social.hearth.federation.sig.SignatureScheme;

/**
 * {@link SignatureSchemes} in memory: at most {@code capacity} hosts (the least recently used is dropped), each
 * entry forgotten {@code ttl} after it was written so peers that upgrade get RFC 9421 again. Thread-safe and
 * non-blocking (a short synchronized section). The default when the server supplies no persistent
 * implementation; lost on restart, which only costs one extra knock per host. What is known about Ed25519
 * signatures ({@link #ed25519}) is kept, also bounded by {@code capacity}, until the entry is dropped.
 */
public final class InMemorySignatureSchemes implements SignatureSchemes {

  public static final int DEFAULT_CAPACITY = 10_000;
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private record Entry(SignatureScheme scheme, Instant expires) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> entries;
  private final Map<String, Boolean> ed25519;

  public InMemorySignatureSchemes() {
    this(Clock.systemUTC(), DEFAULT_CAPACITY, DEFAULT_TTL);
  }

  public InMemorySignatureSchemes(Clock clock, int capacity, Duration ttl) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.clock = clock;
    this.ttl = ttl;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
    this.ed25519 = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public Future<Optional<SignatureScheme>> preferred(String host) {
    Instant now = clock.instant();
    synchronized (entries) {
      Entry e = entries.get(host);
      if (e == null) {
        return Future.succeededFuture(Optional.empty());
      }
      if (!now.isBefore(e.expires())) {
        entries.remove(host);
        return Future.succeededFuture(Optional.empty());
      }
      return Future.succeededFuture(Optional.of(e.scheme()));
    }
  }

  @Override
  public Future<Void> remember(String host, SignatureScheme scheme) {
    Entry e = new Entry(scheme, clock.instant().plus(ttl));
    synchronized (entries) {
      entries.put(host, e);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Boolean>> ed25519(String host) {
    synchronized (ed25519) {
      return Future.succeededFuture(Optional.ofNullable(ed25519.get(host)));
    }
  }

  @Override
  public Future<Void> rememberEd25519(String host, boolean accepted) {
    synchronized (ed25519) {
      ed25519.put(host, accepted);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> advertisedEd25519(String host) {
    synchronized (ed25519) {
      ed25519.putIfAbsent(host, true);
    }
    return Future.succeededFuture();
  }

  /** How many hosts are remembered (expired entries included until they are next looked up). */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
