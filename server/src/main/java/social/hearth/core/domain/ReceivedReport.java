package social.hearth.core.domain;

import java.util.List;

/**
 * A report (Flag) from another server, as Mastodon's instance actor or other servers' users send it.
 *
 * @param id the Flag's id
 * @param reporterId who sent it
 * @param communities slugs of the local communities it names, in order
 * @param objects the other things it names (accounts and posts), in order
 * @param comment the reporter's comment, or null
 */
public record ReceivedReport(String id, String reporterId, List<String> communities, List<String> objects, String comment) {

  public ReceivedReport {
    communities = List.copyOf(communities);
    objects = List.copyOf(objects);
  }
}
