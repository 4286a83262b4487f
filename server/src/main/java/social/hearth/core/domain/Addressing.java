package social.hearth.core.domain;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Whom a received post is for, as far as this server is concerned.
 *
 * @param communities slugs of the local communities the post names in to, cc, audience or a Mention, in order
 * @param publicOrUnlisted true when it is public or unlisted (the only posts a community re-shares); otherwise it
 *     is a direct message to the communities it names
 * @param inbox the slug of the community whose inbox it was delivered to, or null (the shared inbox, or relayed
 *     by another group): when set, only that community may take it
 */
public record Addressing(Set<String> communities, boolean publicOrUnlisted, String inbox) {

  public Addressing {
    communities = Collections.unmodifiableSet(new LinkedHashSet<>(communities));
  }

  /** True when the post names the community itself. */
  public boolean names(String slug) {
    return communities.contains(slug);
  }
}
