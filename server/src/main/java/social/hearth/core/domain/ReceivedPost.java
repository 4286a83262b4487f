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
 * @param language the language it is written in (its contentMap's or language's primary subtag), or null
 */
public record ReceivedPost(String id, String type, String authorId, String content, String inReplyTo, Verbatim object,
                           String language) {

  /** A post whose language is not known. */
  public ReceivedPost(String id, String type, String authorId, String content, String inReplyTo, Verbatim object) {
    this(id, type, authorId, content, inReplyTo, object, null);
  }
}
