package social.hearth.web;

import social.hearth.core.domain.Filter;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.domain.DryRunResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.moderation.FilterRule;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.text.Links;

/** A community's filters, with a dry-run over recent posts before saving, for owners. */
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
    pages.handle(ctx, staff.community(ctx, true).compose(c -> filtersModel(ctx, c, null, null)),
        m -> pages.render(ctx, "staff/filters", m));
  }

  private Future<Map<String, Object>> filtersModel(RoutingContext ctx, Community c, Map<String, Object> form, DryRunResult dryRun) {
    return moderation.filters().list(c.id()).map(list -> {
      Map<String, Object> m = staff.model(ctx, c, "filters");
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Filter f : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", f.id());
        row.put("kind", f.kind());
        row.put("action", f.action());
        row.put("enabled", f.enabled());
        row.put("form", formOf(f.kind(), f.config()));
        rows.add(row);
      }
      m.put("filters", rows);
      m.put("kinds", FilterRule.KINDS);
      m.put("form", form == null ? Map.of("kind", "keywords", "action", "hold", "words", "", "number", "", "pattern", "",
          "allow", "", "deny", "", "newcomerPeriod", true, "days", "30") : form);
      m.put("dryRun", dryRun == null ? null : dryRunRows(dryRun));
      return m;
    });
  }

  private static Map<String, Object> dryRunRows(DryRunResult r) {
    Map<String, Object> out = new HashMap<>();
    out.put("days", r.days());
    out.put("examined", r.examined());
    out.put("matched", r.matched());
    List<Map<String, Object>> matches = new ArrayList<>();
    for (DryRunResult.Match m : r.matches()) {
      Map<String, Object> row = new HashMap<>();
      row.put("author", m.author());
      row.put("object", Links.httpUrl(m.object()));
      row.put("was", m.was());
      row.put("reason", m.reason());
      row.put("excerpt", m.excerpt());
      matches.add(row);
    }
    out.put("matches", matches);
    return out;
  }

  /** The form fields of a stored filter's configuration. */
  private static Map<String, Object> formOf(String kind, FilterConfig config) {
    FilterConfig c = config == null ? FilterConfig.EMPTY : config;
    Map<String, Object> f = new HashMap<>();
    f.put("kind", kind);
    f.put("words", lines(c.words() != null ? c.words() : c.hashtags()));
    f.put("pattern", c.pattern() == null ? "" : c.pattern());
    String number = "";
    for (String field : List.of("max", "minDays", "firstPosts", "minutes")) {
      if (c.number(field) != null) {
        number = String.valueOf(c.number(field));
      }
    }
    f.put("number", number);
    f.put("allow", lines(c.allow()));
    f.put("deny", lines(c.deny()));
    f.put("newcomerPeriod", c.newcomerPeriod() == null || c.newcomerPeriod());
    return f;
  }

  private static String lines(List<String> list) {
    return list == null ? "" : String.join("\n", list.stream().map(String::valueOf).toList());
  }

  /** The filter configuration the form describes, in the shape each kind expects. */
  static FilterConfig config(String kind, Map<String, Object> form) {
    FilterConfig c = FilterConfig.EMPTY;
    String number = String.valueOf(form.get("number")).strip();
    return switch (kind) {
      case "keywords", "sensitive_words" -> c.withWords(list(form.get("words")));
      case "topics" -> c.withHashtags(list(form.get("words")));
      case "regex" -> c.withPattern(String.valueOf(form.get("pattern")));
      case "links" -> c.withMax(number.isEmpty() ? null : Forms.number(number, 0, 1000, "error.number"))
          .withAllow(list(form.get("allow"))).withDeny(list(form.get("deny")));
      case "mentions" -> c.withMax(Forms.number(number, 0, 1000, "error.number"));
      case "account_age" -> c.withMinDays(Forms.number(number, 1, 3650, "error.number"));
      case "probation" -> c.withFirstPosts(Forms.number(number, 0, 1000, "error.number"))
          .withNewcomerPeriod(Boolean.TRUE.equals(form.get("newcomerPeriod")));
      case "slow_mode" -> c.withMinutes(Forms.number(number, 1, 10080, "error.number"));
      case "attachments" -> c.withAllowed(false);
      default -> throw WebException.badRequest("error.bad_request");
    };
  }

  private static List<String> list(Object text) {
    List<String> out = new ArrayList<>();
    for (String line : String.valueOf(text).split("\\r?\\n")) {
      String t = line.strip().replaceFirst("^#", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Create, update, delete, or try (dry-run) a filter. */
  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, Object> form = new HashMap<>();
    form.put("kind", Forms.nz(f.get("kind")));
    form.put("action", "reject".equals(f.get("action")) ? "reject" : "hold");
    for (String field : List.of("words", "number", "pattern", "allow", "deny")) {
      form.put(field, Forms.nz(f.get(field)));
    }
    form.put("newcomerPeriod", f.get("newcomerPeriod") != null);
    form.put("days", Forms.nz(f.get("days")).isBlank() ? "30" : f.get("days"));
    String todo = Forms.nz(f.get("do"));
    String idParam = f.get("id");
    pages.handle(ctx, staff.community(ctx, true), c -> {
      if (todo.equals("delete")) {
        staff.act(ctx, true, (session, com) -> staff.audit().filterDeleted(com.id(), StaffSession.by(ctx), Forms.id(idParam),
            moderation.filters().delete(com.id(), Forms.id(idParam))).map("filter_deleted"),
            com -> "/staff/c/" + com.slug() + "/filters");
        return;
      }
      String kind = (String) form.get("kind");
      FilterConfig config;
      int days;
      try {
        if (!FilterRule.KINDS.contains(kind)) {
          throw WebException.badRequest("error.bad_request");
        }
        config = config(kind, form);
        days = Forms.number((String) form.get("days"), 1, 90, "error.days");
      } catch (WebException e) {
        filterError(ctx, c, form, e.messageKey());
        return;
      }
      String action = (String) form.get("action");
      boolean enabled = f.get("enabled") != null || idParam == null;
      Future<?> work = switch (todo) {
        case "dryrun" -> moderation.dryRun(c, kind, config, action, days);
        case "update" -> staff.audit().filterSaved(c.id(), StaffSession.by(ctx), false, moderation.filters().update(c.id(), Forms.id(idParam), kind, config, action, enabled));
        default -> staff.audit().filterSaved(c.id(), StaffSession.by(ctx), true, moderation.filters().create(c.id(), kind, config, action, true));
      };
      work.onSuccess(result -> {
        if (todo.equals("dryrun")) {
          pages.handle(ctx, filtersModel(ctx, c, form, (DryRunResult) result), m -> pages.render(ctx, "staff/filters", m));
        } else {
          StaffSession.redirect(ctx, "/staff/c/" + c.slug() + "/filters?notice=filter_saved");
        }
      }).onFailure(e -> {
        if (e instanceof CoreException api && api.kind() == CoreException.Kind.INVALID) {
          ctx.put("hearth.detail", api.getMessage());
          filterError(ctx, c, form, "error.filter.invalid");
        } else if (e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT) {
          filterError(ctx, c, form, "error.filter.many");
        } else {
          pages.error(ctx, e);
        }
      });
    });
  }

  private void filterError(RoutingContext ctx, Community c, Map<String, Object> form, String key) {
    pages.handle(ctx, filtersModel(ctx, c, form, null), m -> {
      m.put("error", key);
      m.put("detail", ctx.get("hearth.detail"));
      pages.render(ctx, 400, "staff/filters", m);
    });
  }
}
