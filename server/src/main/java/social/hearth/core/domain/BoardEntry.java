package social.hearth.core.domain;

/** A member on a leaderboard: the points of the period and the level their total points reach. */
public record BoardEntry(String actor, long points, int level) {}
