package social.hearth.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.account.StaffInbox;
import social.hearth.core.domain.StaffMention;
import social.hearth.core.text.Links;

/**
 * The staff inbox ({@code /staff/inbox}): replies and mentions addressed to the signed-in account's Person, newest
 * first; opening it marks them read. Every staff page's navigation shows the unread count.
 */
public final class StaffInboxPages {

  /** Where the unread count waits for the page model ({@link Pages#model}). */
  static final String UNREAD = "hearth.staffUnread";

  private final Pages pages;
  private final StaffInbox inbox;

  public StaffInboxPages(StaffSession staff, StaffInbox inbox) {
    this.pages = staff.pages();
    this.inbox = inbox;
  }

  /** Route handler before the staff pages: counts the account's unread replies and mentions for the navigation. */
  public void countUnread(RoutingContext ctx) {
    Auth.Session s = StaffSession.session(ctx);
    if (s == null) {
      ctx.next();
      return;
    }
    inbox.unread(s.accountId()).onComplete(n -> {
      if (n.succeeded()) {
        ctx.put(UNREAD, n.result());
      }
      ctx.next();
    });
  }

  /** GET /staff/inbox[?before=id]. */
  public void inbox(RoutingContext ctx) {
    Auth.Session s = StaffSession.session(ctx);
    Long before = null;
    String param = ctx.request().getParam("before");
    if (param != null) {
      try {
        before = Long.parseLong(param);
      } catch (NumberFormatException e) {
        pages.error(ctx, 400);
        return;
      }
    }
    boolean first = before == null;
    pages.handle(ctx, inbox.page(s.accountId(), before).compose(list -> {
      Long newest = list.isEmpty() ? null : list.get(0).id();
      return (newest == null ? io.vertx.core.Future.<Void>succeededFuture() : inbox.markRead(s.accountId(), newest))
          .compose(v -> inbox.unread(s.accountId())).map(unread -> {
            ctx.put(UNREAD, unread);
            Map<String, Object> m = pages.model(ctx);
            List<Map<String, Object>> items = new ArrayList<>();
            list.forEach(x -> items.add(view(x)));
            m.put("mentions", items);
            m.put("older", list.size() == StaffInbox.PAGE ? list.get(list.size() - 1).id() : null);
            m.put("first", first);
            return m;
          });
    }), m -> pages.render(ctx, "staff/inbox", m));
  }

  private static Map<String, Object> view(StaffMention x) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", x.id());
    m.put("authorName", x.author().name());
    m.put("authorHandle", x.author().handle());
    m.put("authorUrl", x.author().url());
    String name = x.author().name();
    m.put("initial", name.isEmpty() ? "?" : name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT));
    m.put("summary", x.summary());
    m.put("content", Pages.safe(x.contentHtml()));
    String url = x.url() != null ? x.url() : Links.httpUrl(x.objectId());
    m.put("url", url);
    m.put("direct", x.direct());
    m.put("unread", x.unread());
    m.put("time", x.publishedAt() != null ? x.publishedAt() : x.receivedAt());
    return m;
  }
}
