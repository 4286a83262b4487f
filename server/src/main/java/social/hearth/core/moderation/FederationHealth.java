package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.regex.Pattern;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.FederationHealthQueries;

/**
 * The servers Hearth talks to, for the instance admin: their delivery health and backlog, the members there and what
 * the inboxes refused from them; and "retry now", which makes a host's pending deliveries due at once and its state
 * probing, recorded in the audit log ({@code federation_retry}).
 */
public final class FederationHealth {

  /** Servers on a page. */
  public static final int PAGE_SIZE = 50;
  private static final Pattern HOST = Pattern.compile("[a-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9a-f:.]{2,45}\\](:[0-9]{1,5})?");

  private final FederationHealthQueries queries;
  private final AuditLog audit;
  private final Deliveries deliveries;

  public FederationHealth(FederationHealthQueries queries, AuditLog audit, Deliveries deliveries) {
    this.queries = queries;
    this.audit = audit;
    this.deliveries = deliveries;
  }

  /** A page of servers; {@code sort} is a {@link FederationHealthQueries.Sort} name in any case (problems when unknown). */
  public Future<FederationHealthQueries.Page> servers(String search, boolean problemsOnly, String sort, int page) {
    if (search != null && search.length() > 253) {
      return Future.failedFuture(CoreException.badRequest("the search is longer than a host name can be"));
    }
    return queries.servers(new FederationHealthQueries.Query(search == null ? "" : search, problemsOnly, sort(sort),
        Math.max(1, Math.min(page, 10_000)), PAGE_SIZE));
  }

  /** The sort a request names: a {@link FederationHealthQueries.Sort} in any case, problems first when unknown. */
  public static FederationHealthQueries.Sort sort(String name) {
    for (FederationHealthQueries.Sort s : FederationHealthQueries.Sort.values()) {
      if (s.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return s;
      }
    }
    return FederationHealthQueries.Sort.PROBLEMS;
  }

  /**
   * Retry now for {@code host} (its authority, as the page lists it): the number of deliveries made due. Fails
   * with a bad request for something that is not a host, not found for a host Hearth does not know.
   */
  public Future<Integer> retry(String host, String by) {
    String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    if (!HOST.matcher(h).matches()) {
      return Future.failedFuture(CoreException.badRequest("'" + (host == null ? "" : host) + "' is not a host name"));
    }
    return queries.retry(h).compose(n -> {
      if (n < 0) {
        return Future.failedFuture(CoreException.notFound("Hearth does not talk to " + h));
      }
      deliveries.wake();
      return audit.record(null, by, "federation_retry", h, n + " pending deliveries due now").map(n);
    });
  }
}
