package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * One event on a community's calendar, its own or re-shared from another server (Mobilizon, Gancio...): read from
 * the community's posts. {@code key} is the local event's key, null for a re-shared one; {@code url} is where to read
 * it. {@code timezone} may be null when the remote event named none.
 */
public record CalendarEntry(String iri, String key, String name, String description, OffsetDateTime start,
                            OffsetDateTime end, String timezone, String place, String url, boolean cancelled,
                            OffsetDateTime updated) {}
