package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostBody;

/**
 * A post the community writes by itself (a shout-out to a member, issue 18), published in the caller's transaction:
 * {@code body} is safe HTML with its mentions; for the members only when {@code membersOnly}.
 */
@FunctionalInterface
public interface ShoutOuts {

  Future<Void> publish(Tx tx, Community community, String markdown, PostBody body, String language, boolean membersOnly);
}
