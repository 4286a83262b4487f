package social.hearth.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import social.hearth.apub.Uris;
import social.hearth.db.OutboxStore;
import social.hearth.domain.Community;
import social.hearth.domain.RemoteActor;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * Builds the activities a community sends and puts them, with their deliveries, into the database in the
 * caller's transaction. Nothing is sent here: the {@link DeliveryWorker} picks the rows up after commit.
 */
public final class Outbound {

  private final OutboxStore store;
  private final Uris uris;
  private final Clock clock;

  public Outbound(OutboxStore store, Uris uris, Clock clock) {
    this.store = store;
    this.uris = uris;
    this.clock = clock;
  }

  /** Accept{Follow}: the original Follow embedded (id, type, actor, object), addressed to the follower. */
  public Future<Void> accept(SqlClient tx, Community community, JsonNode follow, RemoteActor follower) {
    ObjectNode embedded = JsonLimits.MAPPER.createObjectNode();
    embedded.put("id", Normalizer.firstText(follow.get("id")));
    embedded.put("type", "Follow");
    embedded.put("actor", follower.id());
    embedded.put("object", uris.community(community.slug()));
    ObjectNode accept = activity("Accept", community);
    accept.set("object", embedded);
    accept.putArray("to").add(follower.id());
    String body = accept.toString();
    return store.insertActivity(tx, accept.get("id").asText(), community.id(), "Accept", embedded.get("id").asText(), body, false)
        .compose(id -> store.enqueue(tx, id, follower.inbox(), follower.host()));
  }

  /** Announce{object IRI} to every member, public, cc the followers collection. */
  public Future<Integer> announce(SqlClient tx, Community community, String objectId) {
    ObjectNode announce = activity("Announce", community);
    announce.put("object", objectId);
    announce.putArray("to").add(As.PUBLIC);
    announce.putArray("cc").add(uris.communityFollowers(community.slug()));
    String iri = announce.get("id").asText();
    return store.insertActivity(tx, iri, community.id(), "Announce", objectId, announce.toString(), true)
        .compose(id -> store.enqueueToMembers(tx, id, community.id(), uris.base() + "/"));
  }

  private ObjectNode activity(String type, Community community) {
    ObjectNode node = JsonLimits.MAPPER.createObjectNode();
    node.putArray("@context").add(As.NS);
    node.put("id", uris.newActivity());
    node.put("type", type);
    node.put("actor", uris.community(community.slug()));
    node.put("published", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    return node;
  }

}
