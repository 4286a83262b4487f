package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** A private note staff keep about a member of a community: never federated, never shown to anyone but staff. */
public record ModeratorNote(long id, String actorId, String author, String text, OffsetDateTime at) {}
