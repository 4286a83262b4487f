package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A post from elsewhere that names staff Persons (to, cc or a Mention tag) or answers one of their notes, as the
 * staff inbox takes it.
 *
 * @param objectId the post's IRI
 * @param authorId its author's actor IRI
 * @param content its HTML as received (sanitised when stored)
 * @param summary its content warning, or null
 * @param url its page, or null (its IRI is linked then)
 * @param inReplyTo the post it answers, or null
 * @param published when it was published, or null
 * @param direct true when it is neither public nor unlisted
 */
public record ReceivedMention(String objectId, String authorId, String content, String summary, String url,
                              String inReplyTo, OffsetDateTime published, boolean direct) {}
