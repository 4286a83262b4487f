package social.hearth.core.port;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.hearth.core.domain.Account;
import social.hearth.core.domain.StaffRole;

/** SQL for staff accounts and their roles per community. */
public interface AccountStore {

  /** Creates an account; empty when the username is taken. */
  Future<Optional<Account>> create(String username, String passwordHash, boolean instanceAdmin);

  Future<Optional<Account>> byUsername(String username);

  Future<List<Account>> list();

  Future<Boolean> setPassword(long id, String passwordHash);

  /** Gives the account a role in the community (replacing any other); fails if it is not a staff role. */
  Future<Void> setRole(long accountId, long communityId, String role);

  Future<Boolean> removeRole(long accountId, long communityId);

  Future<Optional<String>> role(long accountId, long communityId);

  Future<List<StaffRole>> staff(long communityId);

  /**
   * True when a community is or was called {@code name} (a deleted community's name stays taken): staff usernames and
   * community slugs are one namespace (WebFinger).
   */
  Future<Boolean> isCommunityName(String name);
}
