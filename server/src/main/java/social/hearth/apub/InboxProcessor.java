package social.hearth.apub;

import social.hearth.federation.vocab.Iris;
import social.hearth.core.util.Worker;
import social.hearth.core.util.OrderedTasks;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.publishing.BatchIntake;
import social.hearth.core.publishing.PostScreen;
import social.hearth.db.InboxStore;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.ListenerTable;
import social.hearth.federation.vocab.Activity;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Runs the effects of stored inbox activities of one {@link InboxLane lane} through their listener's
 * {@code receive}. A claimed batch runs {@link InboxLane#concurrency(int) its share of half the database connections}
 * items at a time, in arrival order per {@link #orderingKeys ordering key}: an item starts only
 * after the earlier items of the batch that share a key with it (the same actor, the same post, the post it
 * replies to) have finished. The items whose effects succeeded are then marked done in one statement; an item that
 * fails is retried with backoff, then marked failed with its error.
 */
public final class InboxProcessor extends Worker {

  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);
  private static final int BATCH = 64;
  /**
   * Items in flight at once, both lanes together: half of the node's database connections ({@code HEARTH_DATABASE_POOL}, 16 by default).
   * An item mostly waits for the database, so throughput grows with this until the database or the CPU is busy. With
   * as many items as connections, a node stopped for good in TwoNodesTest (its items each held a connection and
   * waited for a second one, and its inbox answered nothing): so, whatever an effect does, an item that holds one
   * connection while it asks for another always finds one free, and the HTTP side and the delivery worker still get
   * theirs.
   */
  public static int concurrency(int databasePool) {
    return Math.max(2, databasePool / 2);
  }

  private static final int MAX_ATTEMPTS = 8;

  private final InboxLane lane;
  private final InboxStore store;
  private final ListenerTable listeners;
  private final Duration lease;
  private final int concurrency;
  private final FederationMetrics metrics;
  private final CreateScreen screen;

  /**
   * The worker of one lane; a node runs one per lane (see {@link InboxWorkers}). {@code screen}, when not null,
   * pre-screens each batch: the Creates it finds clearly refused are marked done without running their listener.
   */
  public InboxProcessor(Vertx vertx, InboxLane lane, InboxStore store, ListenerTable listeners, Duration lease,
                        Duration poll, int concurrency, FederationMetrics metrics, CreateScreen screen) {
    super(vertx, poll.toMillis());
    this.screen = screen;
    this.lane = lane;
    this.store = store;
    this.listeners = listeners;
    this.lease = lease;
    this.concurrency = concurrency;
    this.metrics = metrics;
  }

  /** A claimed item read for processing: its activity, or why it could not be read. */
  private record Parsed(InboxStore.Item item, Activity activity, JsonNode json, Exception error) {}

  /** How long the lane waits while the node's deliveries are backed up, and at most in a row. */
  static final long HOLD_MILLIS = 100;
  static final long HOLD_MAX_MILLIS = 2_000;
  private java.util.function.BooleanSupplier backedUp = () -> false;
  private long heldSince;
  private boolean holding;

  /**
   * Holds this lane back while {@code backedUp} says the node's deliveries are backed up: what it would take now
   * would only queue more deliveries than the node can send (they would become rows for any node, each written,
   * claimed and deleted), so its backlog stays in the inbox, where it costs nothing more, and processing goes at the
   * speed of signing. Never for more than {@link #HOLD_MAX_MILLIS} in a row: a node whose deliveries wait for slow
   * hosts still takes a batch at least that often.
   */
  void heldBack(java.util.function.BooleanSupplier backedUp) {
    this.backedUp = backedUp;
  }

  /** True when this lane should wait a little before its next claim (see {@link #heldBack}). */
  boolean held() {
    if (!backedUp.getAsBoolean()) {
      heldSince = 0;
      return false;
    }
    long now = System.nanoTime();
    if (heldSince == 0) {
      heldSince = now;
    }
    if (now - heldSince >= HOLD_MAX_MILLIS * 1_000_000) {
      heldSince = now;
      return false;
    }
    return true;
  }

  @Override
  protected Future<Integer> batch() {
    if (held()) {
      if (!holding) { // one look again however often the lane is woken meanwhile
        holding = true;
        vertx.setTimer(HOLD_MILLIS, t -> {
          holding = false;
          wake();
        });
      }
      return Future.succeededFuture(0);
    }
    return store.claim(lane.id(), BATCH, lease).compose(items -> {
      List<Parsed> parsed = new ArrayList<>(items.size());
      for (InboxStore.Item item : items) {
        parsed.add(parse(item));
      }
      return refused(parsed).compose(refused -> run(items, parsed, refused));
    });
  }

  /**
   * The batch's items the pre-screen finds clearly refused; none when there is no screen or it fails (then every
   * item goes to its listener, which decides as always).
   */
  private Future<Map<Integer, PostScreen.Reason>> refused(List<Parsed> parsed) {
    if (screen == null || parsed.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Activity> activities = new ArrayList<>(parsed.size());
    List<String> recipients = new ArrayList<>(parsed.size());
    for (Parsed p : parsed) {
      activities.add(p.activity());
      recipients.add(p.item().recipient());
    }
    Future<Map<Integer, PostScreen.Reason>> screened;
    try {
      screened = screen.refused(activities, recipients);
    } catch (RuntimeException e) {
      screened = Future.failedFuture(e);
    }
    return screened.recover(e -> {
      LOG.warn("the pre-screen failed, every item goes to its listener: {}", e.toString());
      return Future.succeededFuture(Map.of());
    });
  }

  /**
   * Runs the batch's items that were not refused: first the posts taken a batch at a time ({@link #batched}), then
   * the others in order per key; marks done every item that needs no retry.
   */
  private Future<Integer> run(List<InboxStore.Item> items, List<Parsed> parsed, Map<Integer, PostScreen.Reason> refused) {
    return batched(parsed, refused).compose(settled -> {
      OrderedTasks tasks = new OrderedTasks(concurrency);
      List<Future<Boolean>> outcomes = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        Parsed p = parsed.get(i);
        PostScreen.Reason reason = refused.get(i);
        if (reason != null) {
          // refused by the posting policy alone: no effect to run, done with the batch
          LOG.debug("inbox {} ({} {}) refused: {}", p.item().id(), p.item().type(), p.item().activityId(), reason);
          metrics.processed(p.item().type(), "refused");
          outcomes.add(Future.succeededFuture(true));
        } else if (settled.contains(i)) {
          metrics.processed(p.item().type(), "done");
          outcomes.add(Future.succeededFuture(true));
        } else {
          outcomes.add(tasks.submit(orderingKeys(p.item().actorId(), p.activity()), () -> process(p)));
        }
      }
      return Future.join(outcomes).transform(x -> {
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          if (outcomes.get(i).succeeded() && outcomes.get(i).result()) {
            done.add(items.get(i).id());
          }
        }
        return done.isEmpty() ? Future.<Void>succeededFuture() : store.done(done);
      }).map(items.size());
    });
  }

  /**
   * Settles, before the batch's other items run, the Creates of posts that can be taken a batch at a time
   * ({@link CreateScreen#arrival}): only those whose ordering keys no earlier item of the batch shares, so none of
   * them has to wait for another item and no two of them share an author or a post. Returns the indexes of the
   * items settled; the others (and all of them, should the batch fail) run through their listener.
   */
  private Future<Set<Integer>> batched(List<Parsed> parsed, Map<Integer, PostScreen.Reason> refused) {
    if (screen == null) {
      return Future.succeededFuture(Set.of());
    }
    // which items may go together: no earlier item of the batch shares a key with them (cheap, on the loop)
    Set<String> seen = new HashSet<>();
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      Parsed p = parsed.get(i);
      if (refused.containsKey(i)) {
        continue;
      }
      Set<String> keys = orderingKeys(p.item().actorId(), p.activity());
      if (Collections.disjoint(keys, seen) && p.error() == null) {
        free.add(i);
      }
      seen.addAll(keys);
    }
    if (free.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    // reading the posts (their HTML parsed for the filters) runs on a worker thread, not the event loop
    return vertx.executeBlocking(() -> {
      List<Integer> at = new ArrayList<>();
      List<BatchIntake.Arrival> arrivals = new ArrayList<>();
      for (int i : free) {
        Parsed p = parsed.get(i);
        BatchIntake.Arrival a = screen.arrival(p.activity(), p.json(), p.item().recipient());
        if (a != null) {
          at.add(i);
          arrivals.add(a);
        }
      }
      return new Batch(at, arrivals);
    }, false).recover(e -> {
      LOG.warn("could not read the batch's posts, each goes to its listener: {}", e.toString());
      return Future.succeededFuture(new Batch(List.of(), List.of()));
    }).compose(batch -> settle(batch.at(), batch.arrivals()));
  }

  /** The posts of a batch that may be taken together, and where they are in it. */
  private record Batch(List<Integer> at, List<BatchIntake.Arrival> arrivals) {}

  private Future<Set<Integer>> settle(List<Integer> at, List<BatchIntake.Arrival> arrivals) {
    if (arrivals.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    Future<List<Boolean>> accepted;
    try {
      accepted = screen.accept(arrivals);
    } catch (RuntimeException e) {
      accepted = Future.failedFuture(e);
    }
    return accepted.map(settled -> {
      Set<Integer> out = new HashSet<>();
      for (int k = 0; k < settled.size(); k++) {
        if (settled.get(k)) {
          out.add(at.get(k));
        }
      }
      return out;
    }).recover(e -> {
      LOG.warn("a batch of {} posts failed, each goes to its listener: {}", arrivals.size(), e.toString());
      return Future.succeededFuture(Set.of());
    });
  }

  private static Parsed parse(InboxStore.Item item) {
    try {
      JsonNode json = JsonLimits.MAPPER.readTree(item.body());
      return new Parsed(item, Normalizer.activity(json), json, null);
    } catch (Exception e) {
      return new Parsed(item, null, null, e);
    }
  }

  /**
   * What an item must wait for within a batch: every earlier item of its actor (and of the author it relays, or the
   * account it moves to), and every earlier item about the same object or the post it replies to, so that a Create
   * and the Delete of the same note, a Follow and its Undo, or a post and a reply to it take effect in the order they
   * arrived. Items with no key in common run at the same time.
   */
  public static Set<String> orderingKeys(String actorId, Activity activity) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add("actor " + actorId);
    if (activity == null) {
      return keys;
    }
    keys.add("actor " + activity.actor());
    JsonNode object = activity.object();
    switch (activity.type() == null ? "" : activity.type()) {
      case "Create", "Update", "Delete", "Like" -> objectKeys(activity.objectId(), object, keys);
      case "Announce" -> {
        if (object != null && object.isObject()) {
          String inner = Iris.iri(object.get("actor"));
          if (inner != null) {
            keys.add("actor " + inner);
          }
          objectKeys(Iris.iri(object.get("object")), object.get("object"), keys);
        }
      }
      case "Move" -> {
        if (activity.target() != null) {
          keys.add("actor " + activity.target());
        }
      }
      default -> {
        // Follow, Undo, Flag...: their actor's order is enough
      }
    }
    return keys;
  }

  private static void objectKeys(String objectId, JsonNode object, Set<String> keys) {
    if (objectId != null) {
      keys.add("object " + objectId);
    }
    if (object != null && object.isObject()) {
      String parent = Iris.iri(object.get("inReplyTo"));
      if (parent != null) {
        keys.add("object " + parent);
      }
    }
  }

  /** Runs the item's effect; true when it succeeded (to be marked done), false when it was retried or failed. */
  private Future<Boolean> process(Parsed parsed) {
    InboxStore.Item item = parsed.item();
    Future<Void> effect;
    if (parsed.error() != null) {
      effect = Future.failedFuture(parsed.error());
    } else {
      try {
        effect = listeners.forType(parsed.activity().type())
            .map(l -> l.receive(new InboundActivity(parsed.activity(), parsed.json(), item.recipient())))
            .orElse(Future.succeededFuture());
      } catch (Throwable e) { // an Error too: the item fails (and is retried), it never stalls the batch
        effect = Future.failedFuture(e);
      }
      if (effect == null) {
        effect = Future.failedFuture(new NullPointerException("the listener returned no future"));
      }
    }
    return effect.map(v -> {
      metrics.processed(item.type(), "done");
      return true;
    }).recover(e -> {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (item.attempts() >= MAX_ATTEMPTS) {
        LOG.warn("inbox {} ({} {}) failed for good: {}", item.id(), item.type(), item.activityId(), error);
        metrics.processed(item.type(), "failed");
        return store.failed(item.id(), error).map(false);
      }
      Duration delay = Duration.ofSeconds(5L << Math.min(item.attempts(), 10));
      LOG.info("inbox {} ({}) failed, retry in {}: {}", item.id(), item.type(), delay, error);
      metrics.processed(item.type(), "retried");
      return store.retry(item.id(), error, delay).map(false);
    });
  }
}
