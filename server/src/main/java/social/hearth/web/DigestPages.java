package social.hearth.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.digest.Digests;
import social.hearth.core.domain.Community;
import social.hearth.core.text.Html;

/**
 * The digest for the community's staff ({@code /staff/c/{slug}/digest}): its setting (the form comes back with what
 * was typed and the problem next to its field), the preview of what would be published now, and "publish now".
 */
public final class DigestPages {

  private static final List<String> FIELDS = List.of("enabled", "frequency", "time", "weekday", "timezone");

  private final StaffSession staff;
  private final Pages pages;
  private final Digests digests;

  public DigestPages(StaffSession staff, Digests digests) {
    this.staff = staff;
    this.pages = staff.pages();
    this.digests = digests;
  }

  public void mount(Router router) {
    router.get("/staff/c/:slug/digest").handler(this::page);
    router.post("/staff/c/:slug/digest").handler(this::save);
    router.post("/staff/c/:slug/digest/publish").handler(this::publish);
  }

  private void page(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> digests.settings(c).map(s -> {
      FormState form = new FormState().put("enabled", s.enabled()).put("frequency", s.frequency())
          .put("time", s.time()).put("weekday", String.valueOf(s.weekday())).put("timezone", s.timezone());
      return new Object[] {c, form};
    })), x -> render(ctx, (Community) x[0], (FormState) x[1], 200));
  }

  private void render(RoutingContext ctx, Community c, FormState form, int status) {
    pages.handle(ctx, digests.preview(c).map(text -> {
      Map<String, Object> m = staff.model(ctx, c, "posts");
      form.into(m);
      m.put("preview", text.map(t -> Pages.safe(Html.markdown(t))).orElse(null));
      m.put("weekdays", List.of("1", "2", "3", "4", "5", "6", "7"));
      return m;
    }), m -> pages.render(ctx, status, "staff/digest", m));
  }

  /** POST /staff/c/{slug}/digest: saves the setting, or shows the form again with the problem. */
  private void save(RoutingContext ctx) {
    FormState form = FormState.of(ctx.request().formAttributes(), FIELDS);
    form.put("enabled", ctx.request().formAttributes().get("enabled") != null);
    Integer weekday;
    try {
      weekday = Integer.valueOf(form.text("weekday"));
    } catch (NumberFormatException e) {
      weekday = 0;
    }
    Integer day = weekday;
    pages.handle(ctx, staff.community(ctx, false), c -> digests.configure(c, form.flag("enabled"), form.text("frequency"),
            form.text("time"), day, form.text("timezone"), StaffSession.by(ctx))
        .onSuccess(s -> StaffSession.redirect(ctx, StaffSession.withNotice("/staff/c/" + c.slug() + "/digest",
            "digest_saved")))
        .onFailure(e -> {
          if (!(e instanceof CoreException ce) || ce.kind() != CoreException.Kind.INVALID) {
            pages.error(ctx, e);
            return;
          }
          form.error(ce.code().substring("digest.".length()), "error." + ce.code());
          render(ctx, c, form, 400);
        }));
  }

  /** POST /staff/c/{slug}/digest/publish: publishes the digest now, or says nothing happened. */
  private void publish(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false), c -> digests.publishNow(c, StaffSession.by(ctx))
        .onSuccess(iri -> StaffSession.redirect(ctx, StaffSession.withNotice("/staff/c/" + c.slug() + "/digest",
            iri.isPresent() ? "digest_published" : "digest_nothing")))
        .onFailure(e -> pages.error(ctx, e)));
  }
}
