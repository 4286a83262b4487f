package social.hearth.core.port;

import io.vertx.core.Future;

/**
 * The deliveries the payment webhook has seen, so that a retried delivery is applied once and a replayed request is
 * not applied again under another delivery id.
 */
public interface WebhookDeliveries {

  /**
   * Records the delivery id and the request's signature for the community: true the first time, false when either
   * was seen before.
   */
  Future<Boolean> first(long communityId, String deliveryId, String signature);
}
