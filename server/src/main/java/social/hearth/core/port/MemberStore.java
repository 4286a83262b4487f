package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.hearth.core.domain.Member;

/** SQL for community membership: requests, members, roles, expiry, and the membership history. */
public interface MemberStore {

  Future<Optional<Member>> find(long communityId, String actorId);

  /** Adds or refreshes an accepted member (a repeated Follow updates the follow id); keeps role and expiry. */
  Future<Void> upsertAccepted(Tx tx, long communityId, String actorId, String followId);

  /** As above, setting the expiry when {@code expiresAt} is given. */
  Future<Void> upsertAccepted(Tx tx, long communityId, String actorId, String followId,
                                     OffsetDateTime expiresAt);

  /** Records a join request; a repeated request refreshes its Follow id. False when already a member. */
  Future<Boolean> upsertPending(Tx tx, long communityId, String actorId, String followId);

  Future<Void> setAnswer(long communityId, String actorId, String answer);

  Future<Boolean> setRole(Tx tx, long communityId, String actorId, Member.Role role);

  /** Sets (or clears, with null) the expiry and resets the reminder. */
  Future<Boolean> setExpiry(Tx tx, long communityId, String actorId, OffsetDateTime expiresAt);

  Future<Boolean> remove(long communityId, String actorId);

  Future<Boolean> remove(Tx tx, long communityId, String actorId);

  /** Removes the membership created by the given Follow id, whatever community it was for. */
  Future<Boolean> removeByFollow(String actorId, String followId);

  Future<Boolean> isAccepted(long communityId, String actorId);

  /**
   * Whether a reader may see a private community's content (issue 17): {@code actorId} is an accepted member whose
   * membership has not expired, or, when {@code origin} is given ({@code https://host[:port]}), such a member's actor
   * lives on that origin (the server fetching on its members' behalf, as Mastodon does with its instance actor).
   */
  Future<Boolean> readsPrivately(long communityId, String actorId, String origin);

  /**
   * The number of accepted members, as stored in {@code communities.member_count} (kept by triggers on this table in
   * every writer's transaction; see V8__page_costs.sql), so no view counts the members.
   */
  Future<Long> count(long communityId);

  /** Member actor ids in join order, for the followers collection. */
  Future<List<String>> page(long communityId, int offset, int limit);

  /** Memberships (or requests) of a community, oldest first. */
  Future<List<Member>> list(long communityId, Member.State state, int offset, int limit);

  /** Remote moderators of a community. */
  Future<List<String>> moderators(long communityId);

  /** Members whose membership ends within their community's reminder period and who were not reminded yet. */
  Future<List<Member>> dueForReminder(int limit);

  Future<Void> markReminded(Tx tx, long communityId, String actorId);

  Future<List<Member>> expired(int limit);

  /** Removes the actor from every community; returns how many memberships ended. */
  Future<Integer> removeEverywhere(Tx tx, String actorId);

  /**
   * Moves every membership of {@code from} to {@code to} (an account migration) with its role, expiry and
   * history. Where {@code to} is already a member, the old membership simply ends. Returns the number carried over.
   */
  Future<Integer> move(Tx tx, String from, String to);

  /** Appends to a membership's history. */
  Future<Void> event(Tx tx, long communityId, String actorId, String type, String detail, String byWhom);

  /** A membership's history, oldest first: {type, detail, by, at}. */
  Future<List<String[]>> history(long communityId, String actorId);
}
