package social.hearth.web;

import social.hearth.core.domain.DomainPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.moderation.DomainPolicies;

/** Domain policies for instance admins, with Mastodon-compatible CSV import and export. */
public final class DomainPages {

  private final StaffSession staff;
  private final Pages pages;
  private final DomainPolicies domains;
  private final Vertx vertx;

  public DomainPages(StaffSession staff, DomainPolicies domains, Vertx vertx) {
    this.staff = staff;
    this.pages = staff.pages();
    this.domains = domains;
    this.vertx = vertx;
  }

  public void domains(RoutingContext ctx) {
    pages.handle(ctx, domains.list(), list -> {
      Map<String, Object> m = staff.adminModel(ctx, "domains");
      m.put("domains", rows(list));
      m.put("allowlist", domains.allowlistMode());
      m.put("imported", null);
      pages.render(ctx, "admin/domains", m);
    });
  }

  private static List<Map<String, Object>> rows(List<DomainPolicy> list) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DomainPolicy e : list) {
      Map<String, Object> row = new HashMap<>();
      row.put("domain", e.domain());
      row.put("policy", e.policy().name().toLowerCase(Locale.ROOT));
      row.put("reason", e.reason());
      row.put("publicComment", e.publicComment());
      rows.add(row);
    }
    return rows;
  }

  public void set(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    String domain = Forms.nz(f.get("domain")).strip();
    String todo = Forms.nz(f.get("do"));
    Future<?> work;
    try {
      if (todo.equals("remove")) {
        work = domains.remove(domain, StaffSession.by(ctx));
      } else {
        DomainPolicy.Policy policy = Forms.choice(DomainPolicy.Policy.class, f.get("policy"));
        work = domains.set(domain, policy, Forms.clip(f.get("reason"), 500), Forms.clip(f.get("publicComment"), 500),
            StaffSession.by(ctx));
      }
    } catch (WebException | IllegalArgumentException e) {
      pages.error(ctx, e instanceof WebException w ? w : new WebException(400, "error.domain"));
      return;
    }
    work.onSuccess(x -> StaffSession.redirect(ctx, "/staff/admin/domains?notice=" + (todo.equals("remove") ? "domain_removed" : "domain_saved")))
        .onFailure(e -> pages.error(ctx, e instanceof IllegalArgumentException || (e instanceof CoreException a && a.kind() == CoreException.Kind.INVALID)
            ? new WebException(400, "error.domain") : e));
  }

  public void export(RoutingContext ctx) {
    domains.exportCsv().onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"domain_blocks.csv\"")
            .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store").end(csv))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** Imports a Mastodon domain-block CSV, uploaded as a file or pasted. */
  public void importCsv(RoutingContext ctx) {
    FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals("file") && u.size() > 0).findFirst().orElse(null);
    Future<String> csv = upload != null
        ? vertx.executeBlocking(() -> Files.readString(Path.of(upload.uploadedFileName()), StandardCharsets.UTF_8), false)
        : Future.succeededFuture(Forms.nz(ctx.request().getFormAttribute("csv")));
    pages.handle(ctx, csv.compose(text -> text.isBlank() ? Future.failedFuture(WebException.badRequest("error.csv"))
        : domains.importCsv(text, StaffSession.by(ctx))).recover(e -> Future.failedFuture(
            e instanceof CoreException a && a.kind() == CoreException.Kind.INVALID ? WebException.badRequest("error.csv") : e))
        .compose(imported -> domains.list().map(list -> {
          Map<String, Object> m = staff.adminModel(ctx, "domains");
          m.put("domains", rows(list));
          m.put("allowlist", domains.allowlistMode());
          m.put("imported", imported);
          return m;
        })), m -> pages.render(ctx, "admin/domains", m));
  }
}
