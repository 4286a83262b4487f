package social.hearth.apub.delivery;

import social.hearth.core.util.Worker;
import social.hearth.apub.LocalKeys;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.HostStore;
import social.hearth.db.OutboxStore;
import social.hearth.federation.delivery.Deliverer;
import social.hearth.federation.delivery.DeliveryOutcome;
import social.hearth.federation.delivery.RetryPolicy;
import social.hearth.federation.sig.SigningKey;

/**
 * Sends due deliveries from the queue. At most {@link #MAX_IN_FLIGHT} requests are open at once and at most
 * {@link #PER_HOST} to any one host, so a slow or dead host holds only its own slots and delays nobody else.
 * Each request is signed at send time with the sender's current key; temporary failures are retried with backoff
 * (and count towards the host's unavailability), permanent ones are dropped.
 *
 * <p>Database work per delivery is kept small: successes are recorded in batches ({@link DeliveredMarks}), a host's
 * row only when its state changes or at most every {@link #TOUCH_EVERY}, claims are coalesced
 * ({@link #COALESCE_MILLIS}, {@link #REFILL}), a host's next rows are claimed ahead ({@link #heldPerHost}), and a
 * re-share hands its deliveries over without a claim (up to {@link #MAX_HELD}); docs/architecture.md, "Outgoing
 * activity", tells the whole of it.
 *
 * <p>All state here lives on the worker's event-loop context; only the database is shared between nodes.
 */
public final class DeliveryWorker extends Worker implements social.hearth.core.port.Deliveries, OutboxStore.Sender {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  static final int MAX_IN_FLIGHT = 128;
  static final int PER_HOST = 4;
  /**
   * Deliveries a re-share may hand this node (in flight or waiting here), in all and per host: their batch's lease is
   * renewed while this node holds it ({@link OutcomeWriter#renew}), so a long wait for a slot never lets it expire.
   */
  static final int MAX_HELD = 2_048;
  static final int HANDED_PER_HOST = 256;
  /** And no more bodies than this in all (a body shared by deliveries counted for each): the heap's share. */
  static final long MAX_HELD_BYTES = 32L << 20;
  private static final int CLAIM = 64;
  private static final int REFILL = 32;
  /** How long after a claim new work waits to be claimed with whatever else is queued meanwhile. */
  static final long COALESCE_MILLIS = 50;
  /**
   * Rows a host may have claimed here, in flight or waiting for a slot: as many rounds of {@link #PER_HOST} as fit
   * twice into the lease at the 10 s request timeout (8 to 32; 24 with the default two minutes).
   */
  static int heldPerHost(Duration lease) {
    return PER_HOST * (int) Math.max(2, Math.min(8, lease.toSeconds() / 20));
  }
  static final Duration TOUCH_EVERY = Duration.ofMinutes(10);
  private static final int TOUCHED_MAX = 10_000;

  private final OutboxStore store;
  private final HostStore hosts;
  private final Deliverer deliverer;
  private final HostSignatureSchemes schemes;
  private final LocalKeys keys;
  private final RetryPolicy retry;
  private final Duration lease;
  private final DeliveredMarks marks;
  private final OutcomeWriter outcomes;
  private final social.hearth.apub.FederationMetrics metrics;
  private final Map<String, Integer> inFlightByHost = new HashMap<>();
  /** Rows claimed here with no outcome written yet: a slow node that claims one again must not send it twice. */
  private final java.util.Set<Long> held = new java.util.HashSet<>();
  private final WaitingDeliveries waiting = new WaitingDeliveries();
  private final Holdings holdings = new Holdings(HANDED_PER_HOST);
  /** Hosts this node recorded a success for, and when (nanoTime); a failure removes one; least recently used go. */
  private final Map<String, Long> touched = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > TOUCHED_MAX;
    }
  };
  private int inFlight;
  /** Read from any thread: the queue ({@link OutboxStore#reshare}) hands over as far as there is room. */
  private volatile int room;
  private volatile boolean backedUp;
  private volatile boolean running;
  /** The last claim read every due row it could take: completions need not claim again (new work wakes us). */
  private volatile boolean drained;
  private Context context;
  private long renewal = -1;

  public DeliveryWorker(Vertx vertx, OutboxStore store, social.hearth.db.DeliveryBatches batches, HostStore hosts,
                        Deliverer deliverer, HostSignatureSchemes schemes, LocalKeys keys, RetryPolicy retry,
                        Duration lease, Duration poll, social.hearth.apub.FederationMetrics metrics) {
    super(vertx, poll.toMillis());
    this.metrics = metrics;
    this.store = store;
    this.hosts = hosts;
    this.deliverer = deliverer;
    this.schemes = schemes;
    this.keys = keys;
    this.retry = retry;
    this.lease = lease;
    this.marks = new DeliveredMarks(vertx, store, written -> written.forEach(held::remove));
    this.outcomes = new OutcomeWriter(store, batches, marks);
  }

  @Override
  public void start() {
    context = vertx.getOrCreateContext();
    room = MAX_HELD;
    running = true;
    store.handTo(this, HANDED_PER_HOST, lease);
    renewal = vertx.setPeriodic(Math.max(5_000, lease.toMillis() / 4), id -> outcomes.renew(lease));
    super.start();
  }

  @Override
  public int room() {
    return running ? room : 0;
  }

  /** Re-shares for hosts below their cap fill half of {@link #MAX_HELD}: more intake now would mostly become rows. */
  public boolean backedUp() {
    return running && backedUp;
  }

  @Override
  public Map<String, Integer> holding() {
    return holdings.all;
  }

  /** Deliveries the queue claimed for this node as it stored them: sent as if this node had claimed them. */
  @Override
  public void take(java.util.List<OutboxStore.Delivery> claimed) {
    context.runOnContext(v -> {
      claimed.forEach(outcomes::took);
      if (!running) {
        outcomes.release(claimed);
        return;
      }
      claimed.forEach(this::admit);
    });
  }

  @Override
  public void stop() { // as close()
    close();
  }

  /**
   * Stops claiming; what was claimed but not yet sent goes back to the queue (what is in flight waits for its lease).
   * Completes once the deliveries recorded as sent are written (or writing them failed: they are then sent again
   * after their lease), so the database can be closed after it.
   */
  public Future<Void> close() {
    running = false;
    store.handTo(null, HANDED_PER_HOST, lease);
    vertx.cancelTimer(renewal);
    super.stop();
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> written = Promise.promise();
    context.runOnContext(v -> {
      // rows claimed ahead and not yet sent go back to the queue now, rather than waiting for their lease
      java.util.List<OutboxStore.Delivery> unsent = new java.util.ArrayList<>();
      unsent.addAll(waiting.clear());
      unsent.forEach(d -> holdings.hold(d, -1));
      resize();
      unsent.forEach(d -> held.remove(d.id()));
      Future<Void> released = unsent.isEmpty() ? Future.succeededFuture() : outcomes.release(unsent).recover(e -> {
        LOG.warn("cannot give back {} claimed deliveries (they wait for their lease): {}", unsent.size(), e.toString());
        return Future.succeededFuture();
      });
      released.compose(x -> marks.close()).onComplete(r -> written.complete());
    });
    return written.future();
  }

  /** New deliveries were queued (or are due): claim them (see {@link #claimSoon}). */
  @Override
  public void wake() {
    drained = false;
    Context c = context;
    if (c == null) {
      super.wake();
      return;
    }
    c.runOnContext(v -> claimSoon());
  }

  /**
   * Claims now, or {@link #COALESCE_MILLIS} after the last claim, so what becomes claimable meanwhile is claimed
   * together: a claim costs the database about as much for 10 rows as for 64.
   */
  private void claimSoon() {
    wakeAtMostEvery(COALESCE_MILLIS);
  }

  @Override
  protected Future<Integer> batch() {
    int capacity = MAX_IN_FLIGHT - holdings.rowsInFlight() - waiting.rows();
    if (capacity <= 0) {
      return Future.succeededFuture(0);
    }
    int want = Math.min(CLAIM, capacity);
    // a host's next rows are claimed while its slots are busy, so an answer starts the next request at once
    return outcomes.expandExpired().compose(x -> store.claim(want, heldPerHost(lease), holdings.rows(), lease))
        .map(claim -> {
      // all due rows seen, and all of them taken: a claim that was cut short by its limit left rows behind
      drained = claim.sawAllDue() && claim.items().size() < want;
      claim.items().forEach(this::admit);
      // when the claim saw every due row there is nothing more to claim until new work, a freed host or the poll;
      // otherwise claim again at once if it was cut short by its limit or moved unavailable hosts' rows out of the
      // way. A claim that took fewer rows than it could left only rows of hosts now at their cap (the next claim
      // would read past all of them for nothing): they are claimed as answers free slots (finished)
      boolean full = claim.items().size() >= want;
      return drained || !(full || claim.deferred() > 0) ? 0
          : (int) Math.min(Integer.MAX_VALUE, claim.items().size() + claim.deferred());
    });
  }

  /** A claimed delivery: sent now, or when its host has a free slot. */
  private void admit(OutboxStore.Delivery d) {
    if (!d.inBatch() && !held.add(d.id())) {
      LOG.info("delivery {} to {} is still on its way from this node (its lease ran out first): not sent again",
          d.id(), d.inbox());
      return;
    }
    if (d.inbox().startsWith("https://" + d.host() + "/") || d.inbox().startsWith("http://" + d.host() + "/")) {
      schemes.offer(d.host(), d.hostScheme());
    }
    holdings.hold(d, 1);
    start(d);
  }

  private void start(OutboxStore.Delivery d) {
    int open = inFlightByHost.getOrDefault(d.host(), 0);
    if (open >= PER_HOST || d.inBatch() && holdings.handedInFlight() >= MAX_IN_FLIGHT) {
      if (open >= PER_HOST) {
        waiting.add(d);
      } else {
        waiting.addPending(d); // re-shares in flight: at most MAX_IN_FLIGHT, as claimed rows
      }
      resize();
      return;
    }
    inFlightByHost.put(d.host(), open + 1);
    inFlight++;
    holdings.flying(d, 1);
    resize();
    send(d).onComplete(x -> {
      if (!d.inBatch() && !marks.pending(d.id())) {
        held.remove(d.id());
      }
      finished(d);
    });
  }

  private void finished(OutboxStore.Delivery done) {
    String host = done.host();
    inFlight--;
    holdings.flying(done, -1);
    holdings.hold(done, -1);
    int before = inFlightByHost.getOrDefault(host, 0);
    if (before <= 1) {
      inFlightByHost.remove(host);
    } else {
      inFlightByHost.put(host, before - 1);
    }
    boolean startedWaiting = false;
    OutboxStore.Delivery d = waiting.next(host);
    if (d != null) {
      startedWaiting = true;
      start(d);
    }
    for (OutboxStore.Delivery p; holdings.handedInFlight() < MAX_IN_FLIGHT && (p = waiting.nextPending()) != null; ) {
      start(p);
    }
    resize();
    // a host that was at its cap may have due rows the claims skipped; otherwise claim in batches of free slots
    boolean hostFreed = before >= PER_HOST && !startedWaiting;
    if (hostFreed || (!drained && MAX_IN_FLIGHT - holdings.rowsInFlight() - waiting.rows() >= REFILL)) {
      claimSoon();
    }
  }

  /** The host failed: its re-shares waiting here go back to the queue, after its backoff, not each to the timeout. */
  private void giveBack(String host, Duration delay) {
    java.util.List<OutboxStore.Delivery> back = waiting.takeHanded(host);
    back.forEach(x -> holdings.hold(x, -1));
    resize();
    outcomes.releaseLater(back, delay);
  }

  private void resize() {
    room = holdings.bytes() > MAX_HELD_BYTES ? 0 : MAX_HELD - inFlight - waiting.size();
    backedUp = holdings.handedBelowCap() >= MAX_HELD / 2;
  }

  private Future<Void> send(OutboxStore.Delivery d) {
    if (keys.isLocal(d.inbox())) {
      // never to ourselves, whatever put the row there
      LOG.warn("delivery {} to {} dropped: the inbox is on this server", d.id(), d.inbox());
      metrics.delivered("not_attempted");
      return outcomes.failed(d, 0, "the inbox is on this server");
    }
    Future<DeliveryOutcome> attempt;
    try {
      // a staff Person's activity is signed with its key, a community's with the community's, others by the instance
      Future<SigningKey> key = d.accountId() != null ? keys.forAccount(d.accountId())
          : d.communityId() == null ? Future.succeededFuture(keys.instance()) : keys.forCommunity(d.communityId());
      // the sender's Ed25519 key signs where the peer is known to accept it; RSA everywhere else
      Future<SigningKey> ed25519 = d.accountId() != null ? keys.ed25519ForAccount(d.accountId()).otherwise((SigningKey) null)
          : d.communityId() == null ? Future.succeededFuture()
          : keys.ed25519ForCommunity(d.communityId()).otherwise((SigningKey) null);
      URI inbox = URI.create(d.inbox());
      byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
      attempt = key.compose(k -> k == null ? Future.failedFuture(new IllegalStateException("no signing key"))
          : ed25519.compose(ed -> deliverer.post(inbox, body, k, ed)));
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.recover(e -> notAttempted(d, e)).compose(outcome -> outcome == null ? Future.succeededFuture()
        : judged(d, outcome));
  }

  /** Failed before any request (no key, an unusable inbox URL): retried with the usual backoff; the host not blamed. */
  private Future<DeliveryOutcome> notAttempted(OutboxStore.Delivery d, Throwable e) {
    Duration delay = retry.nextDelay(d.attempts(), null);
    String error = "not attempted: " + e;
    LOG.warn("delivery {} could not be attempted: {}", d.id(), e.toString());
    metrics.delivered("not_attempted");
    Future<Void> recorded = delay == null
        ? outcomes.failed(d, 0, "gave up after " + d.attempts() + " attempts: " + error)
        : outcomes.retry(d, 0, error, delay);
    return recorded.map((DeliveryOutcome) null);
  }

  private Future<Void> judged(OutboxStore.Delivery d, DeliveryOutcome outcome) {
    switch (outcome.result()) {
      case DELIVERED:
        LOG.debug("delivered {} to {}", d.id(), d.inbox());
        metrics.delivered("delivered");
        return delivered(d, outcome.status());
      case PERMANENT:
        LOG.info("delivery {} to {} failed permanently: {}", d.id(), d.inbox(), outcome.detail());
        metrics.delivered("failed");
        return outcomes.failed(d, outcome.status(), outcome.detail());
      default:
        touched.remove(d.host());
        Duration delay = retry.nextDelay(d.attempts(), outcome.retryAfter());
        metrics.delivered(delay == null ? "failed" : "retried");
        Future<Void> recorded = delay == null
            ? outcomes.failed(d, outcome.status(), "gave up after " + d.attempts() + " attempts: " + outcome.detail())
            : outcomes.retry(d, outcome.status(), outcome.detail(), delay);
        giveBack(d.host(), delay == null ? Duration.ofMinutes(1) : delay);
        return recorded.compose(v -> hosts.failure(d.host())).compose(unavailable -> {
          if (unavailable) {
            LOG.info("{} has failed every delivery for {}: marked unavailable", d.host(), HostStore.UNAVAILABLE_AFTER);
            return store.postponeHost(d.host(), HostStore.PROBE_EVERY);
          }
          return Future.succeededFuture();
        });
    }
  }

  /**
   * Records a success with the next batch; the host's row at once when the claim saw it failing or unavailable (that
   * revives it), else with the batch when not touched within {@link #TOUCH_EVERY} or seen failing since.
   */
  private Future<Void> delivered(OutboxStore.Delivery d, int status) {
    long now = System.nanoTime();
    if (d.hostHealthy()) {
      Long last = touched.get(d.host());
      boolean touch = last == null || now - last >= TOUCH_EVERY.toNanos();
      if (touch) {
        touched.put(d.host(), now);
      }
      outcomes.delivered(d, status, touch ? d.host() : null);
      return Future.succeededFuture();
    }
    outcomes.delivered(d, status, null);
    return hosts.success(d.host()).map(v -> {
      touched.put(d.host(), now);
      return (Void) null;
    }).recover(e -> {
      LOG.warn("cannot record that {} answers again: {}", d.host(), e.toString());
      return Future.succeededFuture();
    });
  }
}
