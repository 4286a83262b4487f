package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A warning a community's staff gave a member: the rule broken (its number and its text when warned), the moderator's
 * optional note, who gave it, the direct message that carried it and, when the member's server understands it, the
 * Lemmy {@code Warn} activity sent as well ({@code warnIri}, else null).
 */
public record Warning(long id, String actorId, int ruleNumber, String ruleText, String note, String byWhom,
                      String messageIri, String warnIri, OffsetDateTime at) {}
