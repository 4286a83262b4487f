package social.hearth.core.moderation;

/**
 * Why a filter matched: a stable code, a sentence a moderator understands, and which rule said so. {@code key} and
 * {@code args} let the staff pages show the sentence in the reader's language ({@code reason.<key>} in the message
 * bundles, with the args as named values); {@code message} is the English sentence, kept for the API and the log.
 *
 * @param filterId the community filter that matched, or null for instance-level rules
 * @param action what that rule does: hold or reject
 */
public record Reason(String code, String message, Long filterId, String action, String key, java.util.Map<String, String> args) {

  public Reason(String code, String message, Long filterId, String action) {
    this(code, message, filterId, action, code, java.util.Map.of());
  }
}
