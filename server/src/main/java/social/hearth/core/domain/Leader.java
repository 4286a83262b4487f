package social.hearth.core.domain;

/**
 * A member as the leaders page sees them: how many newcomers' first posts they answered and their median time to
 * answer (null when none), how many replies they wrote to other members, how many events they go to.
 */
public record Leader(String actor, long newcomersAnswered, Long medianResponseSeconds, long replies, long events) {}
