package social.hearth.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.moderation.AuditLog;

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

  static List<Map<String, Object>> rows(ArrayNode entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode e : entries) {
      Map<String, Object> row = new HashMap<>();
      row.put("community", e.path("community").asText(null));
      row.put("actor", e.path("actor").asText(""));
      row.put("action", e.path("action").asText(""));
      row.put("target", e.path("target").asText(null));
      row.put("reason", e.path("reason").asText(null));
      row.put("rule", e.path("rule").asText(null));
      row.put("at", OffsetDateTime.parse(e.path("at").asText()));
      rows.add(row);
    }
    return rows;
  }
}
