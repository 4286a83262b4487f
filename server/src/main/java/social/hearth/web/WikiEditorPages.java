package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.port.MediaStore;
import social.hearth.core.port.MemberSignInStore;
import social.hearth.core.wiki.Wiki;
import social.hearth.core.wiki.WikiEditors;
import social.hearth.core.wiki.WikiText;

/**
 * Editing the wiki by whoever may ({@link WikiEditors#mayEdit}: the community's staff and the members they trust):
 * {@code /c/{slug}/wiki/{name}/edit} (the form, and the save, which records the editor); and for staff the list of
 * trusted editors ({@code /staff/c/{slug}/wiki/editors}). Who is asking comes from {@link #principal}, the one place
 * that turns a web session into a {@link WikiEditors.Principal}: a staff session today; a member's session (sign-in by
 * a code sent to the member) adds its branch there, and the edit path needs nothing else.
 */
public final class WikiEditorPages {

  private static final List<String> FIELDS = List.of("content", "summary");
  private static final List<String> EDITOR_FIELDS = List.of("actors");

  private final Pages pages;
  private final Auth auth;
  private final StaffSession staff;
  private final CommunityHeader header;
  private final MediaStore media;
  private final Wiki wiki;
  private final WikiEditors editors;

  public WikiEditorPages(Pages pages, Auth auth, StaffSession staff, CommunityService communities, MediaStore media,
                         WikiEditors editors, Wiki wiki) {
    this.pages = pages;
    this.auth = auth;
    this.staff = staff;
    this.header = new CommunityHeader(pages, communities);
    this.media = media;
    this.wiki = wiki;
    this.editors = editors;
  }

  public void mount(Router router) {
    router.get("/c/:slug/wiki/:name/edit").handler(this::form);
    router.post("/c/:slug/wiki/:name/edit").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
    router.post("/c/:slug/wiki/:name/edit").handler(this::save);
    router.get("/staff/c/:slug/wiki/editors").handler(this::editorsPage);
    router.post("/staff/c/:slug/wiki/editors").handler(this::setEditors);
  }

  /** Who is signed in, as the wiki's editors see them, with the CSRF token their session's forms carry. */
  record Signed(WikiEditors.Principal who, String csrf) {}

  /**
   * Who the request is: a signed-in staff account (its Person, and whether it moderates this community); empty for a
   * visitor. The one place a session becomes a principal: a member's session (its actor, its CSRF token) plugs in
   * here as another branch, and the editor, the save and the CSRF check need nothing else.
   */
  Future<Optional<Signed>> principal(RoutingContext ctx, Community c) {
    return auth.session(ctx).map(s -> s.map(session -> new Signed(WikiEditors.Principal.staff(session.username(),
        pages.uris().staff(session.username()), session.mayModerate(c)), session.csrf())).or(() -> {
          MemberSignInStore.Session member = MemberSignInPages.of(ctx, c);
          return member == null ? Optional.empty()
              : Optional.of(new Signed(WikiEditors.Principal.member(member.actorId()), member.csrf()));
        }));
  }

  /** The community of the path and who asks, when they may edit its wiki; 403 otherwise, the sign-in for visitors. */
  private Future<Object[]> allowed(RoutingContext ctx) {
    return header.community(ctx).compose(c -> principal(ctx, c).compose(who -> {
      if (who.isEmpty()) {
        return Future.succeededFuture(new Object[] {c, null});
      }
      return editors.mayEdit(c, who.get().who()).compose(may -> may
          ? Future.succeededFuture(new Object[] {c, who.get()})
          : Future.failedFuture(new WebException(403, "error.wiki.forbidden")));
    }));
  }

  /** The form's CSRF token is the session's, and no other site sent it. */
  private boolean csrfValid(RoutingContext ctx, Signed signed) {
    return Auth.csrfValid(ctx, signed.csrf(), pages.uris().base());
  }

  /** GET /c/{slug}/wiki/{name}/edit: the page's text in the editor (empty for a new page). */
  private void form(RoutingContext ctx) {
    pages.handle(ctx, allowed(ctx), r -> {
      if (r[1] == null) {
        StaffSession.redirect(ctx, "/login?next=" + Pages.encode(ctx.request().uri()));
        return;
      }
      Community c = (Community) r[0];
      pages.handle(ctx, wiki.page(c, ctx.pathParam("name")).map(Optional::of)
          .recover(e -> Future.succeededFuture(Optional.empty())).compose(p -> {
            FormState form = new FormState().put("content", p.map(WikiPage::content).orElse("")).put("summary", "");
            return model(ctx, c, form, p.orElse(null), (Signed) r[1]);
          }), m -> pages.render(ctx, "wiki/edit", m));
    });
  }

  /** POST /c/{slug}/wiki/{name}/edit: saves a revision as whoever is signed in, if they may edit. */
  private void save(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), FIELDS);
    pages.handle(ctx, allowed(ctx).compose(r -> r[1] == null || !csrfValid(ctx, (Signed) r[1])
        ? Future.failedFuture(new WebException(403, "error.csrf")) : Future.succeededFuture(r)), r -> {
      Community c = (Community) r[0];
      Signed signed = (Signed) r[1];
      WikiEditors.Principal who = signed.who();
      String name = ctx.pathParam("name");
      editors.edit(c, who, name, form.text("content"), form.text("summary"))
          .onSuccess(saved -> StaffSession.redirect(ctx, StaffSession.withNotice(wiki.wire().pageUrl(c,
              saved.page().name()), "wiki_saved")))
          .onFailure(e -> {
            if (!(e instanceof CoreException ce) || ce.kind() != CoreException.Kind.INVALID) {
              pages.error(ctx, e);
              return;
            }
            form.error(ce.code().startsWith("wiki.summary") ? "summary" : "content", "error." + ce.code());
            pages.handle(ctx, wiki.page(c, name).map(p -> p).recover(x -> Future.succeededFuture(null))
                .compose(p -> model(ctx, c, form, p, signed)), m -> pages.render(ctx, 400, "wiki/edit", m));
          });
    });
  }

  private Future<Map<String, Object>> model(RoutingContext ctx, Community c, FormState form, WikiPage p,
                                            Signed signed) {
    return media.info(c.id()).map(info -> {
      Map<String, Object> m = pages.model(ctx);
      m.put("csrf", signed.csrf());
      header.communityModel(m, c, info);
      form.into(m);
      String name = p == null ? ctx.pathParam("name") : p.name();
      m.put("pageName", name);
      m.put("pageUrl", wiki.wire().pageUrl(c, name));
      m.put("isNew", p == null);
      m.put("wikiBase", wiki.wire().baseUrl(c));
      m.put("maxSummary", WikiText.SUMMARY_MAX);
      return m;
    });
  }

  /** GET /staff/c/{slug}/wiki/editors: the members trusted to edit the wiki, one actor per line. */
  private void editorsPage(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> editors.list(c).map(list -> {
      FormState form = new FormState().put("actors", String.join("\n", list));
      return editorsModel(ctx, c, form, list);
    })), m -> pages.render(ctx, "staff/wiki-editors", m));
  }

  /** POST /staff/c/{slug}/wiki/editors: replaces them; the list comes back with the problem when one is no member. */
  private void setEditors(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), EDITOR_FIELDS);
    List<String> actors = Arrays.stream(form.text("actors").split("\n")).map(String::strip)
        .filter(a -> !a.isEmpty()).toList();
    pages.handle(ctx, staff.community(ctx, false), c -> editors.set(c, actors, StaffSession.by(ctx))
        .onSuccess(list -> StaffSession.redirect(ctx, StaffSession.withNotice("/staff/c/" + c.slug()
            + "/wiki/editors", "wiki_editors")))
        .onFailure(e -> {
          if (!(e instanceof CoreException ce) || ce.kind() != CoreException.Kind.INVALID) {
            pages.error(ctx, e);
            return;
          }
          form.error("actors", "error." + ce.code(), ce.getMessage());
          pages.handle(ctx, editors.list(c).map(list -> editorsModel(ctx, c, form, list)),
              m -> pages.render(ctx, 400, "staff/wiki-editors", m));
        }));
  }

  private Map<String, Object> editorsModel(RoutingContext ctx, Community c, FormState form, List<String> list) {
    Map<String, Object> m = staff.model(ctx, c, "posts");
    form.into(m);
    m.put("editors", list);
    m.put("wikiBase", wiki.wire().baseUrl(c));
    return m;
  }
}
