package social.hearth.core.domain;

import java.time.OffsetDateTime;

/**
 * A staff account as the fediverse sees it: an ActivityPub {@code Person} at {@code /u/{username}}.
 *
 * @param displayName the name to show; empty for none (the username is shown then)
 * @param bio the bio as its owner wrote it (Markdown or plain text)
 * @param bioHtml the bio rendered once to safe HTML
 * @param avatar the avatar (kind {@code avatar}), or null
 * @param publicKeyPem the RSA-2048 public key ({@code publicKey}); null only before the keys were first made
 * @param ed25519PublicPem the Ed25519 public key (a FEP-521a Multikey); null only before the keys were first made
 * @param createdAt when the account was made ({@code published})
 * @param updatedAt when the profile last changed, or null
 */
public record StaffProfile(long accountId, String username, String displayName, String bio, String bioHtml,
                           MediaRef avatar, String publicKeyPem, String ed25519PublicPem, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {

  /** The name pages and peers show: the display name, or the username when there is none. */
  public String shownName() {
    return displayName == null || displayName.isBlank() ? username : displayName;
  }

  /** The same Person with a new profile text and avatar. */
  public StaffProfile withProfile(String displayName, String bio, String bioHtml, MediaRef avatar, OffsetDateTime updatedAt) {
    return new StaffProfile(accountId, username, displayName, bio, bioHtml, avatar, publicKeyPem, ed25519PublicPem,
        createdAt, updatedAt);
  }
}
