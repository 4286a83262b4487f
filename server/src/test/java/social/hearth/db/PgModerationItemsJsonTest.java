package social.hearth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.Reason;

/** The stored JSON forms of a decision's reasons and facts read back as they were written. */
class PgModerationItemsJsonTest {

  @Test
  void reasonsRoundTripWithoutTheirNullFields() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("word", "casino");
    args.put("n", "2");
    List<Reason> reasons = List.of(new Reason("keywords", "contains \"casino\"", 7L, "hold", "keywords", args),
        new Reason("domain_limited", "limited", null, "hold"));
    String json = PgModerationItems.reasonsJson(reasons);
    assertFalse(json.contains("filterId\":null"), json);
    assertEquals(reasons, PgModerationItems.reasons(json));
    assertEquals(List.of(), PgModerationItems.reasons("not json"));
  }

  @Test
  void factsRoundTripAndUnreadableFactsAreNone() {
    AuthorFacts facts = new AuthorFacts(Instant.parse("2024-01-02T03:04:05Z"), null, 3, Instant.parse("2024-05-06T07:08:09Z"), true);
    assertEquals(facts, PgModerationItems.facts(PgModerationItems.factsJson(facts)));
    assertNull(PgModerationItems.facts("{\"accountCreated\":\"yesterday\"}"));
  }
}
