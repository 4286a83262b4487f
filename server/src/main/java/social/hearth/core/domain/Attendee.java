package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * Someone who answered an event: {@code GOING} (accepted) or {@code PENDING} (waiting for staff), with the id of
 * their Join (or of their reply) and how they answered ({@code join} or {@code reply}).
 */
public record Attendee(String actorId, State state, String requestId, String via, OffsetDateTime since) {

  public enum State { GOING, PENDING }
}
