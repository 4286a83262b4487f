package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The content lane waits while the node's deliveries are backed up, so its backlog stays in the inbox, but never
 * longer than {@link InboxProcessor#HOLD_MAX_MILLIS} in a row: a node whose deliveries wait for slow hosts still
 * takes posts.
 */
class ContentLaneHoldTest {

  @Test
  void theContentLaneWaitsWhileDeliveriesAreBackedUpButNeverGoesDeaf() throws Exception {
    InboxProcessor content = new InboxProcessor(null, InboxLane.CONTENT, null, null, Duration.ofMinutes(2),
        Duration.ofSeconds(1), 2, null, null);
    AtomicBoolean backedUp = new AtomicBoolean(false);
    content.heldBack(backedUp::get);
    assertFalse(content.held(), "deliveries keep up: the lane takes posts");
    backedUp.set(true);
    assertTrue(content.held(), "backed up: the lane waits");
    assertTrue(content.held(), "and keeps waiting");
    Thread.sleep(InboxProcessor.HOLD_MAX_MILLIS + 100);
    assertFalse(content.held(), "but takes a batch after waiting its longest");
    assertTrue(content.held(), "then waits again while they are still backed up");
    backedUp.set(false);
    assertFalse(content.held());
  }
}
