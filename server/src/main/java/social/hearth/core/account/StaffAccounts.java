package social.hearth.core.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Account;
import social.hearth.core.port.AccountStore;

/**
 * Creating staff accounts, the one way the admin API, the instance admin's pages and {@code hearth admin
 * create-user} all go: the username and password are checked, the password is hashed off the event loop.
 */
public final class StaffAccounts {

  private final Vertx vertx;
  private final AccountStore accounts;

  public StaffAccounts(Vertx vertx, AccountStore accounts) {
    this.vertx = vertx;
    this.accounts = accounts;
  }

  /**
   * Validates and creates a staff account; a taken username, or the name of a community (both would be
   * {@code @name@host}), is a conflict.
   */
  public Future<Account> create(String username, String password, boolean instanceAdmin) {
    if (username == null || !username.matches("[a-z0-9_]{2,32}")) {
      return Future.failedFuture(CoreException.badRequest("username is 2 to 32 lower-case letters, digits or underscores"));
    }
    String weak = Passwords.weakness(password);
    if (weak != null) {
      return Future.failedFuture(CoreException.badRequest(weak));
    }
    return accounts.isCommunityName(username).compose(community -> community
            ? Future.<String>failedFuture(CoreException.conflict("'" + username + "' is the name of a community here: "
                + "a staff account and a community cannot share a name (both are @" + username + " on the fediverse)"))
            : vertx.executeBlocking(() -> Passwords.hash(password), false))
        .compose(hash -> accounts.create(username, hash, instanceAdmin))
        .compose(a -> a.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(CoreException.conflict("the username '" + username + "' is taken"))));
  }
}
