package social.hearth.core.moderation;

import java.time.Instant;
import java.util.List;

/**
 * A reviewed post, update or like as the moderation queue lists it.
 *
 * @param kind post, update or like
 * @param objectId the post it concerns
 * @param content the post's content, sanitised HTML ("" when none)
 * @param summary its content warning, or null
 * @param state accepted, held, rejected, approved or declined
 * @param decidedBy who approved or declined it, or null
 */
public record QueueItem(long id, String kind, String objectId, String authorId, String content, String summary,
                        List<Reason> reasons, String state, Instant createdAt, String decidedBy) {}
