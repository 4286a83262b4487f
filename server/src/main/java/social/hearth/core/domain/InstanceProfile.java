package social.hearth.core.domain;

import java.util.List;

/**
 * What the server says about itself, set by an instance admin: shown on the home page and in NodeInfo.
 *
 * @param name the server's name (empty: its host name is used)
 * @param description what the server is for, plain text (blank lines separate paragraphs)
 * @param contact how to reach the people who run it: an email address or a fediverse handle ({@code @name@host}),
 *     or empty
 * @param rules the server's own rules, in order, each one line of plain text
 */
public record InstanceProfile(String name, String description, String contact, List<String> rules) {

  public InstanceProfile {
    rules = List.copyOf(rules);
  }

  /** Nothing set yet. */
  public static InstanceProfile empty() {
    return new InstanceProfile("", "", "", List.of());
  }

  /** The contact is an email address (else a fediverse handle, or nothing). */
  public boolean contactIsEmail() {
    return !contact.startsWith("@") && contact.contains("@");
  }
}
