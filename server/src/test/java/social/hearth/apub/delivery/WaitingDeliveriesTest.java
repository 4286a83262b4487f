package social.hearth.apub.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.hearth.db.OutboxStore;

class WaitingDeliveriesTest {

  static OutboxStore.Delivery row(long id, String host) {
    return new OutboxStore.Delivery(id, "https://" + host + "/inbox", host, 1, "{}", 1L, true, null, null);
  }

  static OutboxStore.Delivery handed(long batch, String host) {
    return new OutboxStore.Delivery(0, "https://" + host + "/inbox", host, 1, "{}", 1L, true, null, null, batch, batch);
  }

  @Test
  void anAcceptClaimedForABusyHostGoesBeforeItsBacklogOfReShares() {
    WaitingDeliveries waiting = new WaitingDeliveries();
    waiting.add(handed(1, "busy.example"));
    waiting.add(handed(2, "busy.example"));
    waiting.add(row(10, "busy.example"));
    waiting.add(row(11, "busy.example"));
    waiting.add(handed(3, "other.example"));
    assertEquals(2, waiting.rows());
    assertEquals(5, waiting.size());
    List<String> order = new ArrayList<>();
    for (OutboxStore.Delivery d = waiting.next("busy.example"); d != null; d = waiting.next("busy.example")) {
      order.add(d.inBatch() ? "batch " + d.batch() : "row " + d.id());
    }
    assertEquals(List.of("row 10", "row 11", "batch 1", "batch 2"), order, "rows first, each kind in order");
    assertEquals(0, waiting.rows());
    assertEquals(1, waiting.size(), "other hosts' deliveries stay");
    assertEquals(1, waiting.clear().size());
    assertNull(waiting.next("other.example"));
    assertEquals(0, waiting.size());
  }

  @Test
  void aFailingHostsWaitingReSharesAreTakenBackAndOthersStay() {
    WaitingDeliveries waiting = new WaitingDeliveries();
    waiting.add(handed(1, "down.example"));
    waiting.add(row(10, "down.example"));
    waiting.addPending(handed(2, "down.example"));
    waiting.addPending(handed(3, "up.example"));
    List<OutboxStore.Delivery> back = waiting.takeHanded("down.example");
    assertEquals(List.of(1L, 2L), back.stream().map(OutboxStore.Delivery::batch).toList(), "its re-shares, not its row");
    assertEquals(2, waiting.size(), "the row and the other host's re-share wait on");
    assertEquals(3L, waiting.nextPending().batch());
    assertEquals(10L, waiting.next("down.example").id());
  }

  @Test
  void aSlowHostAtItsCapDoesNotCountAsABacklogThatMoreIntakeWouldGrow() {
    Holdings holdings = new Holdings(3);
    for (int i = 1; i <= 3; i++) {
      holdings.hold(handed(i, "slow.example"), 1);
    }
    holdings.hold(handed(4, "fast.example"), 1);
    holdings.hold(handed(5, "fast.example"), 1);
    holdings.hold(row(10, "fast.example"), 1);
    assertEquals(2, holdings.handedBelowCap(), "only fast.example's two: slow.example is at its cap");
    assertEquals(java.util.Map.of("fast.example", 1), holdings.rows(), "claims count rows only");
    assertEquals(java.util.Map.of("slow.example", 3, "fast.example", 3), holdings.all, "the queue sees everything");
    holdings.hold(handed(1, "slow.example"), -1);
    assertEquals(4, holdings.handedBelowCap(), "below its cap again, slow.example counts");
  }
}
