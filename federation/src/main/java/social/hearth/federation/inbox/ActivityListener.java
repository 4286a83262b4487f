package social.hearth.federation.inbox;

import io.vertx.core.Future;

/**
 * Handles one activity type. {@link #verify} runs before the activity is stored and acknowledged; a failed
 * Future (with a {@link Rejection}) becomes a 4xx answer. {@link #receive} runs later from the durable queue
 * and performs the effects; it must be idempotent, since a crash may run it twice.
 */
public interface ActivityListener {

  Future<Void> verify(InboundActivity inbound);

  Future<Void> receive(InboundActivity inbound);
}
