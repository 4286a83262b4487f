package social.hearth.core.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;

/** Each filter kind, what it catches and what it lets through, and the regex safety checks. */
class FilterRuleTest {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final Community C = new Community(1, "c", "C", "", "", null, true, false, Community.JoinPolicy.OPEN,
      Community.PostingPolicy.MEMBERS, true, null, "", 7, 7, null);
  static final AuthorFacts VETERAN = new AuthorFacts(NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(300)), 40,
      NOW.minus(Duration.ofDays(2)), false);

  static Submission post(String text) {
    return new Submission(Submission.Kind.POST, "https://x.example/u/a", "x.example", text, null, false, List.of(), List.of(),
        0, 0, false);
  }

  static FilterRule rule(String kind, String config, String action) {
    try {
      JsonNode json = JsonLimits.MAPPER.readTree(config);
      return FilterRule.compile(9, kind, json, action);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Optional<Reason> check(FilterRule r, Submission s, AuthorFacts f) {
    return r.check(s, f, C, NOW);
  }

  @Test
  void keywordsMatchWholeWordsInAnyCase() {
    FilterRule r = rule("keywords", "{\"words\":[\"casino\",\"free money\"]}", "hold");
    assertEquals("keywords", check(r, post("Big CASINO night"), VETERAN).orElseThrow().code());
    assertTrue(check(r, post("get FREE money now"), VETERAN).isPresent());
    assertFalse(check(r, post("casinos are not the word"), VETERAN).isPresent(), "whole words only");
    Submission warned = new Submission(Submission.Kind.POST, "a", "h", "fine", "casino inside", false, List.of(), List.of(), 0, 0, false);
    assertTrue(check(r, warned, VETERAN).isPresent(), "the content warning counts");
  }

  @Test
  void linkRulesCountLinksAndCheckDomainsWithSubdomains() {
    FilterRule max = rule("links", "{\"max\":1}", "hold");
    Submission two = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of("a.example", "b.example"), 0, 0, false);
    assertTrue(check(max, two, VETERAN).orElseThrow().message().contains("2 links"));
    FilterRule deny = rule("links", "{\"deny\":[\"Spam.Example.\"]}", "reject");
    Submission sub = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of("www.spam.example"), 0, 0, false);
    assertEquals("reject", check(deny, sub, VETERAN).orElseThrow().action());
    FilterRule allow = rule("links", "{\"allow\":[\"docs.example\"]}", "hold");
    assertTrue(check(allow, sub, VETERAN).isPresent());
    assertFalse(check(allow, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of("docs.example"), 0, 0, false),
        VETERAN).isPresent());
  }

  @Test
  void mentionSpamIsCaught() {
    FilterRule r = rule("mentions", "{\"max\":3}", "hold");
    assertTrue(check(r, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 4, 0, false), VETERAN).isPresent());
    assertFalse(check(r, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 3, 0, false), VETERAN).isPresent());
  }

  @Test
  void youngAccountsAreCaughtAlsoWhenTheyLike() {
    FilterRule r = rule("account_age", "{\"minDays\":30}", "hold");
    AuthorFacts young = new AuthorFacts(NOW.minus(Duration.ofDays(3)), null, 0, null, false);
    assertTrue(check(r, post("hi"), young).isPresent());
    assertTrue(check(r, Submission.like("a", "h"), young).isPresent());
    assertFalse(check(r, post("hi"), VETERAN).isPresent());
    assertFalse(check(r, post("hi"), new AuthorFacts(null, null, 0, null, false)).isPresent(), "unknown age is not young");
  }

  @Test
  void probationHoldsFirstPostsAndPostsDuringTheNewcomerPeriod() {
    FilterRule r = rule("probation", "{\"firstPosts\":2,\"newcomerPeriod\":true}", "hold");
    assertTrue(check(r, post("hello"), new AuthorFacts(null, NOW.minus(Duration.ofDays(100)), 1, null, false)).isPresent());
    assertTrue(check(r, post("hello"), new AuthorFacts(null, NOW.minus(Duration.ofDays(2)), 5, null, false)).isPresent());
    assertFalse(check(r, post("hello"), VETERAN).isPresent());
  }

  @Test
  void slowModeAllowsOnePostPerInterval() {
    FilterRule r = rule("slow_mode", "{\"minutes\":5}", "reject");
    assertTrue(check(r, post("again"), new AuthorFacts(null, null, 9, NOW.minus(Duration.ofMinutes(2)), false)).isPresent());
    assertFalse(check(r, post("again"), new AuthorFacts(null, null, 9, NOW.minus(Duration.ofMinutes(6)), false)).isPresent());
  }

  @Test
  void topicsRequireOneOfTheCommunitysHashtagsOnNewThreads() {
    FilterRule r = rule("topics", "{\"hashtags\":[\"#Intro\",\"weekly\"]}", "hold");
    Submission none = post("no tags");
    Submission tagged = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of("intro"), List.of(), 0, 0, false);
    Submission reply = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 0, 0, true);
    assertTrue(check(r, none, VETERAN).isPresent());
    assertFalse(check(r, tagged, VETERAN).isPresent());
    assertFalse(check(r, reply, VETERAN).isPresent(), "replies need no topic");
  }

  @Test
  void sensitiveWordsNeedAContentWarning() {
    FilterRule r = rule("sensitive_words", "{\"words\":[\"spoiler\"]}", "hold");
    assertTrue(check(r, post("huge spoiler ahead"), VETERAN).isPresent());
    assertFalse(check(r, new Submission(Submission.Kind.POST, "a", "h", "huge spoiler", "CW: ending", false, List.of(), List.of(), 0, 0, false),
        VETERAN).isPresent());
  }

  @Test
  void attachmentsCanBeRefused() {
    FilterRule r = rule("attachments", "{\"allowed\":false}", "reject");
    assertTrue(check(r, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 0, 2, false), VETERAN).isPresent());
    assertFalse(check(r, post("text"), VETERAN).isPresent());
  }

  @Test
  void aRejectWinsOverAHoldAndEveryReasonIsKept() {
    Verdict v = FilterChain.evaluate(post("casino casino"), new AuthorFacts(null, null, 0, null, true), C,
        List.of(rule("keywords", "{\"words\":[\"casino\"]}", "reject"), rule("probation", "{\"firstPosts\":1}", "hold")), NOW);
    assertEquals(Verdict.Decision.REJECT, v.decision());
    assertEquals(List.of("domain_limited", "keywords", "probation"), v.reasons().stream().map(Reason::code).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a+)+$", "(a|aa)*b", "(.*)*x", "((ab)*)+", "(\\w+\\s?)*$", "(a)\\1", "(?<x>a)\\k<x>"})
  void regexesThatCanBacktrackCatastrophicallyAreRefusedWhenSaved(String pattern) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterRule.compile(1, "regex", JsonLimits.MAPPER.createObjectNode().put("pattern", pattern), "hold"));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void aPatternThatIsSlowAnywayIsStoppedAndTheItemHeldForAPerson() {
    FilterRule r = rule("regex", "{\"pattern\":\"a*a*a*a*a*a*a*c\"}", "reject");
    Optional<Reason> reason = check(r, post("a".repeat(5000)), VETERAN);
    assertTrue(reason.orElseThrow().message().contains("took too long"));
  }

  @Test
  void badConfigurationsAreExplained() {
    assertThrows(IllegalArgumentException.class, () -> rule("keywords", "{}", "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("links", "{\"max\":-1}", "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("nonsense", "{}", "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("mentions", "{}", "delete"));
    assertThrows(IllegalArgumentException.class, () -> rule("links", "{\"deny\":[\"not a domain!\"]}", "hold"));
  }

  @Test
  void domainNamesAreComparedAfterNormalisation() {
    assertEquals("example.org", DomainNames.normalize("Example.ORG."));
    assertEquals("xn--bcher-kva.example", DomainNames.normalize("BÜCHER.example"));
    assertEquals("example.org", DomainNames.normalize("*.example.org"));
    assertEquals("social.example.org", DomainNames.hostOf("https://Social.Example.org:8443/users/a"));
    assertTrue(DomainNames.within("a.b.example.org", "example.org"));
    assertFalse(DomainNames.within("badexample.org", "example.org"));
  }
}
