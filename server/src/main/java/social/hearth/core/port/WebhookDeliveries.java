package social.hearth.core.port;

import io.vertx.core.Future;

/** The delivery ids the payment webhook has seen, so that a retried delivery is applied once. */
public interface WebhookDeliveries {

  /** Records the delivery id for the community: true the first time, false when it was seen before. */
  Future<Boolean> first(long communityId, String deliveryId);
}
