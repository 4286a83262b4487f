package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.RemoteActor;

/**
 * How the community's events look to other servers and how it answers RSVPs: written by the ActivityPub adapter (the
 * Event's JSON is opaque to the core). {@code summary} is the plain text line with the date, time and place that the
 * core wrote in the community's language (what Mastodon shows).
 */
public interface EventWire {

  /** The stable IRI of the community's event with this key. */
  String eventIri(Community community, String key);

  /** The community's Group, which publishes its events. */
  String groupIri(Community community);

  /** The event's page (where browsers read it). */
  String eventPage(Community community, String key);

  /** The event's own calendar file. */
  String eventIcs(Community community, String key);

  /** The Event as published, as JSON text. */
  String event(Community community, Event event, String summary);

  /** Accept or Reject of a Join of the event ({@code joinId}), sent to the person who asked. */
  Future<Void> answerJoin(Tx tx, Community community, Event event, String joinId, RemoteActor who, boolean accept);
}
