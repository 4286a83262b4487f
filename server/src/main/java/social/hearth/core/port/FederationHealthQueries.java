package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the federation health page reads, and its one write: the servers Hearth talks to (every known host, and every
 * host whose activities an inbox refused lately), their delivery health and backlog, the members there, and the
 * inbox's refusals by reason.
 */
public interface FederationHealthQueries {

  /** The days of refusals a page shows. */
  int REFUSAL_DAYS = 7;

  /**
   * A host's delivery state: {@code AVAILABLE} (no failure since the last success), {@code FAILING} (deliveries
   * failing, not yet for long), {@code UNAVAILABLE} (failing for two days: one probe every six hours) or
   * {@code PROBING} (a probe is due or under way: the host's deliveries are being tried now).
   */
  enum State { AVAILABLE, FAILING, UNAVAILABLE, PROBING }

  /** How a page is ordered: problems first (the default), by host name, by backlog, by members, by refusals. */
  enum Sort { PROBLEMS, HOST, BACKLOG, MEMBERS, REFUSALS }

  /**
   * A page of servers: {@code search} is part of a host name (or empty), {@code problemsOnly} keeps hosts that are not
   * available, have a backlog or refused activities; {@code page} counts from 1.
   */
  record Query(String search, boolean problemsOnly, Sort sort, int page, int size) {}

  /** Activities refused with one reason code in the last {@link #REFUSAL_DAYS} days, and the latest. */
  record Refusal(String code, long count, OffsetDateTime last) {}

  /**
   * One server: what NodeInfo says it runs ({@code software} and {@code version} may be null), accepted members
   * there, delivery health ({@code failingSince}: the first failure since the last success; {@code failures}: the
   * temporary failures since then), the pending deliveries ({@code backlog}, of which {@code retrying} have failed
   * at least once; {@code oldestPending}, {@code lastError}), when the next probe is due, and inbound refusals.
   */
  record Server(String host, String software, String version, long members, OffsetDateTime lastSuccess,
                State state, OffsetDateTime failingSince, int failures, OffsetDateTime lastFailure,
                OffsetDateTime nextProbe, long backlog, long retrying, OffsetDateTime oldestPending, String lastError,
                long refused, List<Refusal> refusals) {}

  /** A page of servers and how many match the query in all. */
  record Page(List<Server> servers, long total) {}

  Future<Page> servers(Query query);

  /**
   * Retry now: the host's pending deliveries not under a lease become due now and its state probing (the next
   * delivery is its probe). The number of deliveries made due, or -1 when the host is not known.
   */
  Future<Integer> retry(String host);
}
