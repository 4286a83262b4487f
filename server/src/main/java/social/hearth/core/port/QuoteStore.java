package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.QuoteAuthorization;

/** The QuoteAuthorization stamps a community granted (FEP-044f). */
public interface QuoteStore {

  /**
   * Grants the quote (or grants it again: one stamp per quoting post and quoted object, revived if it was revoked);
   * returns the stamp.
   */
  Future<QuoteAuthorization> authorize(Tx tx, long communityId, String requester, String requesterInbox,
                                       String requesterHost, String interactingObject, String interactionTarget);

  /** A stamp of the community that is not revoked. */
  Future<Optional<QuoteAuthorization>> live(long communityId, UUID id);

  /**
   * Revokes the community's stamps that {@code policy} no longer allows (all for nobody, those of accounts that are
   * not accepted members for members, none for everyone); returns them.
   */
  Future<List<QuoteAuthorization>> revokeDisallowed(Tx tx, long communityId, Community.QuotePolicy policy);
}
