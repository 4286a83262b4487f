package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A reply or mention in a staff account's inbox.
 *
 * @param author who wrote it
 * @param summary its content warning, or null
 * @param contentHtml its content, sanitised when stored
 * @param url where to read it on its own server
 * @param direct true when it was not public or unlisted
 * @param unread true until the account opened its inbox after it arrived
 */
public record StaffMention(long id, String objectId, Person author, String summary, String contentHtml, String url,
                           boolean direct, OffsetDateTime publishedAt, OffsetDateTime receivedAt, boolean unread) {}
