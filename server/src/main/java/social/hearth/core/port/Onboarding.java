package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;

/**
 * What else happens, in the admission's transaction, when a newcomer is admitted (a sponsor offered and told):
 * returns safe HTML to add to the welcome message in {@code lang}, or null.
 */
public interface Onboarding {

  Onboarding NONE = (tx, community, newcomer, lang) -> Future.succeededFuture(null);

  Future<String> admitted(Tx tx, Community community, RemoteActor newcomer, String lang);
}
