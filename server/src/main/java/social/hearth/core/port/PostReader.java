package social.hearth.core.port;

import java.util.Optional;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;

/**
 * Reads a stored remote object back as a post (a held post approved later by a moderator). The ActivityPub
 * adapter implements it with the same normaliser the inbox uses.
 */
public interface PostReader {

  /** The post, or empty when the stored object is not a readable post. */
  Optional<ReceivedPost> read(Verbatim object);
}
