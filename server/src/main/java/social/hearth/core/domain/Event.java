package social.hearth.core.domain;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * An event the community publishes: a name, a description (Markdown and its HTML), a start and an end in an IANA time
 * zone, a place (name and address) or an online link, an optional capacity, who may come, and whether it is still
 * on. {@code author} is null when the community itself speaks; {@code going} counts the accepted attendees.
 */
public record Event(long id, String key, long communityId, String iri, String name, String markdown, String html,
                    String language, OffsetDateTime start, OffsetDateTime end, String timezone, String placeName,
                    String placeAddress, String onlineUrl, Integer capacity, JoinMode joinMode, Status status,
                    List<Integer> reminderHours, String author, Long postId, OffsetDateTime createdAt,
                    OffsetDateTime updatedAt, int going) {

  /** Who may come: anyone, the community's members, or whoever staff approve. */
  public enum JoinMode { FREE, MEMBERS, APPROVAL }

  /** Whether the event takes place. */
  public enum Status { CONFIRMED, CANCELLED }

  public ZoneId zone() {
    return ZoneId.of(timezone);
  }

  public boolean cancelled() {
    return status == Status.CANCELLED;
  }

  /** Places left, or null when there is no limit. */
  public Integer remaining() {
    return capacity == null ? null : Math.max(0, capacity - going);
  }

  public boolean full() {
    return capacity != null && going >= capacity;
  }

  public Event withGoing(int count) {
    return new Event(id, key, communityId, iri, name, markdown, html, language, start, end, timezone, placeName,
        placeAddress, onlineUrl, capacity, joinMode, status, reminderHours, author, postId, createdAt, updatedAt, count);
  }
}
