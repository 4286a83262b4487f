package social.hearth.core.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: who did what, when, why and under which rule.
 *
 * @param community the community's slug, or null for instance-wide actions
 * @param actor "system", "admin" or a staff username
 * @param detail structured details (numbers, booleans, text), or null
 */
public record AuditEntry(long id, String community, String actor, String action, String target, String reason,
                         String rule, Map<String, Object> detail, Instant at) {}
