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
}
