package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** A staff account. The hash is an Argon2id PHC string. */
public record Account(long id, String username, String passwordHash, boolean instanceAdmin, OffsetDateTime passwordChangedAt) {}
