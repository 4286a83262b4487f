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

  /** POST /staff/c/{slug}/settings/media: upload (multipart), removal, or a new alt text. */
  public void upload(RoutingContext ctx) {
    String kind = ctx.request().getFormAttribute("kind");
    String alt = Forms.clip(ctx.request().getFormAttribute("alt"), 300);
    String todo = ctx.request().getFormAttribute("do");
    staff.act(ctx, true, (session, c) -> {
      if (!"avatar".equals(kind) && !"banner".equals(kind)) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      if ("remove".equals(todo)) {
        return media.remove(c.id(), kind).compose(v -> curation.announceProfile(c))
            .compose(v -> staff.audit().record(c.id(), StaffSession.by(ctx), "image.removed", kind, null, null, social.hearth.core.audit.AuditLog.detail("image", kind))).map("image_removed");
      }
      FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals("file")).findFirst().orElse(null);
      if (upload == null || upload.size() == 0) {
        return media.setAlt(c.id(), kind, alt).compose(v -> curation.announceProfile(c))
            .compose(v -> staff.audit().record(c.id(), StaffSession.by(ctx), "image.described", kind, null, null, social.hearth.core.audit.AuditLog.detail("image", kind, "alt", alt))).map("saved");
      }
      if (upload.size() > Media.limit(kind)) {
        return Future.failedFuture(new WebException(413, "error.image.large"));
      }
      return vertx.executeBlocking(() -> Files.readAllBytes(Path.of(upload.uploadedFileName())), false).compose(bytes -> {
        String type = Media.sniff(bytes);
        if (type == null) {
          return Future.failedFuture(new WebException(415, "error.image.type"));
        }
        return media.store(c.id(), kind, type, bytes, Media.digest(bytes), alt)
            .compose(v -> curation.announceProfile(c))
            .compose(v -> staff.audit().record(c.id(), StaffSession.by(ctx), "image.set", kind, null, null, social.hearth.core.audit.AuditLog.detail("image", kind))).map("image_saved");
      });
    }, c -> "/staff/c/" + c.slug() + "/settings#images");
  }
}
