package social.hearth.core.domain;

/**
 * A member on a leaderboard: the points of the period and the level their total points reach, with the level's name
 * when the community named its levels (null: the default name, in the reader's language).
 */
public record BoardEntry(String actor, long points, int level, String levelName) {

  public BoardEntry(String actor, long points, int level) {
    this(actor, points, level, null);
  }
}
