package social.hearth.web;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.TopicStore;

/**
 * The first drafts the composer offers for the pinned posts community managers start with, in Markdown and in the
 * staff member's language: #1 "about" (purpose, who it is for, rules with their consequences, links), #2 "routine"
 * (the topics as rubrics with their hashtags, traditions, whom to ask) and #3 "calendar" (the month's days, to fill in).
 */
final class PostTemplates {

  private PostTemplates() {}

  static Future<String> prefill(Pages pages, String lang, Community c, String template, RuleStore rules, TopicStore topics) {
    return switch (template) {
      case "about" -> rules.list(c.id()).map(list -> about(pages, lang, c, list));
      case "routine" -> topics.list(c.id()).map(list -> routine(pages, lang, c, list));
      case "calendar" -> Future.succeededFuture(calendar(pages, lang, YearMonth.now()));
      default -> Future.succeededFuture("");
    };
  }

  private static String t(Pages pages, String lang, String key, Object... args) {
    return pages.i18n().t(lang, key, args);
  }

  static String about(Pages pages, String lang, Community c, List<Rule> rules) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(t(pages, lang, "template.about.title", c.name())).append("\n\n");
    md.append(c.summary().isBlank() ? t(pages, lang, "template.about.purpose") : c.summary().strip()).append("\n\n");
    md.append("### ").append(t(pages, lang, "template.about.who")).append("\n\n")
        .append(t(pages, lang, "template.about.who.hint")).append("\n\n");
    md.append("### ").append(t(pages, lang, "template.about.rules")).append("\n\n");
    if (rules.isEmpty()) {
      md.append("1. ").append(t(pages, lang, "template.about.rules.hint")).append("\n");
    }
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      md.append(i + 1).append(". ").append(r.text().strip());
      if (r.consequence() != null && !r.consequence().isBlank()) {
        md.append(" — ").append(t(pages, lang, "template.about.consequence", r.consequence().strip()));
      }
      md.append("\n");
    }
    md.append("\n### ").append(t(pages, lang, "template.about.links")).append("\n\n")
        .append("- ").append(pages.uris().community(c.slug())).append("\n")
        .append("- @").append(c.slug()).append("@").append(pages.handleHost()).append("\n");
    return md.toString();
  }

  static String routine(Pages pages, String lang, Community c, List<Topic> topics) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(t(pages, lang, "template.routine.title", c.name())).append("\n\n");
    md.append("### ").append(t(pages, lang, "template.routine.rubrics")).append("\n\n");
    if (topics.isEmpty()) {
      md.append("- #").append(t(pages, lang, "template.routine.rubric.example")).append(" — ")
          .append(t(pages, lang, "template.routine.rubric.hint")).append("\n");
    }
    for (Topic topic : topics) {
      md.append("- #").append(topic.tag());
      if (!topic.description().isBlank()) {
        md.append(" — ").append(topic.description().strip());
      }
      md.append("\n");
    }
    md.append("\n### ").append(t(pages, lang, "template.routine.traditions")).append("\n\n")
        .append(t(pages, lang, "template.routine.traditions.hint")).append("\n\n");
    md.append("### ").append(t(pages, lang, "template.routine.ask")).append("\n\n")
        .append(t(pages, lang, "template.routine.ask.hint")).append("\n");
    return md.toString();
  }

  static String calendar(Pages pages, String lang, YearMonth month) {
    Locale locale = Locale.forLanguageTag(lang);
    StringBuilder md = new StringBuilder();
    md.append("## ").append(t(pages, lang, "template.calendar.title",
        month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + month.getYear())).append("\n\n");
    for (int day = 1; day <= month.lengthOfMonth(); day++) {
      LocalDate d = month.atDay(day);
      md.append("- **").append(day).append(" ").append(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, locale))
          .append("** — \n");
    }
    md.append("\n").append(t(pages, lang, "template.calendar.hint")).append("\n");
    return md.toString();
  }
}
