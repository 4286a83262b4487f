package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * What we know of a remote actor: where to deliver and how to verify it, and the language it last wrote in (a
 * primary language subtag, or null when unknown).
 */
public record RemoteActor(String id, String type, String host, String preferredUsername, String name, String inbox,
                          String sharedInbox, String keyId, String publicKeyPem, OffsetDateTime fetchedAt,
                          String language) {

  /** An actor whose language is not known. */
  public RemoteActor(String id, String type, String host, String preferredUsername, String name, String inbox,
                     String sharedInbox, String keyId, String publicKeyPem, OffsetDateTime fetchedAt) {
    this(id, type, host, preferredUsername, name, inbox, sharedInbox, keyId, publicKeyPem, fetchedAt, null);
  }

  public String deliveryInbox() {
    return sharedInbox != null ? sharedInbox : inbox;
  }
}
