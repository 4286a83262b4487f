package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** An active ban. */
public record Ban(String actorId, String reason, OffsetDateTime until, String blockIri) {}
