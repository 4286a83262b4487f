package social.hearth.core.publishing;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Submission;

/**
 * The moderation pass every received post, update and like goes through before anything is published
 * ({@link Moderation#review}): the activity and the object travel as received.
 */
@FunctionalInterface
public interface Screening {

  /**
   * Reviews {@code submission} for the community.
   *
   * @param activityId the received activity's id
   * @param objectId the post it concerns
   * @param activity the received activity
   * @param object the post as received, or null (a like)
   */
  Future<Moderation.Review> review(Community community, Submission submission, String activityId, String objectId,
                                   Verbatim activity, Verbatim object);

  /**
   * As {@link #review(Community, Submission, String, String, Verbatim, Verbatim)}, with what is known of the author
   * already read by the caller (with the posting policy's reads), so the review reads nothing more about them; the
   * review decides the domain limit itself. By default the facts are read again.
   */
  default Future<Moderation.Review> review(Community community, Submission submission, AuthorFacts known,
                                           String activityId, String objectId, Verbatim activity, Verbatim object) {
    return review(community, submission, activityId, objectId, activity, object);
  }

  /** The moderation pass as the publishing use cases call it. */
  static Screening of(Moderation moderation) {
    return new Screening() {
      @Override
      public Future<Moderation.Review> review(Community c, Submission s, String activityId, String objectId,
                                              Verbatim activity, Verbatim object) {
        return moderation.review(c, s, activityId, objectId, activity, object);
      }

      @Override
      public Future<Moderation.Review> review(Community c, Submission s, AuthorFacts known, String activityId,
                                              String objectId, Verbatim activity, Verbatim object) {
        return moderation.review(c, s, known, activityId, objectId, activity, object);
      }
    };
  }
}
