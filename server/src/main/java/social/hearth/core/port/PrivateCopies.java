package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Optional;
import social.hearth.core.domain.Community;

/**
 * What a private community sends instead of re-sharing (issue 17): its own copy of a member's accepted post, a Note
 * the community authors, addressed to its followers collection only, naming and linking the author, delivered to the
 * servers of its current members only. Mastodon shows a Group's followers-only Note to the Group's followers; it
 * never shows an Announce of a non-public post. Each call writes in the caller's transaction (the transactional
 * outbox), like {@link Outbound}.
 */
public interface PrivateCopies {

  /** Create of the copy of the community's post {@code postId}; returns the number of deliveries queued. */
  Future<Integer> create(Tx tx, Community community, long postId);

  /** Update of the copy after its original was edited; false when the post has no live copy (nothing sent). */
  Future<Boolean> update(Tx tx, Community community, long postId);

  /** Delete of the copy (its original deleted, or removed by a moderator); false when the post has no live copy. */
  Future<Boolean> delete(Tx tx, Community community, long postId);

  /** The original post behind {@code iri} when it is the IRI of one of our copies (replies to a copy thread there). */
  Future<Optional<String>> original(String iri);
}
