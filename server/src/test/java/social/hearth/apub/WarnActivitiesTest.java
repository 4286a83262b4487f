package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which Lemmy versions get a Warn: 1.0 and later, as NodeInfo writes them; 0.19 and anything unreadable do not. */
class WarnActivitiesTest {

  @Test
  void lemmyOneAndLaterUnderstandWarnAndZeroNineteenDoesNot() {
    for (String v : new String[] {"1.0.0", "1.0.0-beta.1", "1.2.3", "2.0.0-rc.1", "1"}) {
      assertTrue(WarnActivities.atLeastOne(v), v);
    }
    for (String v : new String[] {"0.19.12", "0.19.4-rc.6", "", "unknown", "10x", "v1.0.0"}) {
      assertFalse(WarnActivities.atLeastOne(v), v);
    }
    assertFalse(WarnActivities.atLeastOne(null));
  }
}
