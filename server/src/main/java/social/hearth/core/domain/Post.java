package social.hearth.core.domain;

/** A post as a community holds it. {@code deleted} posts are tombstones: no content, never shown. */
public record Post(long id, long communityId, String objectId, String authorId, String type, String announceIri,
                   String inReplyTo, boolean deleted) {}
