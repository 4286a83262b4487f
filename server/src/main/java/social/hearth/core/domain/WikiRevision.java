package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** One save of a wiki page: its number (1, 2...), the Markdown, who saved it, when, and why. */
public record WikiRevision(long pageId, int number, String content, String summary, String author,
                           OffsetDateTime createdAt) {}
