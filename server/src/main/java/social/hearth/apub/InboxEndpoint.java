package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.InboxStore;
import social.hearth.federation.inbox.ActivityListener;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.inbox.InboxVerifier;
import social.hearth.federation.inbox.ListenerTable;
import social.hearth.federation.inbox.Rejection;
import social.hearth.federation.sig.SignatureException;
import social.hearth.federation.vocab.Activity;
import social.hearth.federation.vocab.InboundShape;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.core.CoreException;

/**
 * POST to an inbox: check type and shape (a malformed activity is answered 400 with the reason, and nothing of it is
 * stored), remove its private addressees ({@code bto}, {@code bcc}) wherever they are, verify the signature against the actor, run the listener's verify
 * step, store the activity durably (deduplicated by id), answer 202, and wake the processor. Nothing is acted
 * on before it is stored.
 */
public final class InboxEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(InboxEndpoint.class);
  /** What a staff Person's own inbox takes (see {@link PersonListeners}); anything else is acknowledged and dropped. */
  static final java.util.Set<String> PERSON_TYPES = java.util.Set.of("Follow", "Undo", "Create", "Update", "Delete");

  private final InboxVerifier verifier;
  private final ListenerTable listeners;
  private final InboxStore store;
  private final InboxWorkers processor;
  private final Uris uris;
  private final social.hearth.core.moderation.DomainPolicies domains;
  private final FederationMetrics metrics;
  private final InboxRefusals refusals;

  public InboxEndpoint(InboxVerifier verifier, ListenerTable listeners, InboxStore store, InboxWorkers processor,
                       Uris uris, social.hearth.core.moderation.DomainPolicies domains, FederationMetrics metrics,
                       InboxRefusals refusals) {
    this.metrics = metrics;
    this.refusals = refusals;
    this.domains = domains;
    this.verifier = verifier;
    this.listeners = listeners;
    this.store = store;
    this.processor = processor;
    this.uris = uris;
  }

  /** What became of a verified activity: stored in a lane, already stored (a redelivery), or of a type no one takes. */
  private record Stored(InboxLane lane, String outcome) {
    static final Stored DUPLICATE = new Stored(null, "duplicate");
    static final Stored IGNORED = new Stored(null, "ignored");
  }

  /** {@code recipient} is the IRI of the actor whose inbox this is, or null for the shared inbox. */
  public void handle(RoutingContext ctx, String recipient) {
    String contentType = ctx.request().getHeader("content-type");
    if (contentType == null || !(contentType.contains("json"))) {
      reject(ctx, 415, "unsupported_media_type", "inbox accepts application/activity+json");
      return;
    }
    var req = ctx.request();
    if (req.getHeader("signature") == null && req.getHeader("authorization") == null
        && req.getHeader("signature-input") == null) {
      reject(ctx, 401, "unsigned", "the request is not signed");
      return;
    }
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    Activity activity;
    com.fasterxml.jackson.databind.JsonNode json;
    boolean stripped;
    try {
      json = JsonLimits.parse(body);
      // private addressees are dropped before anything else reads the activity: never stored, served or sent on
      stripped = InboundShape.stripPrivateAddressees(json);
      activity = Normalizer.activity(json);
      InboundShape.check(json);
    } catch (JsonLimits.InvalidJsonException | InvalidActivityException e) {
      reject(ctx, 400, "invalid_activity", e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.debug("unreadable activity", e);
      reject(ctx, 400, "invalid_activity", "the activity cannot be read");
      return;
    }
    String storedBody = stripped ? json.toString() : new String(body, java.nio.charset.StandardCharsets.UTF_8);
    if (uris.isLocal(activity.actor()) || uris.isLocal(activity.id())) {
      reject(ctx, activity.actor(), 403, "forged_origin", "a remote server cannot send activities for this server's actors");
      return;
    }
    if (domains.blocked(activity.actor())) {
      // checked before the signature, so a blocked server's keys are never even fetched
      reject(ctx, activity.actor(), 403, "blocked_domain", "this server does not accept activities from your server");
      return;
    }
    if (domains.banned(activity.actor())) {
      reject(ctx, activity.actor(), 403, "banned", "this account is banned from this server");
      return;
    }
    String host = req.getHeader("host") != null ? req.getHeader("host") : String.valueOf(req.authority());
    if (!uris.authority().equalsIgnoreCase(host)) {
      // a signature made for another server, replayed here (or a proxy that does not keep Host)
      reject(ctx, activity.actor(), 401, "wrong_host", "this request was addressed to " + host + ", not to " + uris.authority());
      return;
    }
    InboundActivity inbound = new InboundActivity(activity, json, recipient);
    verifier.verify(RequestViews.of(ctx, uris.scheme()), body, activity.actor())
        .compose(verified -> {
          ActivityListener listener = listeners.forType(activity.type()).orElse(null);
          if (listener != null && uris.staffUsername(recipient).isPresent() && !PERSON_TYPES.contains(activity.type())) {
            // a staff Person has no timeline: what is not a follow, a reply or a mention (or their undoing, edit or
            // deletion) is acknowledged and dropped, never stored
            LOG.debug("ignoring {} {} to {}: staff take only follows, replies and mentions", activity.type(),
                activity.id(), recipient);
            listener = null;
          }
          if (listener == null) {
            LOG.debug("ignoring {} {} from {}: no listener", activity.type(), activity.id(), activity.actor());
            return Future.succeededFuture(Stored.IGNORED);
          }
          Future<Void> checked;
          try {
            checked = listener.verify(inbound).recover(e -> Future.failedFuture(e instanceof RuntimeException
                && !(e instanceof Rejection) && isShapeError(e) ? new Rejection(400, "the activity cannot be read") : e));
          } catch (RuntimeException e) {
            // a listener that cannot read the activity's shape: refused, never a server error
            LOG.debug("listener could not read {}", activity.id(), e);
            checked = Future.failedFuture(new Rejection(400, "the activity cannot be read"));
          }
          return checked.compose(v -> store.insert(activity.id(), activity.type(), activity.actor(),
              recipient, storedBody, verified.scheme().name(), InboxLane.of(activity.type()).id()))
              .map(stored -> stored ? new Stored(InboxLane.of(activity.type()), "accepted") : Stored.DUPLICATE);
        })
        .onSuccess(stored -> {
          if (stored.lane() != null) {
            processor.wake(stored.lane());
          }
          metrics.inboxReceived(stored.outcome(), stored.outcome().equals("ignored") ? "unsupported_type" : "none");
          ctx.response().setStatusCode(202).end();
        })
        .onFailure(e -> {
          if (e instanceof SignatureException se) {
            String code = se.reason().name().toLowerCase(java.util.Locale.ROOT);
            metrics.signatureFailed("inbox", code);
            reject(ctx, activity.actor(), 401, code, se.getMessage());
          } else if (e instanceof Rejection r) {
            reject(ctx, activity.actor(), r.status(), "rejected", r.getMessage());
          } else {
            metrics.inboxReceived("error", "internal");
            ctx.fail(e);
          }
        });
  }

  /** Errors a listener raises when an activity's JSON is not the shape it expects (not database or network errors). */
  private static boolean isShapeError(Throwable e) {
    return e instanceof IllegalArgumentException || e instanceof NullPointerException || e instanceof ClassCastException
        || e instanceof IndexOutOfBoundsException || e instanceof UnsupportedOperationException;
  }

  private void reject(RoutingContext ctx, int status, String code, String reason) {
    reject(ctx, null, status, code, reason);
  }

  /** Answers a refusal and counts it, for the metrics and per host ({@code actor}: the activity's, null when unread). */
  private void reject(RoutingContext ctx, String actor, int status, String code, String reason) {
    metrics.inboxReceived("refused", code);
    refusals.refused(actor, ctx.request().getHeader("signature"), ctx.request().getHeader("signature-input"), code);
    LOG.info("inbox {} refused {} from {}: {} ({})", ctx.request().path(), status,
        ctx.request().remoteAddress(), reason, code);
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(social.hearth.federation.vocab.JsonLimits.MAPPER.createObjectNode().put("error", code).put("message", reason)
            .toString());
  }
}
