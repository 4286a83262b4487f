package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.authoring.CommunityPosts;
import social.hearth.core.authoring.Images;
import social.hearth.core.authoring.Schedules;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostImage;
import social.hearth.core.domain.PostSchedule;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TopicStore;
import social.hearth.core.authoring.PostText;

/**
 * The community's own posts for its staff: the list (published, scheduled, recurring), the composer (new, from a
 * template, edit) with its preview, and the actions on posts and schedules. A form that fails comes back with what
 * was typed and the error next to its field; images already uploaded are kept with the form.
 */
public final class ComposePages {

  /** What the pages read besides the posts. */
  public record Reads(RuleStore rules, TopicStore topics, PublicPageQueries posts) {}

  static final int UPLOAD_LIMIT = Images.MAX_PER_POST * Images.MAX_BYTES + 256 * 1024;

  private final StaffSession staff;
  private final Pages pages;
  private final CommunityPosts posts;
  private final Schedules schedules;
  private final Reads reads;
  private final Vertx vertx;

  public ComposePages(StaffSession staff, CommunityPosts posts, Schedules schedules, Reads reads, Vertx vertx) {
    this.staff = staff;
    this.pages = staff.pages();
    this.posts = posts;
    this.schedules = schedules;
    this.reads = reads;
    this.vertx = vertx;
  }

  private static String back(Community c) {
    return "/staff/c/" + c.slug() + "/posts";
  }

  /** GET /staff/c/{slug}/posts. */
  public void list(RoutingContext ctx) {
    FormState blank = new FormState().put("content", "").put("summary", "").put("language", "").put("as", "community")
        .put("rrule", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10").put("timezone", "UTC");
    pages.handle(ctx, staff.community(ctx, false).compose(c -> listModel(ctx, c, blank)), m -> pages.render(ctx, "staff/posts", m));
  }

  /** The posts page with the recurring post form's state (as typed, with its problems, after a refusal). */
  private Future<Map<String, Object>> listModel(RoutingContext ctx, Community c, FormState scheduleForm) {
    return Future.all(posts.list(c), schedules.list(c), reads.posts().pinned(c.id())).map(all -> {
      Map<String, Object> m = staff.model(ctx, c, "posts");
      List<AuthoredPost> list = all.resultAt(0);
      List<String> pinned = all.<List<PublicPageQueries.Post>>resultAt(2).stream().map(PublicPageQueries.Post::objectId).toList();
      m.put("published", list.stream().filter(p -> p.state() == AuthoredPost.State.PUBLISHED).toList());
      m.put("scheduled", list.stream().filter(p -> p.state() != AuthoredPost.State.PUBLISHED).toList());
      m.put("schedules", all.<List<PostSchedule>>resultAt(1));
      m.put("pinnedIris", pinned);
      scheduleForm.into(m);
      m.put("scheduleForm", scheduleForm.values());
      return m;
    });
  }

  /** GET /staff/c/{slug}/posts/new, optionally {@code ?template=about|routine|calendar}. */
  public void compose(RoutingContext ctx) {
    String template = ctx.request().getParam("template", "");
    pages.handle(ctx, staff.community(ctx, false).compose(c -> PostTemplates.prefill(pages, Pages.lang(ctx), c, template,
        reads.rules(), reads.topics()).map(content -> {
          Map<String, Object> form = emptyForm();
          form.put("content", content);
          form.put("pin", !template.isEmpty());
          return model(ctx, c, form, null);
        })), m -> pages.render(ctx, "staff/compose", m));
  }

  /** GET /staff/c/{slug}/posts/{key}/edit. */
  public void edit(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> posts.get(c, ctx.pathParam("key")).map(p -> {
      Map<String, Object> form = emptyForm();
      form.put("key", p.key());
      form.put("state", p.state().name().toLowerCase(java.util.Locale.ROOT));
      form.put("content", p.markdown());
      form.put("summary", p.summary() == null ? "" : p.summary());
      form.put("language", p.language() == null ? "" : p.language());
      form.put("as", p.asCommunity() ? "community" : "me");
      form.put("pin", p.pin());
      form.put("visibility", p.membersOnly() ? "members" : "public");
      form.put("publishAt", p.publishAt() == null || p.state() == AuthoredPost.State.PUBLISHED ? ""
          : p.publishAt().atZoneSameInstant(ZoneId.of("Etc/UTC")).toLocalDateTime().toString());
      form.put("tz", "Etc/UTC");
      form.put("images", images(c, p.images()));
      return model(ctx, c, form, null);
    })), m -> pages.render(ctx, "staff/compose", m));
  }

  /** POST /staff/c/{slug}/posts (new) and /posts/{key} (edit): preview, or publish (schedule, save). */
  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String key = ctx.pathParam("key");
    Map<String, Object> form = emptyForm();
    form.put("key", key);
    form.put("state", Forms.nz(f.get("state")));
    form.put("content", PostText.normalise(Forms.nz(f.get("content"))));
    form.put("summary", Forms.nz(f.get("summary")).strip());
    form.put("language", Forms.nz(f.get("language")).strip());
    form.put("as", "me".equals(f.get("as")) ? "me" : "community");
    form.put("pin", f.get("pin") != null);
    form.put("visibility", "members".equals(f.get("visibility")) ? "members" : "public");
    form.put("publishAt", Forms.nz(f.get("publishAt")).strip());
    form.put("tz", Forms.nz(f.get("tz")).strip());
    boolean preview = "preview".equals(f.get("do"));
    pages.handle(ctx, staff.community(ctx, false), c -> pages.handle(ctx, images(ctx, c, form), images -> {
      form.put("images", imageRows(c, images));
      if (form.get("problem.images") != null) {
        pages.handle(ctx, Future.succeededFuture(model(ctx, c, form, null)), m -> pages.render(ctx, 400, "staff/compose", m));
        return;
      }
      if (preview) {
        posts.preview(c, (String) form.get("content")).map(r -> model(ctx, c, form, r))
            .onSuccess(m -> pages.render(ctx, "staff/compose", m)).onFailure(e -> failed(ctx, c, form, e));
        return;
      }
      CommunityPosts.Draft draft;
      try {
        draft = new CommunityPosts.Draft((String) form.get("content"), (String) form.get("summary"),
            (String) form.get("language"), "me".equals(form.get("as")) ? StaffSession.session(ctx).username() : "community",
            (Boolean) form.get("pin") && StaffSession.session(ctx).owns(c), publishAt(form), images,
            "members".equals(form.get("visibility")));
      } catch (WebException e) {
        form.put("problem.publishAt", e.messageKey());
        pages.render(ctx, 400, "staff/compose", model(ctx, c, form, null));
        return;
      }
      Future<CommunityPosts.Written> done = key == null ? posts.create(c, draft, StaffSession.by(ctx))
          : posts.edit(c, key, editDraft(draft, form), StaffSession.by(ctx));
      done.onSuccess(w -> StaffSession.redirect(ctx, StaffSession.withNotice(back(c),
          w.unresolved().isEmpty() ? (w.post().state() == AuthoredPost.State.PUBLISHED ? "post_published" : "post_scheduled")
              : "post_unresolved"))).onFailure(e -> failed(ctx, c, form, e));
    }));
  }

  /** An edit does not move a published post in time nor change its voice. */
  private static CommunityPosts.Draft editDraft(CommunityPosts.Draft d, Map<String, Object> form) {
    boolean published = "published".equals(form.get("state"));
    return new CommunityPosts.Draft(d.content(), d.summary(), d.language(), published ? null : d.as(), d.pin(),
        published ? null : d.publishAt(), d.images());
  }

  /** POST /staff/c/{slug}/posts/{key}/delete. */
  public void delete(RoutingContext ctx) {
    staff.act(ctx, false, (session, c) -> posts.delete(c, ctx.pathParam("key"), StaffSession.by(ctx)).map("post_deleted"),
        ComposePages::back);
  }

  /** POST /staff/c/{slug}/schedules: a recurring post; a refused one comes back as typed, the reason by its field. */
  public void schedule(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), List.of("content", "summary", "language", "as", "rrule",
        "timezone"));
    if (StaffSession.fetch(ctx)) {
      staff.act(ctx, false, (session, c) -> createSchedule(ctx, c, session, form).map("schedule_created")
          .recover(e -> Future.failedFuture(e instanceof CoreException ce && ce.kind() == CoreException.Kind.INVALID
              ? new WebException(400, "error.schedule.invalid") : e)), ComposePages::back);
      return;
    }
    pages.handle(ctx, staff.community(ctx, false), c -> createSchedule(ctx, c, StaffSession.session(ctx), form)
        .onSuccess(x -> StaffSession.redirect(ctx, StaffSession.withNotice(back(c), "schedule_created")))
        .onFailure(e -> {
          if (e instanceof CoreException ce && ce.kind() != CoreException.Kind.FORBIDDEN
              && ce.kind() != CoreException.Kind.NOT_FOUND) {
            form.error(scheduleField(ce.getMessage()), ce, "error.schedule.invalid");
            pages.handle(ctx, listModel(ctx, c, form), m -> pages.render(ctx, Pages.status(ce), "staff/posts", m));
          } else {
            pages.error(ctx, e);
          }
        }));
  }

  private Future<PostSchedule> createSchedule(RoutingContext ctx, Community c, Auth.Session session, FormState form) {
    return schedules.create(c, new Schedules.Draft(form.text("content"), form.text("summary"), form.text("language"),
        "me".equals(form.text("as")) ? session.username() : "community", form.text("rrule"), form.text("timezone")),
        StaffSession.by(ctx));
  }

  /** Which field of the recurring post form the core's refusal is about. */
  static String scheduleField(String message) {
    String m = message == null ? "" : message;
    if (m.startsWith("timezone")) {
      return "timezone";
    }
    if (m.startsWith("content") || m.startsWith("summary") || m.startsWith("language") || m.contains("schedules")) {
      return "content";
    }
    return "rrule";
  }

  /** POST /staff/c/{slug}/schedules/{key}/{action}: pause, resume or delete. */
  public void scheduleAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    String key = ctx.pathParam("key");
    staff.act(ctx, false, (session, c) -> switch (action) {
      case "pause" -> schedules.setPaused(c, key, true, StaffSession.by(ctx)).map("schedule_paused");
      case "resume" -> schedules.setPaused(c, key, false, StaffSession.by(ctx)).map("schedule_resumed");
      case "delete" -> schedules.delete(c, key, StaffSession.by(ctx)).map("schedule_deleted");
      default -> Future.failedFuture(WebException.notFound());
    }, ComposePages::back);
  }

  // ------------------------------------------------------------------ the form

  private static Map<String, Object> emptyForm() {
    Map<String, Object> form = new HashMap<>();
    form.put("key", null);
    form.put("state", "");
    form.put("content", "");
    form.put("summary", "");
    form.put("language", "");
    form.put("as", "community");
    form.put("pin", false);
    form.put("visibility", "public");
    form.put("publishAt", "");
    form.put("tz", "");
    form.put("images", List.of());
    for (String field : List.of("as", "content", "summary", "language", "images", "pin", "publishAt", "visibility")) {
      form.put("problem." + field, null);
    }
    return form;
  }

  private Map<String, Object> model(RoutingContext ctx, Community c, Map<String, Object> form, PostText.Rendered preview) {
    Map<String, Object> m = staff.model(ctx, c, "posts");
    m.put("form", form);
    m.put("preview", preview == null ? null : Pages.safe(preview.body().html()));
    m.put("unresolved", preview == null ? List.of() : preview.unresolved());
    m.put("maxLength", PostText.MAX_MARKDOWN);
    m.put("maxImages", Images.MAX_PER_POST);
    m.put("maxImageMb", Images.MAX_BYTES / (1024 * 1024));
    m.put("slots", List.of(1, 2, 3, 4));
    m.put("username", StaffSession.session(ctx).username());
    m.put("count", ((String) form.get("content")).length());
    if (form.get("language") == null || ((String) form.get("language")).isEmpty()) {
      form.put("language", Pages.lang(ctx));
    }
    return m;
  }

  /** The form's images: new uploads checked and kept, earlier ones by their key; each with its alt text. */
  private Future<List<CommunityPosts.ImageInput>> images(RoutingContext ctx, Community c, Map<String, Object> form) {
    var f = ctx.request().formAttributes();
    List<Future<CommunityPosts.ImageInput>> slots = new ArrayList<>();
    for (int i = 1; i <= Images.MAX_PER_POST; i++) {
      String name = "image" + i;
      String alt = Forms.nz(f.get("alt" + i)).strip();
      FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals(name) && u.size() > 0).findFirst().orElse(null);
      String kept = Forms.nz(f.get("imageKey" + i)).strip();
      if (upload != null) {
        if (upload.size() > Images.MAX_BYTES) {
          form.put("problem.images", "error.image.large");
          continue;
        }
        slots.add(vertx.executeBlocking(() -> Files.readAllBytes(Path.of(upload.uploadedFileName())), false)
            .compose(bytes -> posts.upload(c, bytes))
            .map(image -> new CommunityPosts.ImageInput(image.key(), null, alt))
            .recover(e -> {
              form.put("problem.images", e instanceof CoreException ce && ce.getMessage().contains("WebP")
                  ? "error.image.webp" : "error.post.image");
              return Future.succeededFuture(null);
            }));
      } else if (kept.matches("[a-z0-9]{1,20}")) {
        slots.add(Future.succeededFuture(new CommunityPosts.ImageInput(kept, null, alt)));
      }
    }
    return Future.all(slots).map(all -> {
      List<CommunityPosts.ImageInput> out = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        if (all.resultAt(i) != null) {
          out.add(all.resultAt(i));
        }
      }
      return out;
    });
  }

  private List<Map<String, Object>> imageRows(Community c, List<CommunityPosts.ImageInput> images) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CommunityPosts.ImageInput i : images) {
      out.add(Map.of("key", i.key(), "alt", i.alt() == null ? "" : i.alt(), "url", pages.uris().postImage(c.slug(), i.key())));
    }
    return out;
  }

  private List<Map<String, Object>> images(Community c, List<PostImage> images) {
    return imageRows(c, images.stream().map(i -> new CommunityPosts.ImageInput(i.key(), null, i.alt())).toList());
  }

  /** The form's publish time, typed in the staff member's time zone (their browser tells it; UTC otherwise). */
  private static OffsetDateTime publishAt(Map<String, Object> form) {
    String at = (String) form.get("publishAt");
    if (at.isEmpty()) {
      return null;
    }
    ZoneId zone;
    try {
      zone = ((String) form.get("tz")).isEmpty() ? ZoneId.of("UTC") : ZoneId.of((String) form.get("tz"));
    } catch (RuntimeException e) {
      zone = ZoneId.of("UTC");
    }
    try {
      return LocalDateTime.parse(at).atZone(zone).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw WebException.badRequest("error.post.publish_at");
    }
  }

  /** Shows the form again with the error next to the field the core named. */
  private void failed(RoutingContext ctx, Community c, Map<String, Object> form, Throwable e) {
    if (!(e instanceof CoreException ce)) {
      pages.error(ctx, e);
      return;
    }
    String msg = ce.getMessage();
    String field = msg.startsWith("visibility") || msg.contains("members only") ? "visibility"
        : msg.startsWith("content") ? "content" : msg.startsWith("summary") ? "summary"
        : msg.startsWith("language") ? "language" : msg.startsWith("publishAt") ? "publishAt"
        : msg.contains("image") ? "images" : msg.contains("pinned") ? "pin" : "as";
    String key = switch (field) {
      case "content" -> msg.contains("empty") ? "error.post.empty" : "error.post.long";
      case "summary" -> "error.post.summary";
      case "language" -> "error.post.language";
      case "publishAt" -> "error.post.publish_at";
      case "images" -> "error.post.image";
      case "pin" -> "error.pins.full";
      case "visibility" -> "error.post.visibility";
      default -> "error.post.as";
    };
    form.put("problem." + field, key);
    pages.render(ctx, ce.kind() == CoreException.Kind.CONFLICT ? 409 : 400, "staff/compose", model(ctx, c, form, null));
  }
}
