package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.PostImage;

/** Posts written in Hearth by a community's staff, their images, and the claim of due scheduled posts. */
public interface AuthoredPostStore {

  /** A post to store; {@code state} is SCHEDULED (with {@code publishAt}) or PUBLISHING (published in the same unit). */
  record NewPost(String key, long communityId, String author, String iri, String markdown, String summary,
                 String language, PostBody body, boolean pin, AuthoredPost.State state, OffsetDateTime publishAt,
                 Long scheduleId, String createdBy, boolean membersOnly) {

    /** A post for everyone. */
    public NewPost(String key, long communityId, String author, String iri, String markdown, String summary,
                   String language, PostBody body, boolean pin, AuthoredPost.State state, OffsetDateTime publishAt,
                   Long scheduleId, String createdBy) {
      this(key, communityId, author, iri, markdown, summary, language, body, pin, state, publishAt, scheduleId,
          createdBy, false);
    }
  }

  /** The text of a post after an edit (every field given: the caller merged what changed). */
  record Edit(String author, String markdown, String summary, String language, PostBody body, boolean pin, OffsetDateTime publishAt) {}

  /** Stores a post; empty when a schedule's occurrence is stored already. */
  Future<Optional<AuthoredPost>> insert(Tx tx, NewPost post);

  Future<Optional<AuthoredPost>> byKey(long communityId, String key);

  /** A live or deleted post by its IRI (for serving the Note or its Tombstone). */
  Future<Optional<AuthoredPost>> byIri(String iri);

  /** The community's posts that are not deleted, newest first, at most {@code limit}, with their images. */
  Future<List<AuthoredPost>> list(long communityId, int limit);

  Future<Void> edit(Tx tx, long id, Edit edit);

  /**
   * Marks the post published as {@code postId}. For a claimed post ({@code claim} not null) only while that claim
   * still holds it; false otherwise (another node took it over), and the caller must roll back.
   */
  Future<Boolean> published(Tx tx, long id, long postId, UUID claim);

  Future<Void> deleted(Tx tx, long id);

  /**
   * Claims up to {@code limit} due posts (scheduled and due, or claimed by a node whose lease ran out) for
   * {@code lease}, under {@code claim}: one conditional statement, so a post is claimed by one node at a time.
   */
  Future<List<AuthoredPost>> claimDue(int limit, Duration lease, UUID claim);

  /** A claimed post could not be published: tried again after {@code retryIn}, given up after {@code maxAttempts}. */
  Future<Void> attemptFailed(long id, UUID claim, String error, Duration retryIn, int maxAttempts);

  // ------------------------------------------------------------------ images

  /** Stores a re-encoded image, not yet part of a post. */
  Future<Void> storeImage(long communityId, String key, String contentType, byte[] bytes, int width, int height);

  /**
   * The community's images with these keys that no post uses yet or that post {@code postId} uses (null: none), in
   * the keys' order; a key that names no such image is left out.
   */
  Future<List<PostImage>> usable(long communityId, Long postId, List<String> keys);

  /**
   * Makes {@code images} (with their alt texts, in this order) the post's images; images it had before and no longer
   * has are deleted.
   */
  Future<Void> setImages(Tx tx, long postId, long communityId, List<PostImage> images);

  /** An image's bytes, for serving. */
  Future<Optional<Image>> image(long communityId, String key);

  /** Deletes images uploaded but never made part of a post, older than {@code age}; returns how many. */
  Future<Integer> purgeUnattached(Duration age);
}
