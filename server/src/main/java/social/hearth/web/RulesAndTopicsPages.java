package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TopicStore;

/** Saving a community's rules (each with its consequence) and its topic hashtags, for owners. */
public final class RulesAndTopicsPages {

  static final int MAX_RULES = 50;
  static final int MAX_TOPICS = 30;

  private final StaffSession staff;
  private final RuleStore rules;
  private final TopicStore topics;

  public RulesAndTopicsPages(StaffSession staff, RuleStore rules, TopicStore topics) {
    this.staff = staff;
    this.rules = rules;
    this.topics = topics;
  }

  public void saveRules(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    staff.act(ctx, true, (session, c) -> {
      List<String> texts = f.getAll("rule");
      List<String> consequences = f.getAll("consequence");
      List<Rule> list = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i).strip();
        String consequence = i < consequences.size() ? consequences.get(i).strip() : "";
        if (text.isEmpty()) {
          continue;
        }
        if (text.length() > 500 || consequence.length() > 200) {
          return Future.failedFuture(WebException.badRequest("error.rules.long"));
        }
        list.add(new Rule(text, consequence));
      }
      if (list.size() > MAX_RULES) {
        return Future.failedFuture(WebException.badRequest("error.rules.many"));
      }
      return rules.list(c.id()).compose(before -> rules.replace(c.id(), list)
          .compose(v -> staff.audit().rulesChanged(c.id(), StaffSession.by(ctx), before, list))).map("rules_saved");
    }, c -> "/staff/c/" + c.slug() + "/settings#rules");
  }

  public void saveTopics(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    staff.act(ctx, true, (session, c) -> {
      List<String> tags = f.getAll("tag");
      List<String> descriptions = f.getAll("description");
      List<Topic> list = new ArrayList<>();
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i).strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        String description = i < descriptions.size() ? descriptions.get(i).strip() : "";
        if (tag.isEmpty()) {
          continue;
        }
        if (!Forms.TAG.matcher(tag).matches() || description.length() > 200) {
          return Future.failedFuture(WebException.badRequest("error.topics.invalid"));
        }
        if (list.stream().noneMatch(t -> t.tag().equals(tag))) {
          list.add(new Topic(tag, description));
        }
      }
      if (list.size() > MAX_TOPICS) {
        return Future.failedFuture(WebException.badRequest("error.topics.many"));
      }
      return topics.list(c.id()).compose(before -> topics.replace(c.id(), list)
          .compose(v -> staff.audit().topicsChanged(c.id(), StaffSession.by(ctx), before, list))).map("topics_saved");
    }, c -> "/staff/c/" + c.slug() + "/settings#topics");
  }
}
