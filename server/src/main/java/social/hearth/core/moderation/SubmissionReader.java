package social.hearth.core.moderation;

import java.util.Optional;
import social.hearth.core.domain.Verbatim;

/**
 * Reads a stored post back as the filters see it, for a dry run. The ActivityPub adapter implements it
 * ({@code apub.SubmissionMapper}) with the same normaliser and mapping the inbox uses.
 */
public interface SubmissionReader {

  /** The post's plain facts and its HTML content. */
  record Read(Submission submission, String content) {}

  /** Empty when the stored object is not a readable post. */
  Optional<Read> read(Submission.Kind kind, Verbatim object, String authorHost);
}
