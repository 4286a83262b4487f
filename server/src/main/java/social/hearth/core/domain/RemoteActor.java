package social.hearth.core.domain;

import java.time.OffsetDateTime;

/** What we know of a remote actor: where to deliver and how to verify it. */
public record RemoteActor(String id, String type, String host, String preferredUsername, String name, String inbox,
                          String sharedInbox, String keyId, String publicKeyPem, OffsetDateTime fetchedAt) {

  public String deliveryInbox() {
    return sharedInbox != null ? sharedInbox : inbox;
  }
}
