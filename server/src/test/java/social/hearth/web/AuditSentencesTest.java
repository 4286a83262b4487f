package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.DomainPolicy;
import social.hearth.core.moderation.Reports;
import social.hearth.core.moderation.Verdict;

/**
 * The audit log reads as sentences for every action Hearth records (issue 15, item 3): each action code written
 * anywhere in the server's code (as a literal, an AuditLog constant, or a prefix with an enum's values) has its own
 * {@code audit.action.<code>} message in both languages, so no entry falls back to the generic "made a change".
 */
class AuditSentencesTest {

  static final Path CODE = Path.of("src/main/java/social/hearth");
  static final Pattern CALL = Pattern.compile("\\baudit(?:\\(\\))?\\s*\\.\\s*(record|after|ifDone)\\s*\\(");
  static final Pattern OWN_CALL = Pattern.compile("(?<![.\\w])(record|log)\\s*\\(");
  static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z_]*(?:\\.[a-z_]+)*\\.?)\"");
  static final Pattern CONSTANT = Pattern.compile("AuditLog\\.([A-Z_]+)");
  static final Pattern CODE_LITERAL = Pattern.compile("\"([a-z]+\\.[a-z_.]+)\"");

  /** Every action code the server's code records. */
  static Set<String> recordedCodes() throws Exception {
    Set<String> codes = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(CODE)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path p : files) {
      String src = Files.readString(p, StandardCharsets.UTF_8);
      String name = p.getFileName().toString();
      collect(src, CALL.matcher(src), codes);
      if (name.equals("AuditLog.java") || name.equals("StaffAccounts.java")) {
        collect(src, OWN_CALL.matcher(src), codes);
      }
      if (name.equals("AuditLog.java")) {
        Matcher m = CODE_LITERAL.matcher(src); // codes chosen before the call (rules, topics, filters)
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    }
    return codes;
  }

  private static void collect(String src, Matcher calls, Set<String> codes) throws Exception {
    while (calls.find()) {
      List<String> args = arguments(src, calls.end());
      String method = calls.group(1);
      int index = switch (method) {
        case "after", "ifDone" -> 3;
        case "log" -> 2;
        default -> args.size() == 8 ? 3 : 2;
      };
      if (args.size() <= index) {
        continue; // a declaration or another method of that name
      }
      String action = args.get(index);
      Matcher c = CONSTANT.matcher(action);
      while (c.find()) {
        codes.add((String) AuditLog.class.getField(c.group(1)).get(null));
      }
      Matcher l = LITERAL.matcher(action);
      while (l.find()) {
        String code = l.group(1);
        if (action.contains("\"" + code + "\" +")) {
          codes.addAll(expand(code));
        } else if (code.contains(".") || code.contains("_")) {
          codes.add(code);
        }
      }
    }
  }

  /** A prefix followed by a value: the values the code can take. */
  static List<String> expand(String prefix) throws IOException {
    List<String> values = switch (prefix) {
      case "auto." -> Arrays.stream(Verdict.Decision.values()).filter(d -> d != Verdict.Decision.ACCEPT).map(Enum::name).toList();
      case "domain." -> Arrays.stream(DomainPolicy.Policy.values()).map(Enum::name).toList();
      case "report." -> Arrays.stream(Reports.Action.values()).map(Enum::name).toList();
      case "member." -> memberEvents();
      default -> throw new AssertionError("an audit code made of \"" + prefix + "\" and a value: list its values here");
    };
    return values.stream().map(v -> prefix + v.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_')).toList();
  }

  /** The membership events a person causes (audited as member.<event>). */
  static List<String> memberEvents() throws IOException {
    String src = Files.readString(CODE.resolve("core/membership/Membership.java"), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("[^.]event\\(tx, c, [^,]+, \"([a-z -]+)\"").matcher(src);
    while (m.find()) {
      out.add(m.group(1));
    }
    Matcher admit = Pattern.compile("admit\\(tx, c, [^;]*?, byWhom, \"([a-z -]+)\"\\)").matcher(src);
    while (admit.find()) {
      out.add(admit.group(1));
    }
    return out;
  }

  /** The top-level arguments of a call whose "(" ends just before {@code from}. */
  static List<String> arguments(String src, int from) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    StringBuilder cur = new StringBuilder();
    for (int i = from; i < src.length(); i++) {
      char ch = src.charAt(i);
      if (inString) {
        cur.append(ch);
        if (ch == '\\') {
          cur.append(src.charAt(++i));
        } else if (ch == '"') {
          inString = false;
        }
        continue;
      }
      if (ch == '"') {
        inString = true;
      } else if (ch == '(' || ch == '{' || ch == '[') {
        depth++;
      } else if (ch == ')' || ch == '}' || ch == ']') {
        if (depth == 0) {
          if (!cur.toString().isBlank()) {
            args.add(cur.toString().strip());
          }
          return args;
        }
        depth--;
      } else if (ch == ',' && depth == 0) {
        args.add(cur.toString().strip());
        cur.setLength(0);
        continue;
      }
      cur.append(ch);
    }
    return args;
  }

  @Test
  void everyRecordedActionHasASentenceInBothLanguages() throws Exception {
    Set<String> codes = recordedCodes();
    for (String known : List.of("member.warn", "queue.overturn", "federation_retry", "event.create", "event.cancel",
        "poll.publish", "report.dismiss", "domain.block", "auto.hold", "member.approved", "staff.account.created",
        "rule.created", "invite.created")) {
      assertTrue(codes.contains(known), "the scan finds " + known + " among " + codes);
    }
    Set<String> missing = new TreeSet<>();
    for (String lang : I18n.LANGUAGES) {
      for (String code : codes) {
        if (!MessagesTest.I18N.has("audit.action." + code) || MessagesTest.I18N.t(lang, "audit.action." + code).isBlank()) {
          missing.add(lang + ": audit.action." + code);
        }
      }
    }
    assertEquals(Set.of(), missing, "actions recorded without a sentence");
  }
}
