package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.port.MediaStore;

/**
 * A community's avatar and banner: served to anyone, and changed by its owners (upload checked by content and size,
 * removal, or a new alt text); every change announces the community's profile anew.
 */
public final class ImagePages {

  private final Pages pages;
  private final StaffSession staff;
  private final CommunityHeader header;
  private final MediaStore media;
  private final Curation curation;
  private final Vertx vertx;
  private SettingsPages settings;

  public ImagePages(StaffSession staff, CommunityService communities, MediaStore media, Curation curation, Vertx vertx) {
    this.pages = staff.pages();
    this.staff = staff;
    this.header = new CommunityHeader(pages, communities);
    this.media = media;
    this.curation = curation;
    this.vertx = vertx;
  }

  /** GET /c/{slug}/media/{kind}. */
  public void serve(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    if (!kind.equals("avatar") && !kind.equals("banner")) {
      pages.error(ctx, 404);
      return;
    }
    pages.handle(ctx, header.community(ctx).compose(c -> media.get(c.id(), kind)), image -> {
      if (image.isEmpty()) {
        pages.error(ctx, 404);
      } else {
        Media.serve(ctx, image.get());
      }
    });
  }

  /** Called once by {@link WebRoutes}: the page a refused upload is shown on, with the alt text kept. */
  void attach(SettingsPages settingsPages) {
    this.settings = settingsPages;
  }

  /**
   * POST /staff/c/{slug}/settings/media: upload (multipart), removal, or a new alt text. An image of the wrong type
   * or too large shows the settings page again (415 or 413) with the problem next to the file field and the alt text
   * as typed.
   */
  public void upload(RoutingContext ctx) {
    String kind = ctx.request().getFormAttribute("kind");
    String alt = Forms.clip(ctx.request().getFormAttribute("alt"), 300);
    String todo = ctx.request().getFormAttribute("do");
    FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals("file")).findFirst().orElse(null);
    if (!"avatar".equals(kind) && !"banner".equals(kind)) {
      staff.failed(ctx, WebException.badRequest("error.bad_request"));
      return;
    }
    boolean file = upload != null && upload.size() > 0 && !"remove".equals(todo);
    // the owner is checked before the file is read
    Future<byte[]> read = staff.community(ctx, true).compose(owned -> file
        ? vertx.executeBlocking(() -> Files.readAllBytes(Path.of(upload.uploadedFileName())), false)
        : Future.succeededFuture(null));
    read.onFailure(e -> staff.failed(ctx, e)).onSuccess(bytes -> {
      if (bytes != null && bytes.length > Media.limit(kind)) {
        refuse(ctx, kind, alt, 413, "error.image.large");
        return;
      }
      String type = bytes == null ? null : Media.sniff(bytes);
      if (bytes != null && type == null) {
        refuse(ctx, kind, alt, 415, "error.image.type");
        return;
      }
      staff.act(ctx, true, (session, c) -> {
        if ("remove".equals(todo)) {
          return media.remove(c.id(), kind).compose(v -> curation.announceProfile(c))
              .compose(v -> staff.audit().record(c.id(), StaffSession.by(ctx), "image.removed", kind, null, null,
                  social.hearth.core.audit.AuditLog.detail("image", kind))).map("image_removed");
        }
        if (bytes == null) {
          return media.setAlt(c.id(), kind, alt).compose(v -> curation.announceProfile(c))
              .compose(v -> staff.audit().record(c.id(), StaffSession.by(ctx), "image.described", kind, null, null,
                  social.hearth.core.audit.AuditLog.detail("image", kind, "alt", alt))).map("saved");
        }
        return media.store(c.id(), kind, type, bytes, Media.digest(bytes), alt)
            .compose(v -> curation.announceProfile(c))
            .compose(v -> staff.audit().record(c.id(), StaffSession.by(ctx), "image.set", kind, null, null,
                social.hearth.core.audit.AuditLog.detail("image", kind))).map("image_saved");
      }, c -> "/staff/c/" + c.slug() + "/settings#images");
    });
  }

  private void refuse(RoutingContext ctx, String kind, String alt, int status, String key) {
    if (StaffSession.fetch(ctx)) {
      staff.failed(ctx, new WebException(status, key));
      return;
    }
    FormState form = new FormState().put(kind + "Alt", alt == null ? "" : alt).error(kind + "-file", key);
    pages.handle(ctx, staff.community(ctx, true), c -> settings.show(ctx, c, status, form));
  }
}
