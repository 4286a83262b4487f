package social.hearth.apub;

/**
 * What the ActivityPub adapter counts, for the operator's metrics ({@code social.hearth.metrics} implements it with
 * Micrometer; {@link #NONE} when metrics are off). Every label value passed here is from a small fixed set: outcome
 * and reason codes, activity types Hearth has a listener for (anything else is {@code other}), never an IRI, a host
 * or a message.
 */
public interface FederationMetrics {

  /**
   * A POST to an inbox was answered: {@code outcome} is {@code accepted} (stored), {@code duplicate} (already stored,
   * acknowledged), {@code refused} (4xx) or {@code error} (5xx); {@code reason} is the error code sent back
   * ({@code invalid_activity}, {@code blocked_domain}, a signature failure such as {@code invalid_signature}...), or
   * {@code none}.
   */
  void inboxReceived(String outcome, String reason);

  /** A stored activity of {@code type} was processed: {@code done}, {@code retried} or {@code failed} for good. */
  void processed(String type, String outcome);

  /**
   * A delivery attempt ended: {@code delivered}, {@code retried} (temporary failure), {@code failed} (permanent, or
   * out of attempts) or {@code not_attempted} (no key, an unusable inbox, an inbox on this server).
   */
  void delivered(String outcome);

  /** A request's signature did not verify; {@code request} is {@code inbox} or {@code fetch} (a signed GET). */
  void signatureFailed(String request, String reason);

  /**
   * A signing key was looked up: {@code hit} (a fresh stored key), {@code fetched} (fetched from its server),
   * {@code stale} (the fetch failed or was not allowed, a stored key used), {@code refused} (not fetched, no key
   * known) or {@code failed} (the fetch failed, no key known).
   */
  void keyLookup(String result);

  /** Counts nothing. */
  FederationMetrics NONE = new FederationMetrics() {
    @Override
    public void inboxReceived(String outcome, String reason) {}

    @Override
    public void processed(String type, String outcome) {}

    @Override
    public void delivered(String outcome) {}

    @Override
    public void signatureFailed(String request, String reason) {}

    @Override
    public void keyLookup(String result) {}
  };
}
