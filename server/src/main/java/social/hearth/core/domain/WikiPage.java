package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A page of a community's wiki: its name (any script, the last part of its URL), whether a new revision is announced
 * to the members' servers, and its current revision with that revision's text.
 */
public record WikiPage(long id, long communityId, String name, boolean announced, int revision, String content,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
