package social.hearth.core.account;

import io.vertx.core.Future;
import social.hearth.core.CoreException;
import social.hearth.core.port.Keys;
import social.hearth.core.port.PersonStore;

/**
 * A staff account's key pairs, made the first time they are needed: accounts created before staff were Persons, or
 * never published yet, have none. RSA is generated off the event loop ({@link Keys#rsa}); when two nodes make them
 * at once the first stored wins, so an account never publishes two keys.
 */
public final class PersonKeys {

  private PersonKeys() {}

  /** The account's complete key pairs, made and stored now when some are missing. */
  public static Future<PersonStore.KeySet> ensure(PersonStore store, Keys keys, long accountId) {
    return store.keys(accountId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(CoreException.notFound("no staff account " + accountId));
      }
      PersonStore.KeySet k = found.get();
      if (k.complete()) {
        return Future.succeededFuture(k);
      }
      Future<Keys.Pair> rsa = k.rsaPrivate() == null || k.rsaPublic() == null ? keys.rsa() : Future.succeededFuture();
      return rsa.compose(pair -> {
        Keys.Pair ed = k.ed25519Private() == null || k.ed25519Public() == null ? keys.ed25519() : null;
        return store.completeKeys(accountId, new PersonStore.KeySet(k.username(),
            pair == null ? null : pair.privatePem(), pair == null ? null : pair.publicPem(),
            ed == null ? null : ed.privatePem(), ed == null ? null : ed.publicPem()));
      });
    });
  }
}
