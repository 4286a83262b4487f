package social.hearth.core.moderation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The privileges of a level (issue 18): a member whose level skips newcomer probation is not held by it, one whose
 * level skips slow mode may post again at once; a member without them is held as before.
 */
class LevelPrivilegesTest {

  static final AuthorFacts NEWCOMER = new AuthorFacts(null, FilterRuleTest.NOW.minus(Duration.ofDays(1)), 0,
      FilterRuleTest.NOW.minus(Duration.ofMinutes(1)), false);

  @Test
  void aNewcomerWhoseLevelSkipsProbationIsNotHeldByIt() {
    FilterRule r = FilterRuleTest.rule("probation", FilterRuleTest.E.withFirstPosts(3).withNewcomerPeriod(true), "hold");
    assertTrue(FilterRuleTest.check(r, FilterRuleTest.post("hello"), NEWCOMER).isPresent(), "held as before");
    assertFalse(FilterRuleTest.check(r, FilterRuleTest.post("hello"), NEWCOMER.privileges(true, false)).isPresent());
    assertTrue(FilterRuleTest.check(r, FilterRuleTest.post("hello"), NEWCOMER.privileges(false, true)).isPresent(),
        "skipping slow mode does not skip probation");
  }

  @Test
  void aMemberWhoseLevelSkipsSlowModePostsAgainAtOnce() {
    FilterRule r = FilterRuleTest.rule("slow_mode", FilterRuleTest.E.withMinutes(5), "reject");
    assertTrue(FilterRuleTest.check(r, FilterRuleTest.post("again"), NEWCOMER).isPresent(), "refused as before");
    assertFalse(FilterRuleTest.check(r, FilterRuleTest.post("again"), NEWCOMER.privileges(false, true)).isPresent());
    assertTrue(FilterRuleTest.check(r, FilterRuleTest.post("again"), NEWCOMER.privileges(true, false)).isPresent(),
        "skipping probation does not skip slow mode");
  }
}
