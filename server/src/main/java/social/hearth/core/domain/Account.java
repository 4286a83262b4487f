package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A staff account. The hash is an Argon2id PHC string. A disabled account cannot sign in; one whose password an
 * instance admin reset must choose a new one at its next sign-in.
 */
public record Account(long id, String username, String passwordHash, boolean instanceAdmin, OffsetDateTime passwordChangedAt,
                      boolean disabled, boolean mustChangePassword) {

  /** An enabled account with a password of its own. */
  public Account(long id, String username, String passwordHash, boolean instanceAdmin, OffsetDateTime passwordChangedAt) {
    this(id, username, passwordHash, instanceAdmin, passwordChangedAt, false, false);
  }
}
