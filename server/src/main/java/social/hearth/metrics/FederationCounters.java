package social.hearth.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import social.hearth.apub.FederationMetrics;
import social.hearth.federation.fetch.KeyFetchLimiter;

/**
 * The ActivityPub adapter's counters in Micrometer. Counters are made on first use and kept (a label set is a small
 * fixed set of codes, so the map stays small); an activity type Hearth has no listener for is counted as
 * {@code other}.
 */
final class FederationCounters implements FederationMetrics, KeyFetchLimiter.Listener {

  static final Set<String> TYPES = Set.of("Follow", "Undo", "Create", "Update", "Delete", "Like", "Announce", "Flag",
      "Move", "Accept", "Reject", "Block");

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  FederationCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  private void count(String name, String description, String... tags) {
    String key = name + '\u0000' + String.join("\u0000", tags);
    counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags).register(registry))
        .increment();
  }

  @Override
  public void inboxReceived(String outcome, String reason) {
    count("hearth.inbox.received", "POSTs to an inbox by outcome and reason", "outcome", outcome, "reason", reason);
  }

  @Override
  public void processed(String type, String outcome) {
    count("hearth.inbox.processed", "Stored activities processed, by type and outcome",
        "type", TYPES.contains(type) ? type : "other", "outcome", outcome);
  }

  @Override
  public void delivered(String outcome) {
    count("hearth.deliveries", "Delivery attempts by outcome", "outcome", outcome);
  }

  @Override
  public void signatureFailed(String request, String reason) {
    count("hearth.signature.failures", "Request signatures that did not verify, by reason", "request", request,
        "reason", reason);
  }

  @Override
  public void keyLookup(String result) {
    count("hearth.key.lookups", "Signing-key lookups: hit (fresh stored key), fetched, stale, refused, failed",
        "result", result);
  }

  /** The key-fetch limiter refused a fetch: the key failed recently, or its origin used up its fetches. */
  @Override
  public void refused(KeyFetchLimiter.Refusal why) {
    count("hearth.key.fetches.refused", "Key fetches the limiter refused", "reason",
        why == KeyFetchLimiter.Refusal.RATE_LIMITED ? "rate_limited" : "recently_failed");
  }
}
