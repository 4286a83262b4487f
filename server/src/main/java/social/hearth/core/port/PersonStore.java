package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.StaffProfile;

/** Staff accounts as Persons: their profile, avatar, key pairs, followers, and what they moderate. */
public interface PersonStore {

  /** An account's key pairs as PEM text; a part is null until it was made. */
  record KeySet(String username, String rsaPrivate, String rsaPublic, String ed25519Private, String ed25519Public) {

    public boolean complete() {
      return rsaPrivate != null && rsaPublic != null && ed25519Private != null && ed25519Public != null;
    }
  }

  /** A community the account has a role in. */
  record Role(String slug, String name, String role) {}

  /** A new avatar (its type checked by its bytes), or null to keep the current one. */
  record Avatar(String contentType, byte[] bytes, String digest) {}

  Future<Optional<StaffProfile>> profile(String username);

  Future<Optional<StaffProfile>> profile(long accountId);

  /**
   * Writes the profile text; the avatar is replaced when {@code avatar} is not null, removed when {@code removeAvatar},
   * and its alt text set to {@code alt} when there is one.
   */
  Future<Void> saveProfile(Tx tx, long accountId, String displayName, String bio, String bioHtml, Avatar avatar,
                           boolean removeAvatar, String alt);

  Future<Optional<Image>> avatar(String username);

  Future<Optional<KeySet>> keys(long accountId);

  /** Stores the parts that are still missing (another node may have stored its own first) and returns what is stored. */
  Future<KeySet> completeKeys(long accountId, KeySet generated);

  /** Records a follower (a repeated Follow updates its id). */
  Future<Void> follow(Tx tx, long accountId, String actorId, String followId);

  /** True when the actor followed the account. */
  Future<Boolean> unfollow(long accountId, String actorId);

  /** Removes the follow the actor made with {@code followId} (an Undo that names the Follow only by its id). */
  Future<Boolean> unfollowByFollowId(String actorId, String followId);

  Future<Long> followerCount(long accountId);

  /** The communities the account is staff of, by name. */
  Future<List<Role>> roles(long accountId);

  /** The staff account whose activity created the object, if one did (a reply to it is for that account). */
  Future<Optional<String>> authorOf(String objectId);

  Future<Long> outboxCount(long accountId);

  /** The account's listed activities, newest first, as JSON text. */
  Future<List<String>> outboxPage(long accountId, int offset, int limit);
}
