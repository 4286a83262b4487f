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

/**
 * A community's rules (each with its consequence) and its topic hashtags, for owners: their checks, which the
 * settings page's save-all uses too, and the single-section saves ({@code POST .../settings/rules} and
 * {@code .../topics}). A refused list shows the settings page again with the rows as typed and the problem next to
 * the row at fault.
 */
public final class RulesAndTopicsPages {

  static final int MAX_RULES = 50;
  static final int MAX_TOPICS = 30;

  private final StaffSession staff;
  private final Pages pages;
  private final RuleStore rules;
  private final TopicStore topics;
  private SettingsPages settings;

  public RulesAndTopicsPages(StaffSession staff, RuleStore rules, TopicStore topics) {
    this.staff = staff;
    this.pages = staff.pages();
    this.rules = rules;
    this.topics = topics;
  }

  /** Called once by {@link WebRoutes}: the page a refused list is shown on. */
  void attach(SettingsPages settingsPages) {
    this.settings = settingsPages;
  }

  /**
   * The rules the rows describe (empty rows skipped); each row's problem goes to {@code rule-<i>}, too many to
   * {@code rules}. The rows as typed are kept in the form as {@code rules}.
   */
  static List<Rule> rules(List<String> texts, List<String> consequences, FormState form) {
    List<Rule> typed = new ArrayList<>();
    List<Rule> list = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i).strip();
      String consequence = i < consequences.size() ? consequences.get(i).strip() : "";
      typed.add(new Rule(text, consequence));
      if (text.isEmpty()) {
        if (!consequence.isEmpty()) {
          form.error("rule-" + i, "error.rules.title");
        }
        continue;
      }
      if (text.length() > 500 || consequence.length() > 200) {
        form.error("rule-" + i, "error.rules.long");
      }
      list.add(new Rule(text, consequence));
    }
    if (list.size() > MAX_RULES) {
      form.error("rules", "error.rules.many");
    }
    form.put("rules", typed);
    return list;
  }

  /** The topics the rows describe, like {@link #rules}: {@code tag-<i>}, {@code topics}, kept as {@code topics}. */
  static List<Topic> topics(List<String> tags, List<String> descriptions, FormState form) {
    List<Topic> typed = new ArrayList<>();
    List<Topic> list = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      String raw = tags.get(i).strip();
      String tag = raw.replaceFirst("^#", "").toLowerCase(Locale.ROOT);
      String description = i < descriptions.size() ? descriptions.get(i).strip() : "";
      typed.add(new Topic(raw.replaceFirst("^#", ""), description));
      if (tag.isEmpty()) {
        if (!description.isEmpty()) {
          form.error("tag-" + i, "error.topics.tag");
        }
        continue;
      }
      if (!Forms.TAG.matcher(tag).matches() || description.length() > 200) {
        form.error("tag-" + i, "error.topics.invalid");
      }
      if (list.stream().noneMatch(t -> t.tag().equals(tag))) {
        list.add(new Topic(tag, description));
      }
    }
    if (list.size() > MAX_TOPICS) {
      form.error("topics", "error.topics.many");
    }
    form.put("topics", typed);
    return list;
  }

  /** Replaces the rules, with one audit entry per rule added, changed or deleted by {@code actor}. */
  Future<Void> replaceRules(long communityId, String actor, List<Rule> list) {
    return rules.list(communityId).compose(before -> rules.replace(communityId, list)
        .compose(v -> staff.audit().rulesChanged(communityId, actor, before, list)));
  }

  /** Replaces the topics, audited like {@link #replaceRules}. */
  Future<Void> replaceTopics(long communityId, String actor, List<Topic> list) {
    return topics.list(communityId).compose(before -> topics.replace(communityId, list)
        .compose(v -> staff.audit().topicsChanged(communityId, actor, before, list)));
  }

  public void saveRules(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    FormState form = new FormState();
    List<Rule> list = rules(f.getAll("rule"), f.getAll("consequence"), form);
    save(ctx, form, c -> replaceRules(c, StaffSession.by(ctx), list).map("rules_saved"), "#rules");
  }

  public void saveTopics(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    FormState form = new FormState();
    List<Topic> list = topics(f.getAll("tag"), f.getAll("description"), form);
    save(ctx, form, c -> replaceTopics(c, StaffSession.by(ctx), list).map("topics_saved"), "#topics");
  }

  private void save(RoutingContext ctx, FormState form, java.util.function.LongFunction<Future<String>> store, String anchor) {
    if (form.invalid()) {
      pages.handle(ctx, staff.community(ctx, true), c -> settings.show(ctx, c, 400, form));
      return;
    }
    staff.act(ctx, true, (session, c) -> store.apply(c.id()), c -> "/staff/c/" + c.slug() + "/settings" + anchor);
  }
}
