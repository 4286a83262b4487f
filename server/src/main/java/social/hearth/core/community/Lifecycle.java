package social.hearth.core.community;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.Account;
import social.hearth.core.domain.Community;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.TransactionalOutbox;

/**
 * A community's life as an instance admin runs it: created with an owner, archived (read-only: it takes no new
 * members or posts and stays readable) and unarchived, and deleted (every member's server gets Delete{Group}, signed
 * with the community's key, which is kept until those deliveries have finished). Each step is in the audit log.
 */
public final class Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  /** A community to create, as typed; {@code owner} (a staff username) may be null. */
  public record NewCommunity(String slug, String name, String summary, String owner) {}

  /**
   * What is wrong with one field of a {@link NewCommunity}.
   *
   * @param field {@code slug}, {@code name}, {@code summary} or {@code owner}
   * @param code a stable code: required, too_long, format, reserved, taken, deleted, staff (the slug is a staff
   *     account's name), unknown (no such staff account)
   * @param message what to tell an API client
   */
  public record Problem(String field, String code, String message) {

    /** The slug is in use (by a community, a deleted one, or a staff account): a conflict, not a typing error. */
    public boolean conflict() {
      return field.equals("slug") && (code.equals("taken") || code.equals("deleted") || code.equals("staff"));
    }
  }

  private final TransactionalOutbox out;
  private final CommunityService communities;
  private final CommunityStore store;
  private final AccountStore accounts;
  private final AuditLog audit;

  public Lifecycle(TransactionalOutbox out, CommunityService communities, CommunityStore store, AccountStore accounts,
                   AuditLog audit) {
    this.out = out;
    this.communities = communities;
    this.store = store;
    this.accounts = accounts;
    this.audit = audit;
  }

  // ------------------------------------------------------------------ creating

  /** Everything wrong with the new community, every field at once (empty when it can be created). */
  public Future<List<Problem>> problems(NewCommunity n) {
    List<Problem> found = new ArrayList<>(formProblems(n));
    boolean slugWellFormed = found.stream().noneMatch(p -> p.field().equals("slug"));
    String slug = n.slug();
    Future<Optional<Community>> existing = slugWellFormed ? store.bySlug(slug) : Future.succeededFuture(Optional.empty());
    Future<Optional<java.time.OffsetDateTime>> deleted = slugWellFormed ? store.deletedAt(slug)
        : Future.succeededFuture(Optional.empty());
    // a staff account is a Person found by WebFinger as @username@host: the names must not collide
    Future<Optional<Account>> staffNamed = slugWellFormed ? accounts.byUsername(slug)
        : Future.succeededFuture(Optional.empty());
    String owner = blankToNull(n.owner());
    Future<Optional<Account>> ownerAccount = owner == null ? Future.succeededFuture(Optional.empty())
        : accounts.byUsername(owner);
    return Future.all(existing, deleted, staffNamed, ownerAccount).map(all -> {
      if (existing.result().isPresent()) {
        found.add(new Problem("slug", "taken", "a community with the slug '" + slug + "' already exists"));
      } else if (deleted.result().isPresent()) {
        found.add(new Problem("slug", "deleted", "the slug '" + slug + "' belonged to a deleted community and stays taken"));
      } else if (staffNamed.result().isPresent()) {
        found.add(new Problem("slug", "staff", "'" + slug + "' is the name of a staff account (both are found by "
            + "WebFinger as @name@host, so they must differ)"));
      }
      if (owner != null && ownerAccount.result().isEmpty()) {
        found.add(new Problem("owner", "unknown", "there is no staff account '" + owner + "'"));
      }
      return found;
    });
  }

  /** The problems that need no database: required fields, lengths, the slug's form and reserved names. */
  static List<Problem> formProblems(NewCommunity n) {
    List<Problem> out = new ArrayList<>();
    String slug = n.slug() == null ? "" : n.slug();
    if (slug.isEmpty()) {
      out.add(new Problem("slug", "required", "slug is required"));
    } else if (slug.length() > 64) {
      out.add(new Problem("slug", "too_long", "slug must be at most 64 characters"));
    } else if (!CommunityService.SLUG.matcher(slug).matches()) {
      out.add(new Problem("slug", "format", "slug may contain only lower-case letters a-z, digits and underscores, "
          + "with dots or hyphens only between them (for example 'book-club' or 'rust_lang')"));
    } else if (CommunityService.RESERVED.contains(slug)) {
      out.add(new Problem("slug", "reserved", "slug '" + slug + "' is reserved"));
    }
    if (n.name() == null || n.name().isBlank()) {
      out.add(new Problem("name", "required", "name is required"));
    } else if (n.name().strip().length() > CommunityService.MAX_NAME) {
      out.add(new Problem("name", "too_long", "name must be at most " + CommunityService.MAX_NAME + " characters"));
    }
    if (n.summary() != null && n.summary().length() > CommunityService.MAX_SUMMARY) {
      out.add(new Problem("summary", "too_long", "summary must be at most " + CommunityService.MAX_SUMMARY + " characters"));
    }
    return out;
  }

  /**
   * Creates the community (keys included) and makes {@code owner}, when given, its owner. Nothing is created when
   * any field is wrong: the first problem is the failure (a conflict when the slug is taken, else invalid input).
   */
  public Future<Community> create(NewCommunity n, String byWhom) {
    return problems(n).compose(problems -> {
      if (!problems.isEmpty()) {
        Problem p = problems.get(0);
        return Future.failedFuture(p.conflict() ? CoreException.conflict(p.message()) : CoreException.badRequest(p.message()));
      }
      String owner = blankToNull(n.owner());
      Future<Optional<Account>> ownerAccount = owner == null ? Future.succeededFuture(Optional.empty())
          : accounts.byUsername(owner);
      return ownerAccount.compose(account -> communities.create(n.slug(), n.name(), n.summary())
          .compose(c -> (account.isEmpty() ? Future.<Void>succeededFuture()
              : accounts.setRole(account.get().id(), c.id(), "owner"))
              .compose(v -> audit.record(null, byWhom, "community.create", c.slug(), null, null,
                  AuditLog.detail("owner", owner)))
              .map(c)));
    });
  }

  // ------------------------------------------------------------------ archiving

  /** Makes the community read-only: Follows and posts are refused with the reason; members' servers get Update{Group}. */
  public Future<Community> archive(Community c, String byWhom) {
    return setArchived(c, true, byWhom);
  }

  /** Takes the community out of the archive: it takes members and posts again. */
  public Future<Community> unarchive(Community c, String byWhom) {
    return setArchived(c, false, byWhom);
  }

  private Future<Community> setArchived(Community c, boolean archived, String byWhom) {
    return store.media(c.id()).compose(media -> out.send(tx -> store.setArchived(tx, c.id(), archived)
            .compose(now -> out.outbound().updateGroup(tx, now, media)
                .compose(n -> audit.record(tx, c.id(), byWhom, archived ? "community.archive" : "community.unarchive",
                    c.slug(), null, null, null))
                .map(now))))
        .onSuccess(x -> communities.changed(c.slug()));
  }

  // ------------------------------------------------------------------ deleting

  /**
   * Deletes the community, in one transaction and in this order: its deliveries not yet sent are cancelled,
   * Delete{Group} is queued to every member's server (signed when sent, with the key the row still holds), the
   * community is marked deleted (no longer found; its name stays taken; members, requests and staff roles end), and
   * the audit log notes it. The row and its keys are purged once the deliveries have finished. Returns the number
   * of deliveries queued.
   */
  public Future<Integer> delete(Community c, String byWhom) {
    return out.send(tx -> store.lockLive(tx, c.id()).compose(live -> !live
            ? Future.<Integer>failedFuture(CoreException.notFound("no community '" + c.slug() + "' here"))
            : store.cancelDeliveries(tx, c.id())
                .compose(cancelled -> out.outbound().deleteGroup(tx, c)
                    .compose(queued -> store.markDeleted(tx, c.id(), c.slug())
                        .compose(v -> audit.record(tx, null, byWhom, "community.delete", c.slug(), null, null,
                            AuditLog.detail("deliveries", queued, "cancelled", cancelled)))
                        .map(queued)))))
        .onSuccess(n -> {
          communities.changed(c.slug());
          LOG.info("community {} deleted by {}: Delete{{Group}} queued to {} inboxes", c.slug(), byWhom, n);
        });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
