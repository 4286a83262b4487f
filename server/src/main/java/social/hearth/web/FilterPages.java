package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.moderation.FilterRule;
import social.hearth.core.moderation.Moderation;

/**
 * A community's filters, for owners: each saved filter with its whole configuration; a form that shows the fields of
 * the chosen kind, creates a filter or edits one ({@code ?edit=id}), with a dry-run over recent posts before saving;
 * turning a filter off and on again, and deleting it. A refused form is shown again with what was typed and the
 * problem next to its field ({@link FormState}).
 */
public final class FilterPages {

  private final StaffSession staff;
  private final Pages pages;
  private final Moderation moderation;

  public FilterPages(StaffSession staff, Moderation moderation) {
    this.staff = staff;
    this.pages = staff.pages();
    this.moderation = moderation;
  }

  public void filters(RoutingContext ctx) {
    String edit = ctx.request().getParam("edit");
    pages.handle(ctx, staff.community(ctx, true).compose(c -> moderation.filters().list(c.id()).compose(list -> {
      FormState form = FilterForms.blank();
      if (edit != null) {
        long id = Forms.id(edit);
        Filter f = list.stream().filter(x -> x.id() == id).findFirst().orElseThrow(WebException::notFound);
        form = FilterForms.of(f);
      }
      return Future.succeededFuture(model(ctx, c, list, form, null));
    })), m -> pages.render(ctx, "staff/filters", m));
  }

  private Map<String, Object> model(RoutingContext ctx, Community c, List<Filter> list, FormState form, DryRunResult dryRun) {
    Map<String, Object> m = staff.model(ctx, c, "filters");
    List<Map<String, Object>> rows = new ArrayList<>();
    list.forEach(f -> rows.add(FilterForms.row(f)));
    m.put("filters", rows);
    m.put("kinds", FilterRule.KINDS);
    m.put("editing", !form.text("id").isBlank());
    form.into(m);
    m.put("dryRun", dryRun == null ? null : FilterForms.dryRunRows(dryRun));
    return m;
  }

  private void render(RoutingContext ctx, Community c, int status, FormState form, DryRunResult dryRun) {
    pages.handle(ctx, moderation.filters().list(c.id()),
        list -> pages.render(ctx, status, "staff/filters", model(ctx, c, list, form, dryRun)));
  }

  /** Create, update, try (dry-run), turn off or on, or delete a filter. */
  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String todo = Forms.nz(f.get("do"));
    String idParam = f.get("id");
    switch (todo) {
      case "delete" -> {
        staff.act(ctx, true, (session, com) -> staff.audit().filterDeleted(com.id(), StaffSession.by(ctx), Forms.id(idParam),
                moderation.filters().delete(com.id(), Forms.id(idParam)))
            .compose(done -> done ? Future.succeededFuture("filter_deleted") : Future.failedFuture(WebException.notFound())),
            com -> "/staff/c/" + com.slug() + "/filters");
        return;
      }
      case "disable", "enable" -> {
        boolean on = todo.equals("enable");
        staff.act(ctx, true, (session, com) -> staff.audit().filterSaved(com.id(), StaffSession.by(ctx), false,
                moderation.filters().change(com.id(), Forms.id(idParam), null, null, null, on))
            .map(on ? "filter_enabled" : "filter_disabled"), com -> "/staff/c/" + com.slug() + "/filters#filter-" + idParam);
        return;
      }
      default -> { }
    }
    FormState form = FilterForms.sent(f);
    pages.handle(ctx, staff.community(ctx, true), c -> {
      String kind = form.text("kind");
      if (!FilterRule.KINDS.contains(kind)) {
        form.error("kind", "error.filter.kind");
      }
      FilterConfig config = FilterRule.KINDS.contains(kind) ? FilterForms.config(kind, form) : null;
      Integer days = form.check("days", () -> Forms.number(form.text("days"), 1, 90, "error.filter.days"));
      Long id = form.text("id").isBlank() ? null : form.check("id", () -> Forms.id(form.text("id")));
      if (form.invalid()) {
        render(ctx, c, 400, form, null);
        return;
      }
      String action = form.text("action");
      Future<?> work = switch (todo) {
        case "dryrun" -> moderation.dryRun(c, kind, config, action, days);
        case "update" -> staff.audit().filterSaved(c.id(), StaffSession.by(ctx), false,
            moderation.filters().update(c.id(), id, kind, config, action, form.flag("enabled")));
        default -> staff.audit().filterSaved(c.id(), StaffSession.by(ctx), true,
            moderation.filters().create(c.id(), kind, config, action, true));
      };
      work.onSuccess(result -> {
        if (todo.equals("dryrun")) {
          render(ctx, c, 200, form, (DryRunResult) result);
        } else {
          StaffSession.redirect(ctx, "/staff/c/" + c.slug() + "/filters?notice=filter_saved");
        }
      }).onFailure(e -> {
        if (e instanceof CoreException api && api.kind() == CoreException.Kind.INVALID) {
          form.error(FilterForms.fieldOf(kind, api.getMessage(), form), "error.filter.invalid", api.getMessage());
          render(ctx, c, 400, form, null);
        } else if (e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT) {
          form.error("kind", "error.filter.many");
          render(ctx, c, 400, form, null);
        } else {
          pages.error(ctx, e);
        }
      });
    });
  }
}
