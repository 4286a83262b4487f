package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Rule;
import social.hearth.core.port.RuleStore;
import social.hearth.federation.vocab.JsonLimits;

/** A community's numbered rules: {@code GET} and {@code PUT /api/v1/admin/communities/{slug}/rules}. */
public final class RulesApi implements AdminApi.Feature {

  static final int MAX_RULES = 50;

  private final ApiCalls calls;
  private final RuleStore rules;

  public RulesApi(ApiCalls calls, RuleStore rules) {
    this.calls = calls;
    this.rules = rules;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.COMMUNITY + "/rules").handler(ctx -> calls.inCommunity(ctx, (com, body) ->
        rules.list(com.id()).map(RulesApi::json)));
    router.put(AdminApi.COMMUNITY + "/rules").handler(ApiCalls.body(ApiCalls.SMALL_BODY)).handler(this::replace);
  }

  private void replace(RoutingContext ctx) {
    calls.inCommunity(ctx, (com, wrapper) -> {
      List<Rule> list = parse(wrapper.get("rules"));
      return rules.list(com.id()).compose(before -> rules.replace(com.id(), list)
          .compose(v -> calls.audit().rulesChanged(com.id(), ApiCalls.ADMIN, before, list))).map(v -> json(list));
    });
  }

  private static List<Rule> parse(JsonNode body) {
    if (body == null || !body.isArray()) {
      throw CoreException.badRequest("send {\"rules\": [{\"text\": ..., \"consequence\": ...}, ...]}");
    }
    if (body.size() > MAX_RULES) {
      throw CoreException.badRequest("at most 50 rules");
    }
    List<Rule> list = new ArrayList<>();
    for (JsonNode r : body) {
      if (!r.isObject()) {
        throw CoreException.badRequest("each rule is an object {text, consequence}");
      }
      String text = Json.text(r, "text", true).strip();
      String consequence = Json.text(r, "consequence", false);
      if (text.isEmpty() || text.length() > 500 || (consequence != null && consequence.length() > 300)) {
        throw CoreException.badRequest("a rule's text is 1 to 500 characters, its consequence at most 300");
      }
      list.add(new Rule(text, consequence == null ? "" : consequence.strip()));
    }
    return list;
  }

  private static JsonNode json(List<Rule> list) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (int i = 0; i < list.size(); i++) {
      out.addObject().put("number", i + 1).put("text", list.get(i).text()).put("consequence", list.get(i).consequence());
    }
    return out;
  }
}
