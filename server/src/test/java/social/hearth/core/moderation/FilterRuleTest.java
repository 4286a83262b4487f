package social.hearth.core.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.FilterConfig;

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

  static final FilterConfig E = FilterConfig.EMPTY;

  static FilterRule rule(String kind, FilterConfig config, String action) {
    return FilterRule.compile(9, kind, config, action);
  }

  static Optional<Reason> check(FilterRule r, Submission s, AuthorFacts f) {
    return r.check(s, f, C, NOW);
  }

  @Test
  void keywordsMatchWholeWordsInAnyCase() {
    FilterRule r = rule("keywords", E.withWords(List.of("casino", "free money")), "hold");
    assertEquals("keywords", check(r, post("Big CASINO night"), VETERAN).orElseThrow().code());
    assertTrue(check(r, post("get FREE money now"), VETERAN).isPresent());
    assertFalse(check(r, post("casinos are not the word"), VETERAN).isPresent(), "whole words only");
    Submission warned = new Submission(Submission.Kind.POST, "a", "h", "fine", "casino inside", false, List.of(), List.of(), 0, 0, false);
    assertTrue(check(r, warned, VETERAN).isPresent(), "the content warning counts");
  }

  @Test
  void linkRulesCountLinksAndCheckDomainsWithSubdomains() {
    FilterRule max = rule("links", E.withMax(1), "hold");
    Submission two = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of("a.example", "b.example"), 0, 0, false);
    assertTrue(check(max, two, VETERAN).orElseThrow().message().contains("2 links"));
    FilterRule deny = rule("links", E.withDeny(List.of("Spam.Example.")), "reject");
    Submission sub = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of("www.spam.example"), 0, 0, false);
    assertEquals("reject", check(deny, sub, VETERAN).orElseThrow().action());
    FilterRule allow = rule("links", E.withAllow(List.of("docs.example")), "hold");
    assertTrue(check(allow, sub, VETERAN).isPresent());
    assertFalse(check(allow, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of("docs.example"), 0, 0, false),
        VETERAN).isPresent());
  }

  @Test
  void mentionSpamIsCaught() {
    FilterRule r = rule("mentions", E.withMax(3), "hold");
    assertTrue(check(r, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 4, 0, false), VETERAN).isPresent());
    assertFalse(check(r, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 3, 0, false), VETERAN).isPresent());
  }

  @Test
  void youngAccountsAreCaughtAlsoWhenTheyLike() {
    FilterRule r = rule("account_age", E.withMinDays(30), "hold");
    AuthorFacts young = new AuthorFacts(NOW.minus(Duration.ofDays(3)), null, 0, null, false);
    assertTrue(check(r, post("hi"), young).isPresent());
    assertTrue(check(r, Submission.like("a", "h"), young).isPresent());
    assertFalse(check(r, post("hi"), VETERAN).isPresent());
    assertFalse(check(r, post("hi"), new AuthorFacts(null, null, 0, null, false)).isPresent(), "unknown age is not young");
  }

  @Test
  void probationHoldsFirstPostsAndPostsDuringTheNewcomerPeriod() {
    FilterRule r = rule("probation", E.withFirstPosts(2).withNewcomerPeriod(true), "hold");
    assertTrue(check(r, post("hello"), new AuthorFacts(null, NOW.minus(Duration.ofDays(100)), 1, null, false)).isPresent());
    assertTrue(check(r, post("hello"), new AuthorFacts(null, NOW.minus(Duration.ofDays(2)), 5, null, false)).isPresent());
    assertFalse(check(r, post("hello"), VETERAN).isPresent());
  }

  @Test
  void slowModeAllowsOnePostPerInterval() {
    FilterRule r = rule("slow_mode", E.withMinutes(5), "reject");
    assertTrue(check(r, post("again"), new AuthorFacts(null, null, 9, NOW.minus(Duration.ofMinutes(2)), false)).isPresent());
    assertFalse(check(r, post("again"), new AuthorFacts(null, null, 9, NOW.minus(Duration.ofMinutes(6)), false)).isPresent());
  }

  @Test
  void topicsRequireOneOfTheCommunitysHashtagsOnNewThreads() {
    FilterRule r = rule("topics", E.withHashtags(List.of("#Intro", "weekly")), "hold");
    Submission none = post("no tags");
    Submission tagged = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of("intro"), List.of(), 0, 0, false);
    Submission reply = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 0, 0, true);
    assertTrue(check(r, none, VETERAN).isPresent());
    assertFalse(check(r, tagged, VETERAN).isPresent());
    assertFalse(check(r, reply, VETERAN).isPresent(), "replies need no topic");
  }

  @Test
  void sensitiveWordsNeedAContentWarning() {
    FilterRule r = rule("sensitive_words", E.withWords(List.of("spoiler")), "hold");
    assertTrue(check(r, post("huge spoiler ahead"), VETERAN).isPresent());
    assertFalse(check(r, new Submission(Submission.Kind.POST, "a", "h", "huge spoiler", "CW: ending", false, List.of(), List.of(), 0, 0, false),
        VETERAN).isPresent());
  }

  @Test
  void attachmentsCanBeRefused() {
    FilterRule r = rule("attachments", E.withAllowed(false), "reject");
    assertTrue(check(r, new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(), 0, 2, false), VETERAN).isPresent());
    assertFalse(check(r, post("text"), VETERAN).isPresent());
  }

  @Test
  void aRejectWinsOverAHoldAndEveryReasonIsKept() {
    Verdict v = FilterChain.evaluate(post("casino casino"), new AuthorFacts(null, null, 0, null, true), C,
        List.of(rule("keywords", E.withWords(List.of("casino")), "reject"), rule("probation", E.withFirstPosts(1), "hold")), NOW);
    assertEquals(Verdict.Decision.REJECT, v.decision());
    assertEquals(List.of("domain_limited", "keywords", "probation"), v.reasons().stream().map(Reason::code).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a+)+$", "(a|aa)*b", "(.*)*x", "((ab)*)+", "(\\w+\\s?)*$"})
  void patternsThatBacktrackCatastrophicallyElsewhereRunInLinearTime(String pattern) {
    FilterRule r = rule("regex", E.withPattern(pattern), "hold");
    Submission hostile = post("a".repeat(20_000) + "!");
    for (int i = 0; i < 3; i++) {
      check(r, hostile, VETERAN); // warm up the JIT: the time budget is about hostile text, not a cold start
    }
    // within the chain's budget of processor time (a busy machine does not count against it): a real answer
    Optional<Reason> reason = check(r, hostile, VETERAN);
    reason.ifPresent(x -> assertEquals("regex", x.key(), "a real answer, not a timeout: " + x.message()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1|back-references", "(?<x>a)\\k<x>|back-references", "(?=a)b|lookahead",
      "(?!a)b|lookahead", "(?<=a)b|lookahead", "(?<!a)b|lookahead", "a++|possessive", "(?>ab)|atomic",
      "(?x) a # c|not a valid regular expression", "[a-|not a valid regular expression"})
  void constructsTheLinearEngineCannotRunAreRefusedWhenSavedWithTheReason(String spec) {
    String pattern = spec.substring(0, spec.lastIndexOf('|'));
    String says = spec.substring(spec.lastIndexOf('|') + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rule("regex", E.withPattern(pattern), "hold"));
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void patternsAreLimitedInLengthAndMatchInAnyCase() {
    assertThrows(IllegalArgumentException.class, () -> rule("regex", E.withPattern("a".repeat(201)), "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("regex", E.withPattern(" "), "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("regex", E, "hold"));
    FilterRule r = rule("regex", E.withPattern("\\bcasino\\b"), "reject");
    assertEquals("reject", check(r, post("Big CASINO night"), VETERAN).orElseThrow().action());
    assertFalse(check(r, post("casinos"), VETERAN).isPresent());
  }

  /** Every word occurs in the text, never as a whole word: each pattern reads the whole post, 500 times over. */
  static String slowForEveryWord(List<String> words, int length) {
    String unit = "a" + String.join("", words);
    return unit.repeat(length / unit.length() + 1);
  }

  static List<String> manyWords() {
    List<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < FilterRule.MAX_WORDS; i++) {
      words.add("zq" + i + "y");
    }
    return words;
  }

  @Test
  void aFilterThatRunsOutOfTimeHoldsThePostForAPersonWhateverItsAction() {
    FilterRule r = rule("keywords", E.withWords(manyWords()), "reject");
    long start = System.nanoTime();
    Reason reason = check(r, post(slowForEveryWord(manyWords(), 800_000)), VETERAN).orElseThrow();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("hold", reason.action(), "held for a person, not rejected");
    assertEquals("undecided", reason.key());
    assertTrue(reason.message().startsWith("the filters could not decide: filter #9 (keywords) ran out of time"),
        reason.message());
    assertTrue(millis < FilterChain.TIME_BUDGET.toMillis() + 1000, "stopped at the budget: " + millis + " ms");
  }

  @Test
  void wordsAreFoundInAnyCaseAlsoBeyondAsciiAndTheirPlainSearchMissesNothing() {
    FilterRule r = rule("keywords", E.withWords(List.of("straße", "ΣΟΦΙΑ", "ǅemal", "\uD801\uDC00x")), "hold");
    assertEquals("STRAßE", check(r, post("die STRAßE"), VETERAN).orElseThrow().args().get("word"));
    assertTrue(check(r, post("σοφια"), VETERAN).isPresent());
    assertTrue(check(r, post("ǆemal"), VETERAN).isPresent(), "title case folds like the pattern folds it");
    assertTrue(check(r, post("\uD801\uDC28X"), VETERAN).isPresent(), "outside the BMP the pattern decides alone");
    assertFalse(check(r, post("strasse"), VETERAN).isPresent());
    String plain = "a quiet post about bread ".repeat(2000);
    FilterRule many = rule("keywords", E.withWords(manyWords()), "hold");
    assertFalse(check(many, post(plain), VETERAN).isPresent());
  }

  @Test
  void aFilterThatThrowsAnythingHoldsThePostWithTheReason() {
    FilterRule overflow = new FilterRule(4, "regex", "reject", E, (s, f, c, now, deadline) -> {
      throw new StackOverflowError();
    });
    FilterRule bug = new FilterRule(5, "keywords", "reject", E, (s, f, c, now, deadline) -> {
      throw new IllegalStateException("a bug");
    });
    Verdict v = FilterChain.evaluate(post("hello"), VETERAN, C, List.of(overflow, bug), NOW);
    assertEquals(Verdict.Decision.HOLD, v.decision());
    assertEquals(2, v.reasons().size());
    assertTrue(v.reasons().get(0).message().startsWith("the filters could not decide: filter #4 (regex) failed on this "
        + "post (StackOverflowError)"), v.reasons().get(0).message());
    assertEquals(5L, v.reasons().get(1).filterId());
  }

  @Test
  void aStoredFilterThatNoLongerCompilesHoldsInsteadOfBeingSkipped() {
    FilterRule broken = FilterRule.broken(7, "regex", "reject", "lookahead is not allowed");
    Reason reason = check(broken, post("anything"), VETERAN).orElseThrow();
    assertEquals("hold", reason.action());
    assertTrue(reason.message().contains("filter #7 (regex) no longer compiles (lookahead is not allowed)"),
        reason.message());
    assertFalse(check(broken, Submission.like("a", "h"), VETERAN).isPresent(), "likes pass a regex filter as before");
  }

  @Test
  void linksStyledAsMentionsOrHashtagsAreDeniedByTheirRealHostButNotCountedAsLinks() {
    Submission tagged = new Submission(Submission.Kind.POST, "a", "h", "t", null, false, List.of(), List.of(),
        List.of("www.spam.example"), 0, 0, false);
    assertEquals("links.denied", check(rule("links", E.withDeny(List.of("spam.example")), "reject"), tagged, VETERAN)
        .orElseThrow().key());
    assertFalse(check(rule("links", E.withMax(0), "hold"), tagged, VETERAN).isPresent(), "a mention is not a link");
    assertFalse(check(rule("links", E.withAllow(List.of("docs.example")), "hold"), tagged, VETERAN).isPresent(),
        "a mentioned account's server need not be allowed");
  }

  @Test
  void theConfigurationIsStoredNormalisedWithOnlyTheFieldsOfItsKind() {
    assertEquals(E.withMax(5), rule("mentions", E, "hold").config(), "the default is stored");
    assertEquals(E, rule("links", E.withAllow(List.of()).withWords(List.of("x")), "hold").config());
    assertEquals(E.withDeny(List.of("xn--bcher-kva.example")),
        rule("links", E.withDeny(List.of("BÜCHER.example.")), "hold").config());
    assertEquals(E.withFirstPosts(3), rule("probation", E, "hold").config());
  }

  @Test
  void malformedFieldsAreRefusedWithTheUsualSentenceWhenTheirKindReadsThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rule("mentions", E.withMalformed(java.util.Set.of("max")), "hold"));
    assertEquals("max must be a whole number from 0 to 1000", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rule("keywords", E.withMalformed(java.util.Set.of("words")), "hold"));
    assertEquals("words must be a list of at most 500 strings", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rule("keywords", E.withWords(java.util.Arrays.asList("ok", null)), "hold"));
    assertEquals("words must contain strings of 1 to 100 characters", e.getMessage());
    assertEquals(E.withWords(List.of("ok")), rule("keywords", E.withWords(List.of("ok")).withMalformed(java.util.Set.of("max")),
        "hold").config(), "a field its kind does not read is ignored");
  }

  @Test
  void badConfigurationsAreExplained() {
    assertThrows(IllegalArgumentException.class, () -> rule("keywords", E, "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("links", E.withMax(-1), "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("nonsense", E, "hold"));
    assertThrows(IllegalArgumentException.class, () -> rule("mentions", E, "delete"));
    assertThrows(IllegalArgumentException.class, () -> rule("links", E.withDeny(List.of("not a domain!")), "hold"));
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
