package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;

/** SQL for communities and the instance actor's key. */
public interface CommunityStore {

  /**
   * A change to a community's profile and settings; null leaves a value as it is. {@code language} is the default
   * language of what the community says to people, {@code canQuote} who may quote its own posts.
   */
  public record Changes(String name, String summary, Boolean announceLikes, Boolean hideFollowers,
                        Community.JoinPolicy joinPolicy, Community.PostingPolicy postingPolicy, Boolean membersMayReply,
                        String joinQuestion, String welcomeMarkdown, Integer newcomerDays, Integer reminderDays,
                        String language, Community.QuotePolicy canQuote, Community.Visibility visibility) {

    /** A change that leaves the visibility as it is. */
    public Changes(String name, String summary, Boolean announceLikes, Boolean hideFollowers,
                   Community.JoinPolicy joinPolicy, Community.PostingPolicy postingPolicy, Boolean membersMayReply,
                   String joinQuestion, String welcomeMarkdown, Integer newcomerDays, Integer reminderDays,
                   String language, Community.QuotePolicy canQuote) {
      this(name, summary, announceLikes, hideFollowers, joinPolicy, postingPolicy, membersMayReply, joinQuestion,
          welcomeMarkdown, newcomerDays, reminderDays, language, canQuote, null);
    }

    /** A change that leaves the language and the quote policy as they are. */
    public Changes(String name, String summary, Boolean announceLikes, Boolean hideFollowers,
                   Community.JoinPolicy joinPolicy, Community.PostingPolicy postingPolicy, Boolean membersMayReply,
                   String joinQuestion, String welcomeMarkdown, Integer newcomerDays, Integer reminderDays) {
      this(name, summary, announceLikes, hideFollowers, joinPolicy, postingPolicy, membersMayReply, joinQuestion,
          welcomeMarkdown, newcomerDays, reminderDays, null, null);
    }

    public static Changes none() {
      return new Changes(null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /** Creates a community; fails with a {@link social.hearth.core.CoreException} conflict when the slug is taken. */
  Future<Community> insert(String slug, String name, String summary, String privatePem, String publicPem,
                                  String edPrivatePem, String edPublicPem);

  Future<Community> update(Tx tx, long id, Changes c);

  /** Communities that have no Ed25519 key yet (created before keys were added). */
  Future<java.util.List<Long>> withoutEd25519();

  Future<Void> setEd25519(long id, String privatePem, String publicPem);

  /** The instance actor's Ed25519 key pair as {private, public} PEM, if generated. */
  Future<Optional<String[]>> instanceEd25519();

  Future<Void> setInstanceEd25519(String privatePem, String publicPem);

  Future<java.util.List<MediaRef>> media(long id);

  Future<Optional<String>> webhookSecret(long id);

  Future<Void> setWebhookSecret(long id, String secret);

  Future<Optional<Community>> bySlug(String slug);

  Future<Optional<Community>> byId(long id);

  Future<List<Community>> list(int limit);

  Future<Long> count();

  Future<String> privateKeyPem(long communityId);

  /** The community's Ed25519 private key (PEM), empty until it has one. */
  Future<Optional<String>> ed25519PrivateKeyPem(long communityId);

  /** The instance actor's key pair as {private, public} PEM, created by {@code generator} on first use. */
  Future<String[]> instanceKeys(java.util.function.Supplier<Future<String[]>> generator);

  // ------------------------------------------------------------------ archived and deleted communities

  /** Archives (read-only) or unarchives a community; returns it as it is now. */
  Future<Community> setArchived(Tx tx, long id, boolean archived);

  /** Locks a community's row for its deletion; false when it is gone or already deleted. */
  Future<Boolean> lockLive(Tx tx, long id);

  /** Cancels the deliveries of the community's activities that have not gone out yet; returns how many. */
  Future<Integer> cancelDeliveries(Tx tx, long id);

  /**
   * Marks a community deleted: it is no longer found, its name stays taken ({@link #deletedAt}), its members, join
   * requests and staff roles end. The row and its keys stay until its last deliveries have finished (then it is
   * purged with everything it holds).
   */
  Future<Void> markDeleted(Tx tx, long id, String slug);

  /** When the community that had this name was deleted, if it was. */
  Future<Optional<java.time.OffsetDateTime>> deletedAt(String slug);

  /** The name of a community, also of a deleted one whose last deliveries are still going out (its key's name). */
  Future<Optional<String>> slugOf(long id);
}
