package social.hearth.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.port.AuditStore;

/**
 * An audit entry as a sentence in the reader's language: one message per action ({@code audit.action.<action>},
 * e.g. {@code <b>{actor}</b> added rule #{n} "{title}"}) with named parameters, each escaped for HTML, or the
 * generic {@code audit.action.other} for an action with no message of its own. The messages come from the caller
 * (the web UI's bundles), as a lookup that answers null for a key it lacks.
 */
public final class AuditText {

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final int EXCERPT = 80;
  private static final Map<String, String> TRANSLATED = Map.of("role", "role.", "filterKind", "filter.kind.",
      "filterAction", "filter.action.", "image", "settings.");

  private AuditText() {}

  /** The sentence as HTML: the message's own tags kept, every parameter escaped. */
  public static String html(AuditStore.Named n, Function<String, String> messages) {
    Map<String, String> p = params(n, messages);
    return fill(pattern(n.entry(), p, messages), p, true);
  }

  /** The same sentence as plain text (no tags). */
  public static String plain(AuditStore.Named n, Function<String, String> messages) {
    Map<String, String> p = params(n, messages);
    return unescape(TAG.matcher(fill(pattern(n.entry(), p, messages), p, false)).replaceAll(""));
  }

  /** Who acted, as readers know them: a staff member's display name (else username), the API, or Hearth itself. */
  public static String actor(AuditStore.Named n, Function<String, String> messages) {
    String a = n.entry().actor() == null ? "" : n.entry().actor();
    if (a.startsWith("staff:")) {
      return n.actorName() != null ? n.actorName() : a.substring(6);
    }
    String known = messages.apply("audit.actor." + a);
    return known != null ? known : a;
  }

  /** The member concerned: "Display name (@user@host)", the handle, or null when the entry names no member. */
  public static String member(AuditStore.Named n) {
    if (n.memberId() == null) {
      return null;
    }
    String handle = n.memberHandle() != null ? n.memberHandle() : n.memberId();
    return n.memberName() != null && !n.memberName().isBlank() ? n.memberName().strip() + " (" + handle + ")" : handle;
  }

  /** The action's own message, else the generic one (with what it concerns, when the entry names anything). */
  private static String pattern(AuditEntry e, Map<String, String> params, Function<String, String> messages) {
    String p = messages.apply("audit.action." + e.action());
    if (p == null) {
      p = messages.apply(params.get("about").isEmpty() ? "audit.action.other.none" : "audit.action.other");
    }
    return p == null ? "{actor}: {action} {about}" : p;
  }

  /** A target as a reader can take it in: an address without its scheme, anything else as it is. */
  static String readable(String target) {
    if (target == null) {
      return "";
    }
    return target.replaceFirst("^https?://", "");
  }

  static Map<String, String> params(AuditStore.Named n, Function<String, String> messages) {
    AuditEntry e = n.entry();
    Map<String, String> p = new LinkedHashMap<>();
    if (e.detail() != null) {
      e.detail().forEach((k, v) -> p.put(k, v == null ? "" : String.valueOf(v)));
    }
    p.put("actor", actor(n, messages));
    String community = n.communityName() != null ? n.communityName() : e.community();
    if (community == null && e.action() != null && e.action().startsWith("community.")) {
      community = e.target();
    }
    p.put("community", community == null ? "" : community);
    String member = member(n);
    p.put("member", member != null ? member : readable(e.target()));
    String post = n.postExcerpt();
    if (post != null && !post.isBlank()) {
      String s = post.strip().replaceAll("\\s+", " ");
      p.put("post", "“" + (s.length() > EXCERPT ? s.substring(0, EXCERPT - 1) + "…" : s) + "”");
    } else {
      String word = messages.apply("audit.post");
      p.put("post", word == null ? "a post" : word);
    }
    p.put("target", readable(e.target()));
    p.put("about", member != null ? member : n.postExcerpt() != null && !n.postExcerpt().isBlank() ? p.get("post")
        : readable(e.target()));
    p.put("action", e.action() == null ? "" : e.action());
    p.put("reason", e.reason() == null ? "" : e.reason());
    if (p.containsKey("fields")) {
      List<String> names = new ArrayList<>();
      for (String f : p.get("fields").split(",")) {
        String label = messages.apply("audit.field." + f);
        names.add(label == null ? f : label);
      }
      p.put("fields", String.join(", ", names));
    }
    // codes in the details said in words: the web UI's own names for roles, filter kinds and actions, images
    TRANSLATED.forEach((param, prefix) -> {
      if (p.containsKey(param)) {
        String label = messages.apply(prefix + p.get(param));
        if (label != null) {
          p.put(param, label);
        }
      }
    });
    return p;
  }

  static String fill(String pattern, Map<String, String> params, boolean html) {
    Matcher m = PARAM.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = params.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(value) : escapeForPlain(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  // plain text: a parameter's own angle brackets must survive the removal of the message's tags
  private static String escapeForPlain(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}
