package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.port.MediaStore;
import social.hearth.core.wiki.Wiki;
import social.hearth.core.wiki.WikiText;

/**
 * The community's wiki: for everyone the pages ({@code /c/{slug}/wiki}, {@code /c/{slug}/wiki/{name}}, an old name
 * redirecting to the new one), each page's history and the diff of two revisions; for its staff the editor
 * ({@code /staff/c/{slug}/wiki/edit?name=}: it comes back with what was typed and the problem next to its field),
 * revert and move.
 */
public final class WikiPages {

  private static final List<String> FIELDS = List.of("name", "content", "summary", "announced", "newName");

  private final Pages pages;
  private final Auth auth;
  private final StaffSession staff;
  private final CommunityHeader header;
  private final MediaStore media;
  private final Wiki wiki;

  public WikiPages(Pages pages, Auth auth, StaffSession staff, CommunityService communities, MediaStore media,
                   Wiki wiki) {
    this.pages = pages;
    this.auth = auth;
    this.staff = staff;
    this.header = new CommunityHeader(pages, communities);
    this.media = media;
    this.wiki = wiki;
  }

  public void mount(Router router) {
    router.get("/c/:slug/wiki").handler(this::index);
    router.get("/c/:slug/wiki/:name").handler(this::page);
    router.get("/c/:slug/wiki/:name/history").handler(this::history);
    router.get("/c/:slug/wiki/:name/diff").handler(this::diff);
    router.get("/staff/c/:slug/wiki/edit").handler(this::editForm);
    router.post("/staff/c/:slug/wiki/edit").handler(this::save);
    router.post("/staff/c/:slug/wiki/revert").handler(this::revert);
    router.post("/staff/c/:slug/wiki/move").handler(this::move);
  }

  /** Runs {@code work} on the path's community with the community's header in the model. */
  private Future<Map<String, Object>> publicModel(RoutingContext ctx, java.util.function.BiFunction<Community,
      Map<String, Object>, Future<Map<String, Object>>> work) {
    return auth.session(ctx).compose(x -> header.community(ctx)).compose(c -> media.info(c.id()).compose(info -> {
      Map<String, Object> m = pages.model(ctx);
      header.communityModel(m, c, info);
      m.put("wikiBase", wiki.wire().baseUrl(c));
      return work.apply(c, m);
    }));
  }

  private void index(RoutingContext ctx) {
    pages.handle(ctx, publicModel(ctx, (c, m) -> wiki.list(c).map(list -> {
      List<Map<String, Object>> items = new ArrayList<>();
      list.forEach(p -> items.add(Map.of("name", p.name(), "url", wiki.wire().pageUrl(c, p.name()),
          "updated", p.updatedAt())));
      m.put("wikiPages", items);
      m.put("meta", header.meta(ctx, pages.i18n().t(Pages.lang(ctx), "wiki.title") + " · " + c.name(), c.summary(),
          wiki.wire().baseUrl(c), null));
      return m;
    })), m -> pages.render(ctx, "wiki/index", m));
  }

  private void page(RoutingContext ctx) {
    pages.handle(ctx, publicModel(ctx, (c, m) -> wiki.find(c, ctx.pathParam("name")).compose(f -> {
      if (f.moved()) {
        m.put("redirect", wiki.wire().pageUrl(c, f.page().name()));
        return Future.succeededFuture(m);
      }
      return wiki.html(c, f.page()).map(html -> {
        m.put("page", view(c, f.page()));
        m.put("html", Pages.safe(html));
        m.put("meta", header.meta(ctx, f.page().name() + " · " + c.name(), null, wiki.wire().pageUrl(c,
            f.page().name()), null));
        return m;
      });
    })), m -> {
      if (m.get("redirect") != null) {
        ctx.response().setStatusCode(301).putHeader("Location", (String) m.get("redirect")).end();
      } else {
        pages.render(ctx, "wiki/page", m);
      }
    });
  }

  private void history(RoutingContext ctx) {
    pages.handle(ctx, publicModel(ctx, (c, m) -> wiki.page(c, ctx.pathParam("name")).compose(p ->
        wiki.revisions(c, p).map(revisions -> {
          m.put("page", view(c, p));
          m.put("revisions", revisions);
          return m;
        }))), m -> pages.render(ctx, "wiki/history", m));
  }

  private void diff(RoutingContext ctx) {
    int from;
    int to;
    try {
      from = Integer.parseInt(Forms.nz(ctx.request().getParam("from")));
      to = Integer.parseInt(Forms.nz(ctx.request().getParam("to")));
    } catch (NumberFormatException e) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, publicModel(ctx, (c, m) -> wiki.page(c, ctx.pathParam("name")).compose(p ->
        wiki.diff(c, p, Math.min(from, to), Math.max(from, to)).map(lines -> {
          m.put("page", view(c, p));
          m.put("from", Math.min(from, to));
          m.put("to", Math.max(from, to));
          m.put("lines", lines.stream().map(l -> Map.of("kind", l.kind().name().toLowerCase(Locale.ROOT),
              "text", l.text())).toList());
          return m;
        }).recover(e -> Future.failedFuture(e instanceof CoreException ce && ce.kind() == CoreException.Kind.INVALID
            ? CoreException.notFound(ce.getMessage()) : e)))), m -> pages.render(ctx, "wiki/diff", m));
  }

  private Map<String, Object> view(Community c, WikiPage p) {
    Map<String, Object> v = new HashMap<>();
    v.put("name", p.name());
    v.put("url", wiki.wire().pageUrl(c, p.name()));
    v.put("revision", p.revision());
    v.put("updated", p.updatedAt());
    v.put("announced", p.announced());
    v.put("encoded", wiki.wire().pageUrl(c, p.name()).substring(wiki.wire().pageUrl(c, "").length()));
    return v;
  }

  /** GET /staff/c/{slug}/wiki/edit?name=: a page's editor (a new page without a name). */
  private void editForm(RoutingContext ctx) {
    String name = Forms.nz(ctx.request().getParam("name"));
    pages.handle(ctx, staff.community(ctx, false).compose(c -> (name.isBlank() ? Future.<WikiPage>succeededFuture(null)
        : wiki.page(c, name).recover(e -> Future.succeededFuture(null))).map(p -> {
          FormState form = new FormState();
          form.put("name", p == null ? name.strip() : p.name()).put("content", p == null ? "" : p.content())
              .put("summary", "").put("announced", p != null && p.announced()).put("newName", "");
          return editModel(ctx, c, form, p);
        })), m -> pages.render(ctx, "staff/wiki", m));
  }

  private Map<String, Object> editModel(RoutingContext ctx, Community c, FormState form, WikiPage p) {
    Map<String, Object> m = staff.model(ctx, c, "posts");
    form.into(m);
    m.put("existing", p == null ? null : view(c, p));
    m.put("maxName", WikiText.NAME_MAX);
    m.put("maxSummary", WikiText.SUMMARY_MAX);
    return m;
  }

  /** POST /staff/c/{slug}/wiki/edit: saves a revision, or shows the editor again with the problem. */
  private void save(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), FIELDS);
    form.put("announced", ctx.request().formAttributes().get("announced") != null);
    pages.handle(ctx, staff.community(ctx, false), c -> wiki.save(c, form.text("name"), form.text("content"),
            form.text("summary"), StaffSession.by(ctx))
        .compose(s -> s.page().announced() == form.flag("announced") ? Future.succeededFuture(s.page())
            : wiki.announced(c, s.page().name(), form.flag("announced"), StaffSession.by(ctx)))
        .onSuccess(p -> StaffSession.redirect(ctx, StaffSession.withNotice(wiki.wire().pageUrl(c, p.name()),
            "wiki_saved")))
        .onFailure(e -> failed(ctx, c, form, e)));
  }

  private void failed(RoutingContext ctx, Community c, FormState form, Throwable e) {
    if (!(e instanceof CoreException ce) || ce.kind() != CoreException.Kind.INVALID
        && ce.kind() != CoreException.Kind.CONFLICT) {
      pages.error(ctx, e);
      return;
    }
    String field = ce.code().startsWith("wiki.name") ? (form.text("newName").isEmpty() ? "name" : "newName")
        : ce.code().startsWith("wiki.summary") ? "summary" : "content";
    form.error(field, "error." + ce.code());
    pages.handle(ctx, wiki.page(c, form.text("name")).map(p -> p).recover(x -> Future.succeededFuture(null))
        .map(p -> editModel(ctx, c, form, p)), m -> pages.render(ctx, 400, "staff/wiki", m));
  }

  /** POST /staff/c/{slug}/wiki/revert: restores a revision as a new one. */
  private void revert(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String name = Forms.nz(f.get("name"));
    int number;
    try {
      number = Integer.parseInt(Forms.nz(f.get("revision")));
    } catch (NumberFormatException e) {
      pages.error(ctx, new WebException(400, "error.wiki.revision.unknown"));
      return;
    }
    pages.handle(ctx, staff.community(ctx, false), c -> wiki.revert(c, name, number, StaffSession.by(ctx))
        .onSuccess(s -> StaffSession.redirect(ctx, StaffSession.withNotice(wiki.wire().pageUrl(c, s.page().name())
            + "/history", "wiki_reverted")))
        .onFailure(e -> pages.error(ctx, e)));
  }

  /** POST /staff/c/{slug}/wiki/move: renames the page; the editor comes back with the problem when it cannot. */
  private void move(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), FIELDS);
    pages.handle(ctx, staff.community(ctx, false), c -> wiki.move(c, form.text("name"), form.text("newName"),
            StaffSession.by(ctx))
        .onSuccess(p -> StaffSession.redirect(ctx, StaffSession.withNotice(wiki.wire().pageUrl(c, p.name()),
            "wiki_moved")))
        .onFailure(e -> wiki.page(c, form.text("name")).onSuccess(p -> {
          form.put("content", p.content()).put("announced", p.announced());
          failed(ctx, c, form, e);
        }).onFailure(x -> pages.error(ctx, e))));
  }
}
