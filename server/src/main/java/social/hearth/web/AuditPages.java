package social.hearth.web;

import social.hearth.core.domain.AuditEntry;
import java.time.ZoneOffset;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.audit.AuditLog;

/** The audit log: a community's, and for instance admins the whole log. */
public final class AuditPages {

  private final StaffSession staff;
  private final Pages pages;
  private final AuditLog audit;

  public AuditPages(StaffSession staff, AuditLog audit) {
    this.staff = staff;
    this.pages = staff.pages();
    this.audit = audit;
  }

  public void audit(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> audit
        .query(new AuditLog.Query(c.id(), null, null, null, null, 200)).map(entries -> {
          Map<String, Object> m = staff.model(ctx, c, "audit");
          m.put("entries", rows(entries));
          return m;
        })), m -> pages.render(ctx, "staff/audit", m));
  }

  public void instanceAudit(RoutingContext ctx) {
    pages.handle(ctx, audit.query(new AuditLog.Query(null, null, null, null, null, 300)), entries -> {
      Map<String, Object> m = staff.adminModel(ctx, "audit");
      m.put("entries", rows(entries));
      pages.render(ctx, "admin/audit", m);
    });
  }

  static List<Map<String, Object>> rows(List<AuditEntry> entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AuditEntry e : entries) {
      Map<String, Object> row = new HashMap<>();
      row.put("community", e.community());
      row.put("actor", e.actor() == null ? "" : e.actor());
      row.put("action", e.action() == null ? "" : e.action());
      row.put("target", e.target());
      row.put("reason", e.reason());
      row.put("rule", e.rule());
      row.put("at", OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
      rows.add(row);
    }
    return rows;
  }
}
