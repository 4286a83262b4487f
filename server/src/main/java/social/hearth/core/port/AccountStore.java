package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Account;
import social.hearth.core.domain.StaffInvitation;
import social.hearth.core.domain.StaffRole;

/** SQL for staff accounts and their roles per community. */
public interface AccountStore {

  /** Creates an account; empty when the username is taken. */
  Future<Optional<Account>> create(String username, String passwordHash, boolean instanceAdmin);

  Future<Optional<Account>> byUsername(String username);

  Future<List<Account>> list();

  /** Sets the account's own new password (and clears a reset's demand for one). */
  Future<Boolean> setPassword(long id, String passwordHash);

  // ------------------------------------------------------------------ managed by instance admins (issue 15)

  /** An account as the instance admin's list shows it; {@code roles}: community slug and role pairs. */
  record Overview(long id, String username, String displayName, boolean instanceAdmin, boolean disabled,
                  boolean mustChangePassword, OffsetDateTime createdAt, List<String[]> roles) {}

  Future<List<Overview>> overview();

  /** Disables or re-enables an account; false when there is none. */
  Future<Boolean> setDisabled(long id, boolean disabled);

  /** A password an instance admin set: it must be replaced at the next sign-in (and every session ends). */
  Future<Boolean> resetPassword(long id, String passwordHash);

  /** Deletes the account; its name stays taken and its display name is kept for the audit log. */
  Future<Boolean> delete(long id);

  /** How many enabled instance admins there are. */
  Future<Integer> activeAdmins();

  /** Stores an invitation (its token's hash, the roles as community id to role). */
  Future<Long> invite(String tokenHash, String username, boolean instanceAdmin, Map<Long, String> roles,
                      String createdBy, OffsetDateTime expiresAt);

  /** Invitations neither used, revoked nor expired, newest first. */
  Future<List<StaffInvitation>> openInvitations();

  /** An open invitation by its token's hash. */
  Future<Optional<StaffInvitation>> invitation(String tokenHash);

  /** Revokes an open invitation; false when there is no open one with that id. */
  Future<Boolean> revokeInvitation(long id);

  /**
   * Takes an open invitation for {@code username}: marks it used and returns its roles (community id to role) and
   * whether it makes an instance admin; empty when it is no longer open (used, revoked, expired).
   */
  Future<Optional<Taken>> takeInvitation(String tokenHash, String username);

  /** What a taken invitation grants. */
  record Taken(boolean instanceAdmin, Map<Long, String> roles) {}

  /** Gives an invitation back (the account could not be created after all). */
  Future<Void> releaseInvitation(String tokenHash);

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
