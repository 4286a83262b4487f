package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.StaffProfile;

/**
 * Lemmy 1.0's {@code Warn} activity, sent besides the warning's direct message to servers that understand it
 * (docs/federation.md, "Warnings"). Like {@link Outbound}, the activity and its delivery are written in the caller's
 * transaction and sent after it commits.
 */
public interface WarnOutbound {

  /** Whether the member's server runs software that understands {@code Warn} (Lemmy 1.0 or later). Never fails. */
  Future<Boolean> understands(RemoteActor member);

  /**
   * {@code Warn{actor: the moderator's Person, to: [member], object: the member's post, summary, audience: the
   * community}} to the member's inbox, signed with the Person's key (which must exist: read it through
   * {@code StaffProfiles.person} first). Returns the activity's IRI.
   */
  Future<String> warn(Tx tx, Community community, StaffProfile moderator, RemoteActor member, String objectId,
                      String summary);
}
