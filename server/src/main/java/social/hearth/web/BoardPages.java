package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.board.Board;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.BoardIdea;
import social.hearth.core.domain.Community;
import social.hearth.core.port.MediaStore;

/**
 * The community's feedback board ({@code /c/{slug}/board}): how to suggest an idea, the ideas by votes, filterable by
 * status; staff set an idea's status with a comment on the same page ({@code POST /staff/c/{slug}/board/{key}}: a
 * refused change comes back with the comment kept and the problem next to it).
 */
public final class BoardPages {

  private final Pages pages;
  private final Auth auth;
  private final StaffSession staff;
  private final CommunityHeader header;
  private final MediaStore media;
  private final Board board;

  public BoardPages(Pages pages, Auth auth, StaffSession staff, CommunityService communities, MediaStore media,
                    Board board) {
    this.pages = pages;
    this.auth = auth;
    this.staff = staff;
    this.header = new CommunityHeader(pages, communities);
    this.media = media;
    this.board = board;
  }

  public void mount(Router router) {
    router.get("/c/:slug/board").handler(this::board);
    router.post("/staff/c/:slug/board/:key").handler(this::status);
  }

  private void board(RoutingContext ctx) {
    String raw = Forms.nz(ctx.request().getParam("status"));
    BoardIdea.Status status = raw.isEmpty() ? null : BoardIdea.Status.parse(raw);
    if (!raw.isEmpty() && status == null) {
      pages.error(ctx, 404);
      return;
    }
    // a private community's ideas are what its members shared: its board is for them and its staff (issue 17)
    pages.handle(ctx, auth.session(ctx).compose(session -> header.community(ctx).compose(c ->
        PrivatePages.closed(ctx, c, session) ? Future.failedFuture(new WebException(404, "error.not_found"))
            : model(ctx, c, status, null, null))), m -> pages.render(ctx, "board", m));
  }

  private Future<Map<String, Object>> model(RoutingContext ctx, Community c, BoardIdea.Status status, String failedKey,
                                            FormState form) {
    return Future.all(media.info(c.id()), board.list(c, status), board.hashtags(c)).map(all -> {
      Map<String, Object> m = pages.model(ctx);
      header.communityModel(m, c, all.resultAt(0));
      List<BoardIdea> ideas = all.resultAt(1);
      List<Map<String, Object>> items = new ArrayList<>();
      for (BoardIdea i : ideas) {
        Map<String, Object> v = new HashMap<>();
        v.put("key", i.key());
        v.put("excerpt", i.excerpt());
        v.put("author", i.author());
        v.put("votes", i.votes());
        v.put("status", i.status().wire());
        v.put("comment", i.comment());
        v.put("post", i.postId() == null ? i.objectId() : pages.uris().communityPost(c.slug(), i.postId()));
        v.put("created", i.createdAt());
        FormState f = i.key().equals(failedKey) ? form : new FormState().put("status", i.status().wire())
            .put("comment", "");
        Map<String, Object> state = f.into(new HashMap<>());
        v.put("form", state.get("form"));
        v.put("errors", state.get("errors"));
        v.put("details", state.get("details"));
        items.add(v);
      }
      m.put("ideas", items);
      m.put("filter", status == null ? "" : status.wire());
      m.put("statuses", Arrays.stream(BoardIdea.Status.values()).map(BoardIdea.Status::wire).toList());
      List<String> tags = all.resultAt(2);
      // the hashtag shown: one in the reader's script when there is one (идея for Russian readers)
      boolean cyrillic = "ru".equals(Pages.lang(ctx));
      m.put("hashtag", "#" + tags.stream().filter(t -> t.matches(".*\\p{IsCyrillic}.*") == cyrillic).findFirst()
          .orElse(tags.get(0)));
      m.put("meta", header.meta(ctx, pages.i18n().t(Pages.lang(ctx), "board.title") + " · " + c.name(), c.summary(),
          board.wire().boardPage(c), null));
      return m;
    });
  }

  /** POST /staff/c/{slug}/board/{key}: sets the status; the board comes back with the problem when it cannot. */
  private void status(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), List.of("status", "comment"));
    String key = ctx.pathParam("key");
    pages.handle(ctx, staff.community(ctx, false), c -> board.setStatus(c, key, form.text("status"),
            form.text("comment"), StaffSession.by(ctx))
        .onSuccess(i -> StaffSession.redirect(ctx, StaffSession.withNotice(board.wire().boardPage(c), "board_status")))
        .onFailure(e -> {
          if (!(e instanceof CoreException ce) || ce.kind() != CoreException.Kind.INVALID) {
            pages.error(ctx, e);
            return;
          }
          form.error(ce.code().startsWith("board.comment") ? "comment" : "status", "error." + ce.code());
          pages.handle(ctx, model(ctx, c, null, key, form), m -> pages.render(ctx, 400, "board", m));
        }));
  }
}
