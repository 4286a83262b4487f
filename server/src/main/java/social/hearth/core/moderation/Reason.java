package social.hearth.core.moderation;

import java.util.Map;

/**
 * Why a filter matched: a stable code, a sentence a moderator understands, and which rule said so. {@code key} and
 * {@code args} let the staff pages show the sentence in the reader's language ({@code reason.<key>} in the message
 * bundles, with the args as named values); {@code message} is the English sentence, kept for the API and the log.
 *
 * @param filterId the community filter that matched, or null for instance-level rules
 * @param action what that rule does: hold or reject
 */
public record Reason(String code, String message, Long filterId, String action, String key, Map<String, String> args) {

  /** The start of every reason given when the filters could not decide. */
  public static final String UNDECIDED = "the filters could not decide: ";

  public Reason(String code, String message, Long filterId, String action) {
    this(code, message, filterId, action, code, Map.of());
  }

  /**
   * The filters could not decide (a filter failed or ran out of time): the item is held for a person, whatever the
   * rule's own action.
   */
  public static Reason undecided(String code, Long filterId, String detail) {
    return new Reason(code, UNDECIDED + detail, filterId, "hold", "undecided", Map.of("detail", detail));
  }
}
