package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * What the community sends to its members only (issue 17): a post addressed to its followers collection and never to
 * Public. Mastodon shows such a post as followers-only when the Group authors it, and delivers it to nobody else.
 */
final class MembersOnly {

  private MembersOnly() {}

  /** Whether a note the community authors is for its members only: nothing in its {@code to} or {@code cc} is Public. */
  static boolean is(String noteJson) {
    try {
      JsonNode note = JsonLimits.MAPPER.readTree(noteJson);
      return note.has("to") && !names(note.get("to"), As.PUBLIC) && !names(note.get("cc"), As.PUBLIC);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Addresses an activity to the community's followers only, with the community as its audience. */
  static ObjectNode address(ObjectNode activity, String followers, String community) {
    activity.putArray("to").add(followers);
    activity.putArray("cc");
    activity.put("audience", community);
    return activity;
  }

  private static boolean names(JsonNode list, String iri) {
    if (list == null) {
      return false;
    }
    if (list.isTextual()) {
      return list.asText().equals(iri);
    }
    for (JsonNode n : list) {
      if (iri.equals(n.asText()) || iri.equals(n.path("id").asText())) {
        return true;
      }
    }
    return false;
  }
}
