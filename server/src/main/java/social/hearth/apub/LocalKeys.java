package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.hearth.core.port.CommunityStore;
import social.hearth.federation.sig.Keys;
import social.hearth.federation.sig.SigningKey;

/**
 * Private keys of local actors. Generation runs on a worker thread; parsed keys are cached in memory so
 * signing never re-parses PEM.
 */
public final class LocalKeys implements social.hearth.core.port.Keys {

  private final Vertx vertx;
  private final CommunityStore communities;
  private final Uris uris;
  private final Map<Long, Future<SigningKey>> byCommunity = new ConcurrentHashMap<>();
  private final Map<Long, Future<SigningKey>> ed25519ByCommunity = new ConcurrentHashMap<>();
  private final social.hearth.core.port.PersonStore persons;
  /** Each staff account's keys as {RSA, Ed25519}, parsed once. */
  private final Map<Long, Future<SigningKey[]>> byAccount = new ConcurrentHashMap<>();
  private volatile SigningKey instanceKey;
  private volatile String instancePublicPem;
  private volatile String instanceEd25519Pem;

  public LocalKeys(Vertx vertx, CommunityStore communities, social.hearth.core.port.PersonStore persons, Uris uris) {
    this.persons = persons;
    this.vertx = vertx;
    this.communities = communities;
    this.uris = uris;
  }

  /** Generates an RSA-2048 pair off the event loop; returns {private PEM, public PEM}. */
  public Future<String[]> generate() {
    return vertx.executeBlocking(() -> {
      KeyPair pair = Keys.generateRsa2048();
      return new String[] {Keys.toPem(pair.getPrivate()), Keys.toPem(pair.getPublic())};
    }, false);
  }

  @Override
  public Future<Pair> rsa() {
    return generate().map(pair -> new Pair(pair[0], pair[1]));
  }

  @Override
  public Pair ed25519() {
    String[] pair = generateEd25519();
    return new Pair(pair[0], pair[1]);
  }

  /** Generates an Ed25519 pair (published as a FEP-521a Multikey); returns {private PEM, public PEM}. */
  public static String[] generateEd25519() {
    KeyPair pair = Keys.generateEd25519();
    return new String[] {Keys.toPem(pair.getPrivate()), Keys.toPem(pair.getPublic())};
  }

  /** Gives every local actor created before Ed25519 keys existed its key. Run once at startup. */
  public Future<Void> ensureEd25519() {
    Future<Void> instance = communities.instanceEd25519().compose(k -> {
      if (k.isPresent()) {
        instanceEd25519Pem = k.get()[1];
        return Future.succeededFuture();
      }
      String[] pair = generateEd25519();
      return communities.setInstanceEd25519(pair[0], pair[1])
          .compose(v -> communities.instanceEd25519()).map(stored -> {
            instanceEd25519Pem = stored.map(p -> p[1]).orElse(null);
            return null;
          });
    });
    return instance.compose(v -> communities.withoutEd25519()).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        String[] pair = generateEd25519();
        chain = chain.compose(x -> communities.setEd25519(id, pair[0], pair[1]));
      }
      return chain;
    });
  }

  public String instanceEd25519Pem() {
    return instanceEd25519Pem;
  }

  /** Loads (creating on first start) the instance actor's key. */
  public Future<Void> loadInstanceKey() {
    return communities.instanceKeys(this::generate).map(pair -> {
      instanceKey = new SigningKey(uris.instanceActorKey(), Keys.parsePrivatePem(pair[0]));
      instancePublicPem = pair[1];
      return null;
    });
  }

  /** True when {@code iri} lies on this server's origin (where nothing is ever delivered). */
  public boolean isLocal(String iri) {
    return iri != null && social.hearth.federation.vocab.Iris.sameOrigin(iri, uris.base());
  }

  public SigningKey instance() {
    return instanceKey;
  }

  public String instancePublicPem() {
    return instancePublicPem;
  }

  public Future<SigningKey> forCommunity(long communityId) {
    // a deleted community's key still signs its Delete{Group} until the last delivery has gone out
    return byCommunity.computeIfAbsent(communityId, id -> communities.slugOf(id).compose(c -> {
      String slug = c.orElseThrow(() -> new IllegalStateException("community " + id + " is gone"));
      return communities.privateKeyPem(id).map(pem -> new SigningKey(uris.communityKey(slug), Keys.parsePrivatePem(pem)));
    }).onFailure(e -> byCommunity.remove(id)));
  }

  /**
   * The community's Ed25519 key, named by the id of the Multikey its actor publishes in {@code assertionMethod};
   * null while it has none (every community has one after {@link #ensureEd25519}). Used for deliveries to peers known to accept Ed25519 RFC 9421 signatures.
   */
  public Future<SigningKey> ed25519ForCommunity(long communityId) {
    return ed25519ByCommunity.computeIfAbsent(communityId, id -> communities.slugOf(id).compose(c -> {
      String slug = c.orElseThrow(() -> new IllegalStateException("community " + id + " is gone"));
      return communities.ed25519PrivateKeyPem(id).map(pem -> pem.map(p ->
          new SigningKey(uris.ed25519Key(uris.community(slug)), Keys.parsePrivatePem(p))).orElse(null));
    }).onFailure(e -> ed25519ByCommunity.remove(id)));
  }

  /**
   * A staff account's RSA key ({@code /u/{username}#main-key}), made first when the account has none
   * ({@link social.hearth.core.account.PersonKeys}).
   */
  public Future<SigningKey> forAccount(long accountId) {
    return accountKeys(accountId).map(k -> k[0]);
  }

  /** A staff account's Ed25519 key, named by its Multikey's id. */
  public Future<SigningKey> ed25519ForAccount(long accountId) {
    return accountKeys(accountId).map(k -> k[1]);
  }

  private Future<SigningKey[]> accountKeys(long accountId) {
    return byAccount.computeIfAbsent(accountId, id -> social.hearth.core.account.PersonKeys.ensure(persons, this, id)
        .map(k -> new SigningKey[] {
            new SigningKey(uris.staffKey(k.username()), Keys.parsePrivatePem(k.rsaPrivate())),
            new SigningKey(uris.ed25519Key(uris.staff(k.username())), Keys.parsePrivatePem(k.ed25519Private()))})
        .onFailure(e -> byAccount.remove(id)));
  }
}
