package social.hearth.web;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.Filter;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.text.Links;

/**
 * The filter form and a saved filter as the filter page shows them: the form's fields to and from a
 * {@link FilterConfig}, which fields each kind reads, and the field a refusal of the core belongs to.
 */
final class FilterForms {

  /** The form's fields. */
  static final List<String> FIELDS = List.of("id", "kind", "action", "words", "number", "pattern", "allow", "deny", "days");
  /** The fields each kind reads (the page shows only these once its script runs). */
  static final Map<String, List<String>> KIND_FIELDS = Map.ofEntries(
      Map.entry("keywords", List.of("words")), Map.entry("sensitive_words", List.of("words")),
      Map.entry("topics", List.of("words")), Map.entry("regex", List.of("pattern")),
      Map.entry("links", List.of("number", "allow", "deny")), Map.entry("mentions", List.of("number")),
      Map.entry("account_age", List.of("number")), Map.entry("probation", List.of("number", "newcomerPeriod")),
      Map.entry("slow_mode", List.of("number")), Map.entry("attachments", List.of()));

  private FilterForms() {}

  /** An empty new filter. */
  static FormState blank() {
    FormState s = new FormState();
    for (String f : FIELDS) {
      s.put(f, "");
    }
    return s.put("kind", "keywords").put("action", "hold").put("days", "30").put("newcomerPeriod", true).put("enabled", true);
  }

  /** What the form sent. */
  static FormState sent(MultiMap f) {
    FormState s = FormState.of(f, FIELDS);
    s.put("action", "reject".equals(f.get("action")) ? "reject" : "hold");
    s.put("newcomerPeriod", f.get("newcomerPeriod") != null);
    s.put("enabled", f.get("enabled") != null || s.text("id").isBlank());
    if (s.text("days").isBlank()) {
      s.put("days", "30");
    }
    return s;
  }

  /** A saved filter in the form, to edit it. */
  static FormState of(Filter f) {
    FilterConfig c = f.config() == null ? FilterConfig.EMPTY : f.config();
    FormState s = blank();
    s.put("id", String.valueOf(f.id())).put("kind", f.kind()).put("action", f.action()).put("enabled", f.enabled());
    s.put("words", lines(c.words() != null ? c.words() : c.hashtags()));
    s.put("pattern", c.pattern() == null ? "" : c.pattern());
    s.put("number", number(c) == null ? "" : String.valueOf(number(c)));
    s.put("allow", lines(c.allow()));
    s.put("deny", lines(c.deny()));
    s.put("newcomerPeriod", c.newcomerPeriod() == null || c.newcomerPeriod());
    return s;
  }

  private static Integer number(FilterConfig c) {
    for (String field : FilterConfig.NUMBER_FIELDS) {
      if (c.number(field) != null) {
        return c.number(field);
      }
    }
    return null;
  }

  private static String lines(List<String> list) {
    return list == null ? "" : String.join("\n", list.stream().map(String::valueOf).toList());
  }

  /** A saved filter as the list shows it: every part of its configuration, lists as chips. */
  static Map<String, Object> row(Filter f) {
    FilterConfig c = f.config() == null ? FilterConfig.EMPTY : f.config();
    Map<String, Object> row = new HashMap<>();
    row.put("id", f.id());
    row.put("kind", f.kind());
    row.put("action", f.action());
    row.put("enabled", f.enabled());
    row.put("words", c.words() == null ? List.of() : c.words());
    row.put("hashtags", c.hashtags() == null ? List.of() : c.hashtags());
    row.put("pattern", c.pattern());
    row.put("number", number(c));
    row.put("allow", c.allow() == null ? List.of() : c.allow());
    row.put("deny", c.deny() == null ? List.of() : c.deny());
    row.put("newcomerPeriod", f.kind().equals("probation") ? (Boolean) (c.newcomerPeriod() == null || c.newcomerPeriod()) : null);
    return row;
  }

  /** The configuration the form describes, in the shape its kind expects; a bad number is the field's problem. */
  static FilterConfig config(String kind, FormState form) {
    FilterConfig c = FilterConfig.EMPTY;
    String number = form.text("number").strip();
    return switch (kind) {
      case "keywords", "sensitive_words" -> c.withWords(list(form.text("words")));
      case "topics" -> c.withHashtags(list(form.text("words")));
      case "regex" -> c.withPattern(form.text("pattern"));
      case "links" -> c.withMax(number.isEmpty() ? null : form.check("number", () -> Forms.number(number, 0, 1000, "error.filter.number")))
          .withAllow(list(form.text("allow"))).withDeny(list(form.text("deny")));
      case "mentions" -> c.withMax(form.check("number", () -> Forms.number(number, 0, 1000, "error.filter.number")));
      case "account_age" -> c.withMinDays(form.check("number", () -> Forms.number(number, 1, 3650, "error.filter.age")));
      case "probation" -> c.withFirstPosts(form.check("number", () -> Forms.number(number, 0, 1000, "error.filter.number")))
          .withNewcomerPeriod(form.flag("newcomerPeriod"));
      case "slow_mode" -> c.withMinutes(form.check("number", () -> Forms.number(number, 1, 10080, "error.filter.minutes")));
      case "attachments" -> c.withAllowed(false);
      default -> {
        form.error("kind", "error.bad_request");
        yield c;
      }
    };
  }

  private static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\\n")) {
      String t = line.strip().replaceFirst("^#", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** The field the core's sentence about a configuration is about (the kind's main field when it names none). */
  static String fieldOf(String kind, String message, FormState form) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.startsWith("allow")) {
      return "allow";
    }
    if (m.startsWith("deny")) {
      return "deny";
    }
    if (kind.equals("links") && m.startsWith("'")) {
      String bad = m.substring(1, Math.max(1, m.indexOf('\'', 1)));
      return form.text("allow").toLowerCase(Locale.ROOT).contains(bad) ? "allow" : "deny";
    }
    if (FilterConfig.NUMBER_FIELDS.stream().anyMatch(f -> m.startsWith(f.toLowerCase(Locale.ROOT)))) {
      return "number";
    }
    if (m.startsWith("kind")) {
      return "kind";
    }
    List<String> fields = KIND_FIELDS.getOrDefault(kind, List.of());
    return fields.isEmpty() ? "kind" : fields.get(0);
  }

  static Map<String, Object> dryRunRows(DryRunResult r) {
    Map<String, Object> out = new HashMap<>();
    out.put("days", r.days());
    out.put("examined", r.examined());
    out.put("matched", r.matched());
    List<Map<String, Object>> matches = new ArrayList<>();
    for (DryRunResult.Match m : r.matches()) {
      Map<String, Object> row = new HashMap<>();
      row.put("author", m.author());
      row.put("object", Links.httpUrl(m.object()));
      row.put("was", m.was());
      row.put("reason", m.reason());
      row.put("excerpt", m.excerpt());
      matches.add(row);
    }
    out.put("matches", matches);
    return out;
  }
}
