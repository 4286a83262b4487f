package social.hearth.core.moderation;

import java.time.Instant;

/**
 * What is known about the author at the moment of the decision; stored with the decision so a dry-run replays
 * exactly what the filters saw.
 *
 * @param accountCreated when the remote account was created (its actor's {@code published}), or null if unknown
 * @param memberSince when the author became a member here, or null for non-members
 * @param acceptedPosts how many of the author's posts this community has accepted before
 * @param lastPostAt when the author last posted here (accepted or held), or null
 * @param domainLimited whether the author's server is limited by the instance's domain policy
 */
public record AuthorFacts(Instant accountCreated, Instant memberSince, long acceptedPosts, Instant lastPostAt,
                          boolean domainLimited) {

  /** As stored with a decision (ISO-8601 instants). */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    var n = social.hearth.federation.vocab.JsonLimits.MAPPER.createObjectNode();
    n.put("accountCreated", accountCreated == null ? null : accountCreated.toString());
    n.put("memberSince", memberSince == null ? null : memberSince.toString());
    n.put("acceptedPosts", acceptedPosts);
    n.put("lastPostAt", lastPostAt == null ? null : lastPostAt.toString());
    n.put("domainLimited", domainLimited);
    return n;
  }

  public static AuthorFacts fromJson(com.fasterxml.jackson.databind.JsonNode n) {
    return new AuthorFacts(instant(n.get("accountCreated")), instant(n.get("memberSince")), n.path("acceptedPosts").asLong(0),
        instant(n.get("lastPostAt")), n.path("domainLimited").asBoolean(false));
  }

  private static Instant instant(com.fasterxml.jackson.databind.JsonNode v) {
    return v == null || !v.isTextual() ? null : Instant.parse(v.asText());
  }
}
