package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * An achievement of a community (issue 18): earned when a counted fact of a member reaches a threshold
 * ({@code fact}: posts, newcomers, events, days or points). Its key is the fact and the threshold ("posts_10").
 * A default one ({@code builtin}) has no name of its own: the bundles name it in the reader's language.
 */
public record Achievement(String key, String fact, long threshold, String name, String description, boolean builtin,
                          boolean off) {

  /** One that members can earn (not switched off). */
  public Achievement(String key, String fact, long threshold, String name, String description, boolean builtin) {
    this(key, fact, threshold, name, description, builtin, false);
  }

  /** An achievement or a level a member earned, and when. */
  public record Earned(String actor, String key, OffsetDateTime at) {}
}
