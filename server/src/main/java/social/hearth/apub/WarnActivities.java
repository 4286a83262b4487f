package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.port.Tx;
import social.hearth.core.port.WarnOutbound;
import social.hearth.db.HostStore;
import social.hearth.db.OutboxStore;
import social.hearth.db.OutboxStore.Visibility;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.Iris;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Lemmy 1.0's {@code Warn} (LemmyNet/lemmy {@code crates/apub/activities/src/community/warn.rs}, added by "Federate
 * warnings", #6582): {@code {type: Warn, actor: <moderator Person>, to: [<warned person>], object: <their post or
 * comment>, summary: <reason>, audience: <community>}}, sent to the warned person's inbox. Lemmy takes the community
 * from the object, requires {@code audience} to equal it and the actor to be a Person (not a Group) of the community's
 * domain or one of its moderators; it then writes a "warned" entry to its modlog and notifies the person. Only servers
 * whose NodeInfo names Lemmy at version 1.0 or later get it (Lemmy 0.19 would refuse the unknown type).
 */
public final class WarnActivities implements WarnOutbound {

  private final OutboxStore store;
  private final HostStore hosts;
  private final NodeInfoClient nodeInfo;
  private final Uris uris;
  private final Clock clock;

  public WarnActivities(OutboxStore store, HostStore hosts, NodeInfoClient nodeInfo, Uris uris, Clock clock) {
    this.store = store;
    this.hosts = hosts;
    this.nodeInfo = nodeInfo;
    this.uris = uris;
    this.clock = clock;
  }

  @Override
  public Future<Boolean> understands(RemoteActor member) {
    String origin = Iris.origin(member.id());
    if (origin == null || member.host() == null) {
      return Future.succeededFuture(false);
    }
    return hosts.software(member.host())
        .compose(name -> !"lemmy".equals(name.orElse(null)) ? Future.succeededFuture(false)
            : nodeInfo.versionOf(origin).map(WarnActivities::atLeastOne))
        .recover(e -> Future.succeededFuture(false));
  }

  /** "1", "1.0.0", "1.2.3-beta.1" and later: true; "0.19.12", "", anything unreadable: false. */
  static boolean atLeastOne(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d{1,6})(?=$|[.+-])").matcher(version == null ? "" : version);
    return m.find() && Integer.parseInt(m.group(1)) >= 1;
  }

  @Override
  public Future<String> warn(Tx tx, Community community, StaffProfile moderator, RemoteActor member, String objectId,
                             String summary) {
    ObjectNode warn = JsonLimits.MAPPER.createObjectNode();
    warn.putArray("@context").add(As.NS);
    String iri = uris.newActivity();
    warn.put("id", iri);
    warn.put("type", "Warn");
    warn.put("actor", uris.staff(moderator.username()));
    warn.putArray("to").add(member.id());
    warn.put("object", objectId);
    warn.put("summary", summary);
    warn.put("audience", uris.community(community.slug()));
    warn.put("published", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    return store.insertActivity(tx, iri, community.id(), moderator.accountId(), "Warn", objectId, warn.toString(),
            Visibility.PRIVATE)
        .compose(id -> store.enqueue(tx, id, member.inbox(), member.host())).map(iri);
  }
}
