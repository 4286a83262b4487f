package social.hearth.domain;

import java.time.OffsetDateTime;

/** A community: a local Group actor run by a creator. */
public record Community(long id, String slug, String name, String summary, String publicKeyPem,
                        OffsetDateTime createdAt, boolean announceLikes, boolean hideFollowers) {}
