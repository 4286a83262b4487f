package social.hearth.core.domain;

/**
 * A post (Note, Page, Article, Question) from a remote author as the core decides on it; the object itself
 * travels along verbatim, to be stored and served as its author wrote it.
 *
 * @param id the object's IRI
 * @param type its ActivityStreams type
 * @param authorId the author's actor IRI
 * @param content its HTML content as received (sanitised when shown)
 * @param inReplyTo the post it answers, or null
 * @param object the object as received
 */
public record ReceivedPost(String id, String type, String authorId, String content, String inReplyTo, Verbatim object) {}
