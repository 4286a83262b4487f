package social.hearth.core.publishing;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Verbatim;
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
}
