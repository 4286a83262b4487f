package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.BoardIdea;

/** The feedback board's ideas, votes, settings and the community's status replies. */
public interface BoardStore {

  /** The idea hashtags of a community (without '#', lower case); null when it never set them. */
  Future<List<String>> hashtags(long communityId);

  Future<Void> setHashtags(long communityId, List<String> hashtags);

  /** Adds an idea; empty when the post is one already. */
  Future<Optional<BoardIdea>> add(Tx tx, String key, long communityId, long postId, String objectId, String author,
                                  String excerpt);

  /**
   * Records a member's vote (+1 or -1, replacing theirs) on the idea with this post, from {@code activity} (a
   * Dislike's id, or null); false when it is no idea.
   */
  Future<Boolean> vote(Tx tx, long communityId, String objectId, String voter, int value, String activity);

  /**
   * Takes back a member's vote against (a Dislike undone), known by the Dislike's id or by the idea's object IRI
   * (either may be null); how many were taken back.
   */
  Future<Integer> withdrawAgainst(Tx tx, String voter, String activity, String objectId);

  /** The communities whose board has the post with this object IRI as an idea. */
  Future<List<Long>> communitiesWith(String objectId);

  /** The ideas, most votes first; {@code status} null for all. */
  Future<List<BoardIdea>> list(long communityId, BoardIdea.Status status, int limit);

  Future<Optional<BoardIdea>> byKey(long communityId, String key);

  /** Sets the status and comment; returns the idea as it is now. */
  Future<BoardIdea> setStatus(Tx tx, long ideaId, BoardIdea.Status status, String comment);

  /** The members who voted for the idea. */
  Future<List<String>> voters(long ideaId);

  /** Keeps a status reply's JSON, served at its IRI. */
  Future<Void> addReply(Tx tx, long ideaId, String iri, String json);

  Future<Optional<String>> reply(String iri);
}
