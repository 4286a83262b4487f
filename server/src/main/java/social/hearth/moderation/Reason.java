package social.hearth.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a filter matched: a stable code, a sentence a moderator understands, and which rule said so.
 *
 * @param filterId the community filter that matched, or null for instance-level rules
 * @param action what that rule does: hold or reject
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String message, Long filterId, String action) {}
