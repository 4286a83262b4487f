package social.hearth.core.community;

import social.hearth.core.util.TtlCache;
import social.hearth.core.port.Keys;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.domain.Community;
import social.hearth.core.CoreException;

/**
 * Creating and finding communities. Public reads (pages, actor documents, collections) use {@link #requireCached}:
 * a community is read from the database at most once per {@link #CACHE_TTL} per process, and a change made through
 * this process ({@link #changed}) is seen at once; one made on another node sharing the database within the TTL.
 */
public final class CommunityService {

  /** How old a community read by {@link #requireCached} may be (changes made on another node). */
  public static final Duration CACHE_TTL = Duration.ofSeconds(3);

  /**
   * Slugs that both Mastodon can mention ({@code [a-z0-9_]+([.-]+[a-z0-9_]+)*}) and Misskey accepts
   * ({@code ^\w([\w-.]*\w)?$}, 128 at most): lower-case letters, digits and underscore, with dots and hyphens
   * inside.
   */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9_]([a-z0-9_.-]{0,62}[a-z0-9_])?");
  public static final int MAX_NAME = 100;
  public static final int MAX_SUMMARY = 2000;
  /**
   * Names no community may take: those WebFinger already answers for, the server's own paths, and names that would
   * pass for the server's staff (as Mastodon reserves them). Staff usernames are checked too ({@link Lifecycle}).
   */
  public static final List<String> RESERVED = List.of("instance.actor", "actor", "admin", "inbox", "api",
      "administrator", "root", "support", "help", "webmaster", "mod", "moderator", "moderators", "staff", "system",
      "hearth", "static", "login", "logout", "lang", "nodeinfo", "well-known", "c", "u", "activities", "abuse",
      "postmaster", "security");

  private final CommunityStore store;
  private final Keys keys;
  private final TtlCache<String, Community> cache = new TtlCache<>(CACHE_TTL, 1_000);
  private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

  public CommunityService(CommunityStore store, Keys keys) {
    this.store = store;
    this.keys = keys;
  }

  public Future<Community> create(String slug, String name, String summary) {
    try {
      validate(slug, name, summary);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return keys.rsa()
        .compose(pair -> {
          Keys.Pair ed = keys.ed25519();
          return store.insert(slug, name.strip(), summary == null ? "" : summary.strip(), pair.privatePem(), pair.publicPem(),
              ed.privatePem(), ed.publicPem());
        });
  }

  static void validate(String slug, String name, String summary) {
    if (slug == null || slug.isEmpty()) {
      throw CoreException.badRequest("slug is required");
    }
    if (slug.length() > 64) {
      throw CoreException.badRequest("slug must be at most 64 characters");
    }
    if (!SLUG.matcher(slug).matches()) {
      throw CoreException.badRequest("slug may contain only lower-case letters a-z, digits and underscores, "
          + "with dots or hyphens only between them (for example 'book-club' or 'rust_lang')");
    }
    if (RESERVED.contains(slug)) {
      throw CoreException.badRequest("slug '" + slug + "' is reserved");
    }
    if (name == null || name.isBlank()) {
      throw CoreException.badRequest("name is required");
    }
    if (name.strip().length() > MAX_NAME) {
      throw CoreException.badRequest("name must be at most " + MAX_NAME + " characters");
    }
    if (summary != null && summary.length() > MAX_SUMMARY) {
      throw CoreException.badRequest("summary must be at most " + MAX_SUMMARY + " characters");
    }
  }

  public Future<Optional<Community>> bySlug(String slug) {
    if (!SLUG.matcher(slug).matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.bySlug(slug);
  }

  /** As {@link #bySlug}, from the short-lived cache: for public reads only, never for decisions that change state. */
  public Future<Optional<Community>> bySlugCached(String slug) {
    return cache.get(slug, () -> bySlug(slug).map(c -> c.orElse(null))).map(Optional::ofNullable);
  }

  /** As {@link #require}, from the short-lived cache: for public reads only, never for decisions that change state. */
  public Future<Community> requireCached(String slug) {
    return bySlugCached(slug).compose(c -> c.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(CoreException.notFound("no community '" + slug + "' here"))));
  }

  /**
   * Called after a change to a community's row or profile (settings, avatar, banner) has committed: forgets the
   * cached copy and tells the caches built on it (rendered pages, actor documents).
   */
  public void changed(String slug) {
    cache.remove(slug);
    changeListeners.forEach(l -> l.accept(slug));
  }

  /** Registers a cache that must forget a community when {@link #changed} is called for it. */
  public void onChange(Consumer<String> listener) {
    changeListeners.add(listener);
  }

  public Future<Optional<Community>> byId(long id) {
    return store.byId(id);
  }

  public Future<Community> require(String slug) {
    return bySlug(slug).compose(c -> c.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(CoreException.notFound("no community '" + slug + "' here"))));
  }

  public Future<List<Community>> list() {
    return store.list(1000);
  }
}
