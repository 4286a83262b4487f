package social.hearth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.Community;
import social.hearth.core.moderation.FilterRule;

/**
 * Both languages are complete: the bundles have exactly the same keys, every key a template or the web code uses
 * exists, plural keys have every form, and templates never switch escaping off.
 */
class MessagesTest {

  static final Path TEMPLATES = Path.of("../web-ui/src/main/resources/web/templates");
  static final Path WEB_CODE = Path.of("src/main/java/social/hearth/web");
  static final I18n I18N = new I18n();

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void bothBundlesHaveExactlyTheSameKeysAndNoEmptyMessage() {
    Set<String> en = I18N.keys("en");
    Set<String> ru = I18N.keys("ru");
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(ru);
    Set<String> onlyRu = new TreeSet<>(ru);
    onlyRu.removeAll(en);
    assertEquals(Set.of(), onlyEn, "missing in Russian");
    assertEquals(Set.of(), onlyRu, "missing in English");
    for (String lang : I18n.LANGUAGES) {
      for (String key : I18N.keys(lang)) {
        assertFalse(I18N.t(lang, key).isBlank(), lang + " " + key + " is empty");
      }
    }
  }

  @Test
  void everyPluralHasAllItsForms() {
    for (String key : I18N.keys("en")) {
      if (key.endsWith(".one")) {
        String base = key.substring(0, key.length() - 4);
        for (String form : List.of("one", "few", "many", "other")) {
          assertTrue(I18N.has(base + "." + form), base + "." + form);
        }
      }
    }
    assertEquals("1 участник", I18N.tn("ru", "community.members", 1));
    assertEquals("3 участника", I18N.tn("ru", "community.members", 3));
    assertEquals("11 участников", I18N.tn("ru", "community.members", 11));
    assertEquals("21 участник", I18N.tn("ru", "community.members", 21));
    assertEquals("1 member", I18N.tn("en", "community.members", 1));
    assertEquals("2 members", I18N.tn("en", "community.members", 2));
  }

  /** Literal keys in t('…') and tn('…'), and the prefixes of computed ones (t('policy.join.' ~ x)). */
  static final Pattern LITERAL = Pattern.compile("\\btn?\\('([a-z0-9_.]+)'\\s*[,)]");
  static final Pattern PREFIX = Pattern.compile("\\btn?\\('([a-z0-9_.]+\\.)'\\s*~");

  @Test
  void templatesUseOnlyExistingKeys() throws IOException {
    List<String> missing = new ArrayList<>();
    Set<String> prefixes = new TreeSet<>();
    for (Path p : files(TEMPLATES, ".peb")) {
      String text = read(p);
      Matcher m = LITERAL.matcher(text);
      while (m.find()) {
        String key = m.group(1);
        boolean plural = text.startsWith("tn(", m.start());
        if (plural ? !I18N.has(key + ".one") : !I18N.has(key)) {
          missing.add(p.getFileName() + ": " + key);
        }
      }
      Matcher pm = PREFIX.matcher(text);
      while (pm.find()) {
        prefixes.add(pm.group(1));
      }
      assertFalse(text.contains("| raw") || text.contains("|raw") || text.contains("autoescape false"),
          p + " switches escaping off");
      assertFalse(Pattern.compile("<script>|\\sstyle=\"|\\son[a-z]+=\"").matcher(text).find(), p + " has inline script, style or handlers");
    }
    assertEquals(List.of(), missing);
    // every computed key: each value the code can put after these prefixes has a message
    Set<String> computed = new TreeSet<>();
    for (Community.JoinPolicy p : Community.JoinPolicy.values()) {
      String v = p.name().toLowerCase(Locale.ROOT);
      computed.add("policy.join." + v);
      computed.add("join.policy." + v);
    }
    for (Community.PostingPolicy p : Community.PostingPolicy.values()) {
      computed.add("policy.posting." + p.name().toLowerCase(Locale.ROOT));
    }
    for (String lang : I18n.LANGUAGES) {
      computed.add("language." + lang);
    }
    for (String role : List.of("owner", "moderator", "member", "instance_admin")) {
      computed.add("role." + role);
    }
    for (String tab : List.of("overview", "members", "invites", "queue", "reports", "audit", "settings", "filters")) {
      computed.add("staff.tab." + tab);
    }
    for (String state : List.of("pending", "accepted", "banned")) {
      computed.add("members." + state);
      computed.add("members.none." + state);
    }
    for (String kind : List.of("avatar", "banner")) {
      computed.add("settings." + kind);
    }
    for (String kind : FilterRule.KINDS) {
      computed.add("filter.kind." + kind);
      computed.add("filter.help." + kind);
      computed.add("filters.number." + kind);
    }
    for (String s : List.of("held", "approved", "declined", "rejected", "accepted")) {
      computed.add("queue.state." + s);
    }
    for (String s : List.of("held", "approved", "declined", "rejected")) {
      computed.add("queue.none." + s);
    }
    for (String k : List.of("post", "update", "like")) {
      computed.add("queue.kind." + k);
    }
    // recognition (issue 18): the ledger's kinds, the reasons of reversals, the board's periods, its tab
    for (String k : List.of("post", "reply", "like", "newcomer_answer", "event", "vote", "staff", "reversal")) {
      computed.add("recognition.kind." + k);
    }
    for (String r : List.of("post_removed", "like_withdrawn", "event_left", "member_banned", "member_removed")) {
      computed.add("recognition.reason." + r);
    }
    for (String p : List.of("week", "month", "all")) {
      computed.add("recognition.period." + p);
    }
    computed.add("staff.tab.recognition");
    for (int level = 1; level <= social.hearth.core.recognition.Recognition.LEVELS.size(); level++) {
      computed.add("recognition.level." + level);
    }
    for (String a : List.of("hold", "reject")) {
      computed.add("filter.action." + a);
    }
    for (String s : List.of("open", "resolved", "dismissed")) {
      computed.add("reports.state." + s);
      computed.add("reports.none." + s);
    }
    for (String s : List.of("flag", "message")) {
      computed.add("reports.source." + s);
    }
    for (String a : List.of("dismiss", "remove_post", "remove_member", "ban_member")) {
      computed.add("reports.action." + a);
    }
    for (String p : List.of("block", "limit", "allow")) {
      computed.add("domains.policy." + p);
    }
    for (Community.QuotePolicy p : Community.QuotePolicy.values()) {
      computed.add("policy.quote." + p.name().toLowerCase(Locale.ROOT));
    }
    for (var item : DashboardPages.checklist("x", new social.hearth.core.port.StaffPageQueries.Setup(true, true, true,
        true, 3, 1, true))) {
      computed.add("setup." + item.get("key"));
    }
    for (String problem : List.of("slug.required", "slug.too_long", "slug.format", "slug.reserved", "slug.taken",
        "slug.deleted", "slug.staff", "name.required", "name.too_long", "summary.too_long", "owner.unknown")) {
      computed.add("error.community." + problem);
    }
    for (String field : InstancePages.PROFILE_FIELDS) {
      computed.add("error.instance." + field);
    }
    for (String reason : FederationPages.REASONS.keySet()) {
      computed.add("federation.reason." + reason);
    }
    computed.add("federation.reason.signature");
    for (var state : social.hearth.core.port.FederationHealthQueries.State.values()) {
      computed.add("federation.state." + state.name().toLowerCase(Locale.ROOT));
    }
    for (var sort : social.hearth.core.port.FederationHealthQueries.Sort.values()) {
      computed.add("federation.sort." + sort.name().toLowerCase(Locale.ROOT));
    }
    for (String kind : AuditPages.KINDS) {
      computed.add("audit.kind." + kind);
    }
    for (social.hearth.core.domain.Event.JoinMode mode : social.hearth.core.domain.Event.JoinMode.values()) {
      computed.add("event.mode." + mode.name().toLowerCase(Locale.ROOT)); // events (issue 16)
    }
    for (String via : List.of("join", "reply")) {
      computed.add("event.via." + via);
    }
    for (int day = 1; day <= 7; day++) {
      computed.add("events.weekday." + day);
    }
    for (var v : social.hearth.core.domain.Community.Visibility.values()) {
      computed.add("policy.visibility." + v.name().toLowerCase(Locale.ROOT)); // private communities (issue 17)
    }
    for (String v : List.of("public", "members")) {
      computed.add("compose.visibility." + v);
    }
    for (social.hearth.core.domain.BoardIdea.Status status : social.hearth.core.domain.BoardIdea.Status.values()) {
      computed.add("board.status." + status.wire()); // the feedback board (issue 19)
    }
    for (String frequency : List.of("daily", "weekly")) {
      computed.add("digest.frequency." + frequency); // the digest (issue 19)
    }
    for (String fact : social.hearth.core.recognition.Achievements.FACTS) {
      computed.add("achievements.fact." + fact); // levels and achievements (issue 18)
    }
    for (String mode : social.hearth.core.recognition.Achievements.MODES) {
      computed.add("levels.announce." + mode);
    }
    for (String key : computed) {
      assertTrue(I18N.has(key), key);
    }
    for (String prefix : prefixes) {
      assertTrue(computed.stream().anyMatch(k -> k.startsWith(prefix)) || prefix.equals("error.") || prefix.equals("members."),
          "computed keys with the prefix " + prefix + " are not checked by this test");
    }
  }

  /** Keys the web code names: notices, errors, and the error pages' messages. */
  @Test
  void theWebCodeUsesOnlyExistingKeys() throws IOException {
    Pattern keyLiteral = Pattern.compile("\"((?:error|notice|join|home|community|post|topic|feed|invite|login|password|"
        + "dashboard|admin|filter)\\.[a-z0-9_.]+)\"");
    Pattern notice = Pattern.compile("\\.map\\(\"([a-z_]+)\"\\)|succeededFuture\\(\"([a-z_]+)\"\\)|\\? \"([a-z]+_[a-z_]+)\" : \"([a-z]+_[a-z_]+)\"");
    List<String> missing = new ArrayList<>();
    for (Path p : files(WEB_CODE, ".java")) {
      String text = read(p);
      Matcher m = keyLiteral.matcher(text);
      while (m.find()) {
        String key = m.group(1);
        if (!key.endsWith(".") && !I18N.has(key) && !I18N.has(key + ".one")) {
          missing.add(p.getFileName() + ": " + key);
        }
      }
      Matcher n = notice.matcher(text);
      while (n.find()) {
        for (int g = 1; g <= n.groupCount(); g++) {
          if (n.group(g) != null && !I18N.has("notice." + n.group(g))) {
            missing.add(p.getFileName() + ": notice." + n.group(g));
          }
        }
      }
    }
    for (String result : List.of("wrong", "weak", "mismatch", "limited")) {
      if (!I18N.has("error.password." + result)) {
        missing.add("error.password." + result);
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void noUserFacingTextIsWrittenIntoTemplatesOutsideTheBundles() throws IOException {
    // text between tags must come from t(…) or data: a letter run outside {{ }} and {% %} is hard-coded text
    Pattern tagText = Pattern.compile(">([^<{]*\\p{L}{3,}[^<{]*)<");
    List<String> found = new ArrayList<>();
    for (Path p : files(TEMPLATES, ".peb")) {
      if (p.getFileName().toString().equals("atom.peb")) {
        continue; // XML element content, no prose
      }
      String text = read(p).replaceAll("(?s)\\{#.*?#}", "").replaceAll("(?s)\\{%.*?%}", "").replaceAll("(?s)\\{\\{.*?}}", "");
      Matcher m = tagText.matcher(text);
      while (m.find()) {
        found.add(p.getFileName() + ": " + m.group(1).strip());
      }
    }
    assertEquals(List.of(), found);
  }
}
