package social.hearth.core.wiki;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.domain.WikiRevision;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.port.WikiStore;
import social.hearth.core.port.WikiWire;
import social.hearth.core.util.BoundedCache;

/**
 * The community's wiki (issue 19): staff save pages in Markdown, every save a revision (author, time, summary); the
 * history, a diff between two revisions, a revert (a new revision with the old text), a move that leaves a redirect.
 * A page marked announced is the community's {@code Article}: marking it sends Create, each new revision Update, to
 * the members' servers.
 */
public final class Wiki {

  /** What a save did: the page as it is now and whether the page is new. */
  public record Saved(WikiPage page, boolean created) {}

  /** A page found by name: the page, or the page its old name now leads to ({@code moved}). */
  public record Found(WikiPage page, boolean moved) {}

  /** A page's revision: its rendered HTML never changes. */
  private record Rendered(long pageId, int revision) {}

  private final Vertx vertx;
  private final TransactionalOutbox out;
  private final WikiStore store;
  private final WikiWire wire;
  private final AuditLog audit;
  private final BoundedCache<Rendered, String> rendered = new BoundedCache<>(256);

  public Wiki(Vertx vertx, TransactionalOutbox out, WikiStore store, WikiWire wire, AuditLog audit) {
    this.vertx = vertx;
    this.out = out;
    this.store = store;
    this.wire = wire;
    this.audit = audit;
  }

  public WikiWire wire() {
    return wire;
  }

  /** Saves a page (created on its first save); an unchanged text adds no revision. */
  public Future<Saved> save(Community c, String rawName, String content, String summary, String by) {
    String name;
    try {
      name = WikiText.name(rawName);
      WikiText.check(content, summary);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    String why = summary == null ? "" : summary.strip();
    // rendered before the transaction, so it holds no connection while the Markdown is rendered
    return render(c, content).compose(html -> out.send(tx -> store.lockOrCreate(tx, c.id(), name).compose(page -> {
      boolean created = page.revision() == 0;
      if (!created && content.equals(page.content())) {
        return Future.succeededFuture(new Saved(page, false));
      }
      return store.addRevision(tx, page, content, why, by)
          .compose(now -> {
            rendered.put(new Rendered(now.id(), now.revision()), html);
            return announce(tx, c, now, html, Outbound.OwnChange.UPDATE).map(now);
          })
          .compose(now -> audit.record(tx, c.id(), by, created ? "wiki.create" : "wiki.edit",
              wire.pageIri(c, now.id()), why.isEmpty() ? null : why, null,
              AuditLog.detail("name", name, "revision", now.revision())).map(new Saved(now, created)));
    })));
  }

  /** A page by name, following a redirect left by a move; 404 when there is none. */
  public Future<Found> find(Community c, String rawName) {
    String name;
    try {
      name = WikiText.name(rawName);
    } catch (CoreException e) {
      return Future.failedFuture(CoreException.notFound("no wiki page " + rawName));
    }
    return store.byName(c.id(), name).compose(p -> p.isPresent() ? Future.succeededFuture(new Found(p.get(), false))
        : store.redirect(c.id(), name).map(r -> r.map(page -> new Found(page, true))
            .orElseThrow(() -> CoreException.notFound("no wiki page " + name))));
  }

  /** A page by its current name only (no redirect). */
  public Future<WikiPage> page(Community c, String rawName) {
    return find(c, rawName).map(f -> {
      if (f.moved()) {
        throw CoreException.notFound("the page " + rawName + " was moved to " + f.page().name());
      }
      return f.page();
    });
  }

  /** A page by id, in this community. */
  public Future<Optional<WikiPage>> byId(Community c, long id) {
    return store.byId(id).map(p -> p.filter(page -> page.communityId() == c.id()));
  }

  /** The community's pages (their content left empty: a list shows none). */
  public Future<List<WikiPage>> list(Community c) {
    return store.list(c.id());
  }

  /** A page's revisions, newest first (their content left empty: {@link #revision} has it). */
  public Future<List<WikiRevision>> revisions(Community c, String name) {
    return page(c, name).compose(p -> revisions(c, p));
  }

  /** The revisions of a page already found, newest first (their content left empty). */
  public Future<List<WikiRevision>> revisions(Community c, WikiPage page) {
    return store.revisions(page.id());
  }

  /** One revision of a page; 404 when it has none with that number. */
  public Future<WikiRevision> revision(Community c, WikiPage page, int number) {
    return store.revision(page.id(), number).map(r -> r.orElseThrow(() -> new CoreException(
        CoreException.Kind.INVALID, "wiki.revision.unknown", "revision: the page has no revision " + number)));
  }

  /** The lines that changed between two revisions of a page. */
  public Future<List<WikiText.DiffLine>> diff(Community c, String name, int from, int to) {
    return page(c, name).compose(p -> diff(c, p, from, to));
  }

  /** The lines that changed between two revisions of a page already found, compared on a worker thread. */
  public Future<List<WikiText.DiffLine>> diff(Community c, WikiPage page, int from, int to) {
    return revision(c, page, from).compose(a -> revision(c, page, to)
        .compose(b -> vertx.executeBlocking(() -> WikiText.diff(a.content(), b.content()), false)));
  }

  /** Restores an old revision's text as a new revision. */
  public Future<Saved> revert(Community c, String name, int number, String by) {
    return page(c, name).compose(p -> revision(c, p, number)
        .compose(r -> save(c, p.name(), r.content(), "Reverted to revision " + number, by)));
  }

  /** Renames a page; its old name leads to it from now on. */
  public Future<WikiPage> move(Community c, String name, String rawNewName, String by) {
    String newName;
    try {
      newName = WikiText.name(rawNewName);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return page(c, name).compose(p -> p.name().equals(newName) ? Future.succeededFuture(p)
        : (p.announced() ? html(c, p) : Future.succeededFuture("")).compose(html -> out.send(tx -> store.move(tx, p,
            newName).compose(moved -> {
          if (!moved) {
            return Future.failedFuture(new CoreException(CoreException.Kind.CONFLICT, "wiki.name.taken",
                "name: there is a page called " + newName + " already"));
          }
          WikiPage now = new WikiPage(p.id(), p.communityId(), newName, p.announced(), p.revision(), p.content(),
              p.createdAt(), p.updatedAt());
          return announce(tx, c, now, html, Outbound.OwnChange.UPDATE)
              .compose(v -> audit.record(tx, c.id(), by, "wiki.move", wire.pageIri(c, p.id()), null, null,
                  AuditLog.detail("from", p.name(), "to", newName)))
              .map(now);
        }))));
  }

  /** Marks a page announced (Create{Article} to the members' servers) or not. */
  public Future<WikiPage> announced(Community c, String name, boolean on, String by) {
    return page(c, name).compose(p -> {
      if (p.announced() == on) {
        return Future.succeededFuture(p);
      }
      WikiPage now = new WikiPage(p.id(), p.communityId(), p.name(), on, p.revision(), p.content(), p.createdAt(),
          p.updatedAt());
      // the flag and the Create in one transaction: a Create that cannot be sent leaves the page unannounced
      return (on ? html(c, p) : Future.succeededFuture("")).compose(html -> out.send(tx -> store.setAnnounced(tx,
              p.id(), on)
          .compose(v -> announce(tx, c, now, html, Outbound.OwnChange.CREATE))
          .compose(x -> audit.record(tx, c.id(), by, on ? "wiki.announce" : "wiki.unannounce",
              wire.pageIri(c, p.id()), null, null, AuditLog.detail("name", p.name()))))).map(now);
    });
  }

  /**
   * The page's HTML, its {@code [[links]]} leading to the pages they name: rendered on a worker thread (up to
   * {@link WikiText#CONTENT_MAX} characters of Markdown, sanitised), kept per revision since a revision never changes.
   */
  public Future<String> html(Community c, WikiPage page) {
    Rendered key = new Rendered(page.id(), page.revision());
    String known = rendered.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return render(c, page.content()).onSuccess(html -> rendered.put(key, html));
  }

  private Future<String> render(Community c, String content) {
    return vertx.executeBlocking(() -> WikiText.html(content, n -> wire.pageUrl(c, n)), false);
  }

  private Future<Void> announce(Tx tx, Community c, WikiPage page, String html, Outbound.OwnChange change) {
    if (!page.announced()) {
      return Future.succeededFuture();
    }
    return out.outbound().ownPost(tx, c, change, wire.pageIri(c, page.id()), wire.article(c, page, html),
        List.of()).mapEmpty();
  }
}
