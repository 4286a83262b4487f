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
    render(ctx, 200, new FormState().put("policy", "block"), null);
  }

  /** The page, with the add form's or the import form's state (what was sent, its problems) and an import's result. */
  private void render(RoutingContext ctx, int status, FormState form, Object imported) {
    pages.handle(ctx, domains.list(), list -> {
      Map<String, Object> m = staff.adminModel(ctx, "domains");
      m.put("domains", rows(list));
      m.put("allowlist", domains.allowlistMode());
      m.put("imported", imported);
      form.into(m);
      pages.render(ctx, status, "admin/domains", m);
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

  /** Sets or removes a domain's policy; a refused domain shows the form again with the reason and what was typed. */
  public void set(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    FormState form = FormState.of(f, List.of("domain", "policy", "reason", "publicComment"));
    String domain = form.text("domain").strip();
    String todo = Forms.nz(f.get("do"));
    Future<?> work;
    if (todo.equals("remove")) {
      work = domains.remove(domain, StaffSession.by(ctx));
    } else {
      DomainPolicy.Policy policy = form.check("policy", () -> Forms.choice(DomainPolicy.Policy.class, form.text("policy")));
      if (form.invalid()) {
        render(ctx, 400, form, null);
        return;
      }
      try {
        work = domains.set(domain, policy, Forms.clip(form.text("reason"), 500), Forms.clip(form.text("publicComment"), 500),
            StaffSession.by(ctx));
      } catch (IllegalArgumentException | social.hearth.core.CoreException e) {
        work = Future.failedFuture(e);
      }
    }
    work.onSuccess(x -> StaffSession.redirect(ctx, "/staff/admin/domains?notice=" + (todo.equals("remove") ? "domain_removed" : "domain_saved")))
        .onFailure(e -> {
          if (e instanceof IllegalArgumentException || (e instanceof CoreException a && a.kind() == CoreException.Kind.INVALID)) {
            render(ctx, 400, form.error("domain", "error.domain", e.getMessage()), null);
          } else {
            pages.error(ctx, e);
          }
        });
  }

  public void export(RoutingContext ctx) {
    domains.exportCsv().onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"domain_blocks.csv\"")
            .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store").end(csv))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** Imports a Mastodon domain-block CSV, uploaded as a file or pasted; a refused one shows the form again. */
  public void importCsv(RoutingContext ctx) {
    FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals("file") && u.size() > 0).findFirst().orElse(null);
    String pasted = Forms.nz(ctx.request().getFormAttribute("csv"));
    FormState form = new FormState().put("policy", "block").put("csv", pasted);
    Future<String> csv = upload != null
        ? vertx.executeBlocking(() -> Files.readString(Path.of(upload.uploadedFileName()), StandardCharsets.UTF_8), false)
        : Future.succeededFuture(pasted);
    csv.compose(text -> text.isBlank() ? Future.failedFuture(WebException.badRequest("error.csv"))
        : domains.importCsv(text, StaffSession.by(ctx)))
        .onSuccess(imported -> render(ctx, 200, new FormState().put("policy", "block"), imported))
        .onFailure(e -> {
          if (e instanceof WebException || e instanceof java.nio.charset.CharacterCodingException
              || e instanceof java.io.UncheckedIOException
              || (e instanceof CoreException a && a.kind() == CoreException.Kind.INVALID)) {
            render(ctx, 400, form.error("csv", "error.csv", e instanceof CoreException ? e.getMessage() : null), null);
          } else {
            pages.error(ctx, e);
          }
        });
  }
}
