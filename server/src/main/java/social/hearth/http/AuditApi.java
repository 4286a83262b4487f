package social.hearth.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.audit.AuditText;
import social.hearth.core.port.AuditStore;

/**
 * The audit log: {@code GET /api/v1/admin/audit?community=&actor=&action=&kind=&target=&member=&since=&until=&offset=
 * &limit=&lang=}. Each entry keeps its fields and adds the names it mentions and {@code summary}, the sentence in
 * the requested language ({@code lang}, else Accept-Language, else English).
 */
public final class AuditApi implements AdminApi.Feature {

  private final ApiCalls calls;
  private final AuditLog audit;
  /** (language, message key) → the message's pattern, or null when there is none. */
  private final BiFunction<String, String, String> messages;
  private final List<String> languages;

  public AuditApi(ApiCalls calls, AuditLog audit) {
    this(calls, audit, (lang, key) -> null, List.of("en"));
  }

  public AuditApi(ApiCalls calls, AuditLog audit, BiFunction<String, String, String> messages, List<String> languages) {
    this.calls = calls;
    this.audit = audit;
    this.messages = messages;
    this.languages = languages;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.ROOT + "/audit").handler(this::query);
  }

  private void query(RoutingContext ctx) {
    OffsetDateTime since;
    OffsetDateTime until;
    int limit;
    int offset;
    try {
      since = time(ctx.request().getParam("since"));
      until = time(ctx.request().getParam("until"));
      limit = Math.min(1000, Math.max(1, Integer.parseInt(ctx.request().getParam("limit", "100"))));
      offset = Math.max(0, Integer.parseInt(ctx.request().getParam("offset", "0")));
    } catch (DateTimeParseException | NumberFormatException e) {
      ctx.fail(CoreException.badRequest("since and until are ISO-8601 date-times, limit a number up to 1000 and offset a number"));
      return;
    }
    String kind = either(ctx.request().getParam("kind"), ctx.request().getParam("action"));
    String member = either(ctx.request().getParam("member"), ctx.request().getParam("target"));
    String lang = lang(ctx);
    Function<String, String> words = key -> messages.apply(lang, key);
    calls.communityId(ctx.request().getParam("community"))
        .compose(id -> audit.search(new AuditStore.Search(id, ctx.request().getParam("actor"), kind, member, since, until,
            offset, limit)))
        .onSuccess(list -> {
          ArrayNode out = (ArrayNode) ModerationJson.auditJson(list.stream().map(AuditStore.Named::entry).toList());
          for (int i = 0; i < list.size(); i++) {
            AuditStore.Named n = list.get(i);
            ObjectNode o = (ObjectNode) out.get(i);
            o.put("summary", AuditText.plain(n, words)).put("actorName", AuditText.actor(n, words))
                .put("communityName", n.communityName());
            if (n.memberId() != null) {
              o.putObject("member").put("id", n.memberId()).put("name", n.memberName()).put("handle", n.memberHandle());
            }
          }
          Json.send(ctx, 200, out);
        }).onFailure(ctx::fail);
  }

  private String lang(RoutingContext ctx) {
    String asked = ctx.request().getParam("lang");
    if (asked != null && languages.contains(asked.toLowerCase(Locale.ROOT))) {
      return asked.toLowerCase(Locale.ROOT);
    }
    for (LanguageHeader h : ctx.acceptableLanguages()) {
      String tag = h.tag() == null ? "" : h.tag().toLowerCase(Locale.ROOT);
      if (h.weight() > 0 && languages.contains(tag)) {
        return tag;
      }
    }
    return languages.get(0);
  }

  private static String either(String first, String second) {
    return first != null ? first : second;
  }

  private static OffsetDateTime time(String s) {
    return s == null ? null : OffsetDateTime.parse(s);
  }
}
