package social.hearth.core.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post written in Hearth by a community's staff: as the community ({@code author} null: the Group authors the Note)
 * or as a staff member ({@code author} is their username: their Person authors it and the community re-shares it).
 * {@code key} is the short id staff use for it; {@code iri} its stable ActivityPub id; {@code postId} its row among
 * the community's posts once published. {@code membersOnly}: for the community's members only (issue 17): addressed to
 * its followers collection, never Public, and shown on no public page; fixed when written.
 */
public record AuthoredPost(long id, String key, long communityId, String author, String iri, String markdown,
                           String summary, String language, PostBody body, boolean pin, State state,
                           OffsetDateTime publishAt, Long postId, Long scheduleId, List<PostImage> images,
                           String createdBy, OffsetDateTime createdAt, OffsetDateTime publishedAt,
                           OffsetDateTime updatedAt, String lastError, boolean membersOnly) {

  /** Where a post is in its life. */
  public enum State { SCHEDULED, PUBLISHING, PUBLISHED, FAILED, DELETED }

  public AuthoredPost {
    images = List.copyOf(images);
  }

  public boolean asCommunity() {
    return author == null;
  }

  public AuthoredPost withImages(List<PostImage> list) {
    return new AuthoredPost(id, key, communityId, author, iri, markdown, summary, language, body, pin, state, publishAt,
        postId, scheduleId, list, createdBy, createdAt, publishedAt, updatedAt, lastError, membersOnly);
  }
}
