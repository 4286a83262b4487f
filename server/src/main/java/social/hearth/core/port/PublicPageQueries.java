package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Person;

/**
 * What the public pages read and no store offers: communities for the home page, re-shared posts with their
 * authors, threads and hashtags, and a community's moderators. Tombstoned posts are never read.
 */
public interface PublicPageQueries {

  /** A community in a listing. */
  record Listing(long id, String slug, String name, String summary, long members, boolean hasAvatar) {}

  /**
   * A re-shared post as pages show it, rendered when it was stored (never per view). {@code contentHtml} is
   * sanitised HTML: the whole post from {@link #post}, a preview of at most a few thousand characters from every
   * list ({@code truncated} when that is not the whole post, which its own page then shows); {@code text} (the
   * first 500 characters of its text) and {@code summary} are plain text; {@code thread} holds replies shown under it.
   */
  record Post(long id, String objectId, String url, String authorId, String authorName, String authorHandle,
              String authorUrl, String contentHtml, boolean truncated, String text, String summary, OffsetDateTime published,
              List<String> tags, List<Attachment> attachments, long replies, String inReplyTo, int depth,
              List<Post> thread, String name) {}

  /** A media attachment, shown as a link (remote media is not loaded into our pages). */
  record Attachment(String url, String name, String mediaType) {}

  /** One page of a community's top-level posts, and whether an older page follows. */
  record PostPage(List<Post> posts, boolean more) {}

  /** Communities with their member counts, optionally filtered by a search over name, handle and summary. */
  Future<List<Listing>> communities(String query, int limit);

  /** Top-level posts, newest first, each with up to {@code repliesShown} replies under it. */
  Future<List<Post>> recent(long communityId, int offset, int limit, int repliesShown);

  /** As {@link #recent} without the pinned posts (the page shows them above), telling whether another page follows. */
  Future<PostPage> recentPage(long communityId, int offset, int limit, int repliesShown);

  /** Pinned posts in their order (only live ones), each with up to two replies under it. */
  Future<List<Post>> pinned(long communityId);

  /** One live post with its whole content (not a preview). */
  Future<Optional<Post>> post(long communityId, long postId);

  /** The posts this one replies to, within the community, oldest first (at most 20 up). */
  Future<List<Post>> ancestors(long communityId, String inReplyTo);

  /** Every reply under a post, depth-first in the order written, with its depth (at most 300). */
  Future<List<Post>> replies(long communityId, String objectId);

  /** Live posts carrying a hashtag (any case), newest first. */
  Future<List<Post>> tagged(long communityId, String tag, int offset, int limit);

  /** The hashtags used most in the community's latest posts. */
  Future<List<String>> popularTags(long communityId, int limit);

  /** Remote moderators with their names. */
  Future<List<Person>> moderators(long communityId);
}
