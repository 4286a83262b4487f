package social.hearth.web;

import social.hearth.core.moderation.Reason;
import social.hearth.core.moderation.QueueItem;
import java.time.ZoneOffset;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.text.Links;

/** A community's queue of held posts, with the reasons each was held, and the decisions on them. */
public final class QueuePages {

  static final int LIST_LIMIT = 100;

  private final StaffSession staff;
  private final Pages pages;
  private final Moderation moderation;
  private final StaffPageQueries queries;

  public QueuePages(StaffSession staff, Moderation moderation, StaffPageQueries queries) {
    this.staff = staff;
    this.pages = staff.pages();
    this.moderation = moderation;
    this.queries = queries;
  }

  public void queue(RoutingContext ctx) {
    String state = ctx.request().getParam("state", "held");
    String shown = List.of("held", "approved", "declined", "rejected", "overturned").contains(state) ? state : "held";
    pages.handle(ctx, staff.community(ctx, false).compose(c -> moderation.queue(c.id(), shown, LIST_LIMIT).compose(items -> {
      Set<String> authors = new LinkedHashSet<>();
      items.forEach(i -> authors.add(i.authorId()));
      return queries.people(authors).map(people -> {
        Map<String, Object> m = staff.model(ctx, c, "queue");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueueItem item : items) {
          Map<String, Object> row = new HashMap<>();
          row.put("id", item.id());
          row.put("kind", item.kind());
          row.put("object", Links.httpUrl(item.objectId()));
          row.put("author", people.get(item.authorId()));
          row.put("content", Pages.safe(item.content() == null ? "" : item.content()));
          row.put("summary", item.summary());
          row.put("createdAt", OffsetDateTime.ofInstant(item.createdAt(), ZoneOffset.UTC));
          row.put("decidedBy", item.decidedBy());
          row.put("reasons", reasons(item.reasons(), Pages.lang(ctx)));
          rows.add(row);
        }
        m.put("items", rows);
        m.put("state", shown);
        return m;
      });
    })), m -> pages.render(ctx, "staff/queue", m));
  }

  /**
   * Reasons as the page shows them: the filter's kind and what it found, both in the reader's language
   * ({@code reason.<key>} with the reason's values in order); the stored English sentence when no translation exists.
   */
  private List<Map<String, String>> reasons(List<Reason> reasons, String lang) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Reason r : reasons) {
      String code = r.code() == null ? "" : r.code();
      Map<String, String> reason = new HashMap<>();
      reason.put("label", pages.i18n().has("filter.kind." + code) ? "filter.kind." + code : "filter.kind.other");
      String key = "reason." + (r.key() == null ? code : r.key());
      if (pages.i18n().has(key)) {
        List<Object> values = new ArrayList<>();
        if (r.args() != null) {
          r.args().values().forEach(v -> values.add(v == null ? "null" : v));
        }
        reason.put("message", pages.i18n().t(lang, key, values.toArray()));
      } else {
        reason.put("message", r.message() == null ? "" : r.message());
      }
      reason.put("action", "reject".equals(r.action()) ? "filter.action.reject" : "filter.action.hold");
      out.add(reason);
    }
    return out;
  }

  public void decide(RoutingContext ctx) {
    long id = Forms.pathId(ctx);
    String decision = ctx.pathParam("decision");
    String notice = Forms.clip(ctx.request().getFormAttribute("notice"), 1000);
    staff.act(ctx, false, (session, c) -> switch (decision) {
      case "approve" -> moderation.approve(c, id, StaffSession.by(ctx)).map("item_approved");
      case "decline" -> moderation.decline(c, id, notice, StaffSession.by(ctx)).map("item_declined");
      case "overturn" -> moderation.overturn(c, id, StaffSession.by(ctx)).map("item_overturned");
      default -> Future.failedFuture(WebException.notFound());
    }, c -> "/staff/c/" + c.slug() + "/queue" + (decision.equals("overturn") ? "?state=overturned" : ""));
  }
}
