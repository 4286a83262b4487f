package social.hearth.core.account;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.StaffActivity;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.port.Deliveries;
import social.hearth.core.port.Keys;
import social.hearth.core.port.PersonStore;
import social.hearth.core.port.StaffOutbound;
import social.hearth.core.port.Transactions;
import social.hearth.core.text.Html;

/**
 * Staff accounts as Persons on the fediverse: read (with their key pairs, made on first use), and their profile
 * (display name, bio in Markdown or plain text, avatar with alt text) edited by the account itself. Every edit is
 * sent to the Person's followers as {@code Update{Person}} in the transaction that stores it.
 */
public final class StaffProfiles {

  public static final int MAX_DISPLAY_NAME = 100;
  public static final int MAX_BIO = 2_000;
  public static final int MAX_ALT = 1_500;

  /**
   * What an edit asks for: the display name and bio as typed, a new avatar (null keeps the current one), whether to
   * remove the avatar, and the avatar's alt text.
   */
  public record Edit(String displayName, String bio, PersonStore.Avatar avatar, boolean removeAvatar, String alt) {}

  private final PersonStore store;
  private final Keys keys;
  private final Transactions transactions;
  private final StaffOutbound outbound;
  private final Deliveries deliveries;
  private final Clock clock;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public StaffProfiles(PersonStore store, Keys keys, Transactions transactions, StaffOutbound outbound,
                       Deliveries deliveries, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.transactions = transactions;
    this.outbound = outbound;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /** Called with the username after this node changed a profile (so served documents can be dropped). */
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** The Person, with its key pairs (made now when it has none); fails with not found for an unknown username. */
  public Future<StaffProfile> person(String username) {
    return store.profile(username).compose(this::withKeys);
  }

  public Future<StaffProfile> person(long accountId) {
    return store.profile(accountId).compose(this::withKeys);
  }

  /** The Person when there is one, without making keys (for pages). */
  public Future<Optional<StaffProfile>> find(String username) {
    return store.profile(username);
  }

  private Future<StaffProfile> withKeys(Optional<StaffProfile> found) {
    if (found.isEmpty()) {
      return Future.failedFuture(CoreException.notFound("no such staff account here"));
    }
    StaffProfile p = found.get();
    if (p.publicKeyPem() != null && p.ed25519PublicPem() != null) {
      return Future.succeededFuture(p);
    }
    return PersonKeys.ensure(store, keys, p.accountId()).compose(k -> store.profile(p.accountId()))
        .map(Optional::orElseThrow);
  }

  /**
   * Checks and stores the account's new profile, and sends {@code Update{Person}} to its followers in the same
   * transaction. Fails with an INVALID {@link CoreException} whose code names the field ({@code display_name},
   * {@code bio}, {@code alt}) when one breaks a rule; nothing is stored then.
   */
  public Future<StaffProfile> edit(long accountId, Edit edit) {
    String name;
    String bio;
    String alt;
    try {
      name = displayName(edit.displayName());
      bio = bio(edit.bio());
      alt = alt(edit.alt());
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    String bioHtml = Html.markdown(bio);
    return person(accountId).compose(before -> {
      MediaRef avatar = edit.removeAvatar() ? null
          : edit.avatar() != null ? new MediaRef("avatar", edit.avatar().contentType(), edit.avatar().digest(), alt)
          : before.avatar() == null ? null
          : new MediaRef("avatar", before.avatar().contentType(), before.avatar().digest(), alt);
      StaffProfile after = before.withProfile(name, bio, bioHtml, avatar, OffsetDateTime.now(clock));
      return transactions.inTransaction(tx -> store.saveProfile(tx, accountId, name, bio, bioHtml, edit.avatar(),
              edit.removeAvatar(), alt)
          .compose(v -> outbound.toFollowers(tx, after, StaffActivity.profileUpdate(after))))
          .map(activity -> {
            deliveries.wake();
            listeners.forEach(l -> l.accept(after.username()));
            return after;
          });
    });
  }

  /** The communities the account is staff of. */
  public Future<List<PersonStore.Role>> roles(long accountId) {
    return store.roles(accountId);
  }

  public Future<Optional<Image>> avatar(String username) {
    return store.avatar(username);
  }

  public Future<Long> followers(long accountId) {
    return store.followerCount(accountId);
  }

  /**
   * The fields of a profile that break a rule ({@code display_name}, {@code bio}, {@code alt}), all at once, so a form
   * can show each next to its field; empty when {@link #edit} would take them.
   */
  public static List<String> problems(String displayName, String bio, String alt) {
    List<String> out = new java.util.ArrayList<>();
    for (var check : List.<java.util.function.Supplier<String>>of(() -> displayName(displayName), () -> bio(bio),
        () -> alt(alt))) {
      try {
        check.get();
      } catch (CoreException e) {
        out.add(e.code());
      }
    }
    return out;
  }

  static String displayName(String typed) {
    String name = typed == null ? "" : typed.strip();
    if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
      throw invalid("display_name", "the display name is at most " + MAX_DISPLAY_NAME + " characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw invalid("display_name", "the display name is one line of text");
    }
    return name;
  }

  static String bio(String typed) {
    String bio = typed == null ? "" : typed.replace("\r\n", "\n").strip();
    if (bio.length() > MAX_BIO) {
      throw invalid("bio", "the bio is at most " + MAX_BIO + " characters");
    }
    return bio;
  }

  static String alt(String typed) {
    String alt = typed == null ? "" : typed.replace("\r\n", "\n").strip();
    if (alt.length() > MAX_ALT) {
      throw invalid("alt", "the alt text is at most " + MAX_ALT + " characters");
    }
    return alt;
  }

  private static CoreException invalid(String field, String message) {
    return new CoreException(CoreException.Kind.INVALID, field, message);
  }
}
