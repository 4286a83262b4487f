package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import social.hearth.core.util.BoundedCache;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.ActorStore;
import social.hearth.core.domain.RemoteActor;
import social.hearth.federation.fetch.ActivityPubFetcher;
import social.hearth.federation.fetch.FetchException;
import social.hearth.federation.fetch.KeyFetchLimiter;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.spi.ActorKeys;
import social.hearth.federation.spi.ResolvedKey;
import social.hearth.federation.vocab.Actor;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.vocab.PublicKeyDoc;

/**
 * Remote actors and their keys: read from the cache when fresh, otherwise fetched with a signed GET and stored. An
 * actor whose inbox or shared inbox lies on another origin is refused. Key fetches are bounded per origin, and a key
 * whose fetch failed is not fetched again for a while ({@link KeyFetchLimiter}); a stored key is then used if there
 * is one, otherwise the request is refused (401) without any fetch.
 *
 * <p>A gone actor (it deleted itself, or its document answered 410 Gone) is recorded as such and its keys are
 * dropped ({@link ActorStore#markGone}): every key of it is refused ({@link SignatureException.Reason#ACTOR_GONE}),
 * whether cached, fetched again or kept as a fallback, its document is never stored again, and {@link #get} fails
 * for it, so it cannot join again. A 410 also starts what a Delete of the account does ({@link #onGone}).
 */
public final class RemoteActors implements ActorKeys, social.hearth.core.port.Actors {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteActors.class);
  static final Duration FRESH = Duration.ofHours(24);

  private final ActorStore store;
  private final ActivityPubFetcher fetcher;
  private final Uris uris;
  private final Clock clock;
  private final NodeInfoClient nodeInfo;
  private final KeyFetchLimiter limiter;
  private final FederationMetrics metrics;
  /** The language last recorded per actor by this process, so an unchanged one costs no statement. */
  private final social.hearth.core.util.BoundedCache<String, String> spoken = new social.hearth.core.util.BoundedCache<>(8_192);
  /** What happens when an actor's document first answers 410 (wired to the account's retraction). */
  private volatile java.util.function.Function<String, Future<Void>> onGone = id -> Future.succeededFuture();

  public RemoteActors(ActorStore store, ActivityPubFetcher fetcher, Uris uris, Clock clock, NodeInfoClient nodeInfo) {
    this(store, fetcher, uris, clock, nodeInfo, new KeyFetchLimiter());
  }

  /** {@code limiter} bounds key fetches per origin and remembers failed ones (see {@link KeyFetchLimiter}). */
  public RemoteActors(ActorStore store, ActivityPubFetcher fetcher, Uris uris, Clock clock, NodeInfoClient nodeInfo,
                      KeyFetchLimiter limiter) {
    this(store, fetcher, uris, clock, nodeInfo, limiter, FederationMetrics.NONE);
  }

  /** As above, counting key lookups (cache hits, fetches) in {@code metrics}. */
  public RemoteActors(ActorStore store, ActivityPubFetcher fetcher, Uris uris, Clock clock, NodeInfoClient nodeInfo,
                      KeyFetchLimiter limiter, FederationMetrics metrics) {
    this.metrics = metrics;
    this.limiter = limiter;
    this.store = store;
    this.fetcher = fetcher;
    this.uris = uris;
    this.clock = clock;
    this.nodeInfo = nodeInfo;
  }

  /** Called (once per actor, not awaited) when an actor's document first answers 410 Gone. */
  public void onGone(java.util.function.Function<String, Future<Void>> handler) {
    this.onGone = handler;
  }

  /** The actor, from the cache when fetched within a day, otherwise fetched now; fails for a gone actor. */
  @Override
  public Future<RemoteActor> get(String actorId) {
    if (uris.isLocal(actorId)) {
      return Future.failedFuture(new IllegalArgumentException("not a remote actor: " + actorId));
    }
    return store.byId(actorId).compose(cached -> {
      if (cached.isPresent() && cached.get().gone()) {
        return Future.failedFuture(gone(actorId));
      }
      if (cached.isPresent() && isFresh(cached.get().actor())) {
        return Future.succeededFuture(cached.get().actor());
      }
      return refresh(actorId);
    }).recover(e -> Future.failedFuture(e instanceof SignatureException se
        && se.reason() == SignatureException.Reason.ACTOR_GONE
        ? new social.hearth.core.CoreException(social.hearth.core.CoreException.Kind.FORBIDDEN, "actor_gone",
            se.getMessage()) : e));
  }

  /** The actor deleted itself (a verified Delete): recorded as gone, its keys dropped. True when this is news. */
  @Override
  public Future<Boolean> deleted(String actorId) {
    return store.markGone(actorId, "deleted")
        .onSuccess(news -> LOG.info("{} deleted itself{}", actorId, news ? ": its keys are dropped" : " (again)"));
  }

  @Override
  public Future<Void> spoke(String actorId, String language) {
    if (language == null || language.equals(spoken.get(actorId))) {
      return Future.succeededFuture();
    }
    return store.setLanguage(actorId, language).map(changed -> {
      spoken.put(actorId, language);
      return (Void) null;
    }).recover(e -> {
      LOG.debug("could not record the language of {}: {}", actorId, e.getMessage());
      return Future.succeededFuture();
    });
  }

  public Future<RemoteActor> refresh(String actorId) {
    return fetchDocument(actorId).compose(json -> store(json, actorId));
  }

  /** Refetches an actor from its origin, stores it, and returns the document as read (e.g. for alsoKnownAs). */
  public Future<Actor> refreshDocument(String actorId) {
    return fetchDocument(actorId).compose(json -> store(json, actorId).compose(stored -> {
      try {
        return Future.succeededFuture(Normalizer.actor(json));
      } catch (InvalidActivityException e) {
        return Future.failedFuture(new IllegalArgumentException(e.getMessage()));
      }
    }));
  }

  /**
   * Fetches a document; when it answers 410 Gone, the actor with that id (if we know it) is recorded as gone, its
   * keys dropped, and {@link #onGone} runs for it (in the background: the caller's answer does not wait for it).
   */
  private Future<JsonNode> fetchDocument(String url) {
    return fetcher.fetch(url).recover(e -> {
      if (!(e instanceof FetchException fe) || fe.kind() != FetchException.Kind.HTTP_STATUS || fe.status() != 410) {
        return Future.failedFuture(e);
      }
      String actorId = ActivityPubFetcher.stripFragment(url);
      return store.markGone(actorId, "gone").compose(news -> {
        if (news) {
          LOG.info("{} answered 410 Gone: recorded as gone, its keys dropped", actorId);
          onGone.apply(actorId).onFailure(x -> LOG.warn("retracting gone actor {} failed: {}", actorId, x.toString()));
        }
        return Future.<JsonNode>failedFuture(gone(actorId));
      });
    });
  }

  private static SignatureException gone(String actorId) {
    return new SignatureException(SignatureException.Reason.ACTOR_GONE, "the actor " + actorId
        + " is gone (deleted): nothing signed by it is accepted");
  }

  private boolean isFresh(RemoteActor a) {
    return a.fetchedAt() != null && a.fetchedAt().isAfter(OffsetDateTime.now(clock).minus(FRESH));
  }

  private Future<RemoteActor> store(JsonNode json, String expectedId) {
    Actor actor;
    try {
      actor = Normalizer.actor(json);
    } catch (InvalidActivityException e) {
      return Future.failedFuture(new IllegalArgumentException("actor " + expectedId + " is invalid: " + e.getMessage()));
    }
    if (!actor.id().equals(ActivityPubFetcher.stripFragment(expectedId))) {
      return Future.failedFuture(new IllegalArgumentException("actor document " + expectedId + " has another id"));
    }
    if (!Iris.sameOrigin(actor.inbox(), actor.id())
        || (actor.endpoints() != null && !Iris.sameOrigin(actor.endpoints().sharedInbox(), actor.id()))) {
      // deliveries go where the actor says: only to its own server, never to a third party or to us
      return Future.failedFuture(new IllegalArgumentException("actor " + expectedId
          + " names an inbox on another origin"));
    }
    // Mastodon publishes a suspended account with "suspended": true: it stays known but receives nothing
    boolean suspended = json.path("suspended").asBoolean(false);
    PublicKeyDoc key = actor.publicKey();
    String keyId = null;
    String pem = null;
    if (key != null && key.id() != null && (key.owner() == null || key.owner().equals(actor.id()))
        && Iris.sameOrigin(key.id(), actor.id())) {
      keyId = key.id();
      pem = key.publicKeyPem();
    }
    String host = Iris.origin(actor.id()).replaceFirst("^https?://", "");
    RemoteActor row = new RemoteActor(actor.id(), actor.type(), host, actor.preferredUsername(), actor.name(),
        actor.inbox(), actor.endpoints() == null ? null : actor.endpoints().sharedInbox(), keyId, pem, null);
    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
    if (keyId != null && pem != null) {
      keys.put(keyId, pem);
    }
    collectMultikeys(json, actor.id(), keys);
    return store.upsert(row, json.toString(), suspended)
        .compose(stored -> stored.isEmpty() ? Future.<RemoteActor>failedFuture(gone(actor.id()))
            : store.replaceKeys(actor.id(), keys).map(stored.get()))
        .onSuccess(a -> nodeInfo.learn(a.id()));
  }

  /** FEP-521a: Ed25519 (or RSA) keys published as Multikey in {@code assertionMethod}, controlled by the actor. */
  private static void collectMultikeys(JsonNode json, String actorId, java.util.Map<String, String> out) {
    JsonNode methods = json.get("assertionMethod");
    if (methods == null) {
      return;
    }
    for (JsonNode m : methods.isArray() ? methods : java.util.List.of(methods)) {
      if (out.size() >= 8 || !m.isObject()) {
        continue;
      }
      String id = Normalizer.firstText(m.get("id"));
      String controller = Iris.iri(m.get("controller"));
      String multibase = Normalizer.firstText(m.get("publicKeyMultibase"));
      if (id == null || multibase == null || !"Multikey".equals(Normalizer.type(m))
          || !actorId.equals(controller) || !Iris.sameOrigin(id, actorId)) {
        continue;
      }
      try {
        out.put(id, Keys.toPem(social.hearth.federation.sig.Multikey.decode(multibase)));
      } catch (SignatureException e) {
        LOG.debug("ignoring key {} of {}: {}", id, actorId, e.getMessage());
      }
    }
  }

  @Override
  public Future<ResolvedKey> resolve(String keyId, boolean refresh) {
    if (uris.isLocal(keyId)) {
      return Future.failedFuture(new SignatureException(SignatureException.Reason.KEY_REJECTED,
          "a remote request cannot be signed with a key on this server"));
    }
    try {
      Iris.checkHttpIri(keyId, "keyId");
    } catch (InvalidActivityException e) {
      return Future.failedFuture(new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, e.getMessage()));
    }
    Future<Optional<ActorStore.StoredKey>> cached = refresh ? Future.succeededFuture(Optional.empty()) : store.key(keyId);
    return cached.compose(c -> {
      if (c.isPresent() && c.get().ownerGone()) {
        return Future.failedFuture(gone(c.get().ownerId()));
      }
      if (c.isPresent() && c.get().fetchedAt().isAfter(OffsetDateTime.now(clock).minus(FRESH))) {
        metrics.keyLookup("hit");
        return toResolved(c.get(), true);
      }
      Future<ActorStore.StoredKey> running = inFlight.get(keyId);
      Future<ResolvedKey> fetched;
      if (running != null) {
        // the same key asked for by concurrent requests is fetched once
        fetched = running.compose(k -> toResolved(k, false));
      } else {
        String refused = limiter.refusal(keyId, String.valueOf(Iris.origin(keyId)));
        if (refused != null) {
          if (c.isPresent()) {
            // a known key is not refetched now, but still verifies what was signed with it
            metrics.keyLookup("stale");
            return toResolved(c.get(), true);
          }
          metrics.keyLookup("refused");
          LOG.info("key {} not fetched: {}", keyId, refused);
          return Future.failedFuture(new SignatureException(SignatureException.Reason.KEY_FETCH_LIMITED, refused));
        }
        fetched = singleFlight(keyId).compose(k -> toResolved(k, false));
      }
      if (c.isPresent()) {
        // The key's document is unreachable: the key we already knew still verifies what was signed with it,
        // unless its actor is gone meanwhile (its document answered 410, or it deleted itself): then never.
        ActorStore.StoredKey known = c.get();
        return fetched.onSuccess(k -> metrics.keyLookup("fetched")).recover(e -> {
          if (e instanceof SignatureException se && se.reason() == SignatureException.Reason.ACTOR_GONE) {
            return Future.failedFuture(e);
          }
          return store.key(keyId).compose(now -> {
            if (now.isEmpty() || now.get().ownerGone()) {
              return store.byId(known.ownerId()).compose(owner -> Future.failedFuture(
                  owner.isEmpty() || owner.get().gone() ? gone(known.ownerId()) : e));
            }
            LOG.info("using the stored key {} of {}: {}", keyId, known.ownerId(), e.getMessage());
            metrics.keyLookup("stale");
            return toResolved(now.get(), true);
          });
        });
      }
      return fetched.onComplete(r -> metrics.keyLookup(r.succeeded() ? "fetched" : "failed"));
    });
  }

  /** Fetches of keys in progress: at most one per key id (entries leave when the fetch ends, within its deadline). */
  private final java.util.concurrent.ConcurrentMap<String, Future<ActorStore.StoredKey>> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Future<ActorStore.StoredKey> singleFlight(String keyId) {
    io.vertx.core.Promise<ActorStore.StoredKey> promise = io.vertx.core.Promise.promise();
    Future<ActorStore.StoredKey> existing = inFlight.putIfAbsent(keyId, promise.future());
    if (existing != null) {
      return existing;
    }
    fetchKey(keyId).onComplete(ar -> {
      inFlight.remove(keyId, promise.future());
      if (ar.succeeded()) {
        limiter.succeeded(keyId);
      } else {
        limiter.failed(keyId);
      }
      promise.handle(ar);
    });
    return promise.future();
  }

  private Future<ActorStore.StoredKey> fetchKey(String keyId) {
    String docUrl = ActivityPubFetcher.stripFragment(keyId);
    return fetchDocument(docUrl).compose(json -> {
      String type = Normalizer.type(json);
      if (type != null && Actor.TYPES.contains(type)) {
        return store(json, docUrl);
      }
      // A key stub (GoToSocial): take its owner, fetch the owner, and require it to list this key.
      PublicKeyDoc stub = json.has("publicKey") ? Normalizer.publicKey(json.get("publicKey")) : Normalizer.publicKey(json);
      String owner = stub == null ? Iris.iri(json.get("controller")) : stub.owner();
      if (owner == null) {
        return Future.failedFuture(new IllegalArgumentException("key document " + docUrl + " names no owner"));
      }
      return refresh(owner);
    }).compose(actor -> store.key(keyId).compose(k -> k.isPresent() && k.get().ownerGone()
        ? Future.<ActorStore.StoredKey>failedFuture(gone(actor.id()))
        : k.isPresent() && k.get().ownerId().equals(actor.id())
        ? Future.succeededFuture(k.get())
        : Future.<ActorStore.StoredKey>failedFuture(new IllegalArgumentException("actor " + actor.id() + " does not list key " + keyId))))
        .recover(e -> {
          LOG.info("key {} unavailable: {}", keyId, e.getMessage());
          return Future.failedFuture(e instanceof SignatureException ? e : new SignatureException(
              SignatureException.Reason.KEY_UNAVAILABLE, "the signing key could not be fetched: " + e.getMessage()));
        });
  }

  /**
   * Parsed keys by their PEM text: parsing costs more than verifying, and the same keys sign again and again. At
   * most 8,192 keys, the ones in use kept.
   */
  private static final BoundedCache<String, PublicKey> PARSED = new BoundedCache<>(8_192);

  private static Future<ResolvedKey> toResolved(ActorStore.StoredKey key, boolean fromCache) {
    try {
      PublicKey parsed = PARSED.get(key.pem());
      if (parsed == null) {
        parsed = Keys.parsePublicPem(key.pem());
        PARSED.put(key.pem(), parsed);
      }
      return Future.succeededFuture(new ResolvedKey(key.keyId(), key.ownerId(), parsed, fromCache));
    } catch (SignatureException e) {
      return Future.failedFuture(e);
    }
  }


}
