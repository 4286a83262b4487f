package social.hearth.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import social.hearth.core.port.WebhookDeliveries;

/** SQL for the payment webhook's delivery ids (table {@code webhook_deliveries}). */
public final class PgWebhookDeliveries implements WebhookDeliveries {

  private final Pool pool;

  public PgWebhookDeliveries(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> first(long communityId, String deliveryId, String signature) {
    // ON CONFLICT without a target: a known delivery id or a known signature (V14) both make it a duplicate
    return pool.preparedQuery("INSERT INTO webhook_deliveries (community_id, delivery_id, signature) VALUES ($1, $2, $3) "
            + "ON CONFLICT DO NOTHING")
        .execute(Tuple.of(communityId, deliveryId, signature)).map(r -> r.rowCount() > 0);
  }
}
