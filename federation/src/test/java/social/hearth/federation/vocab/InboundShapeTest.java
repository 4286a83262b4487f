package social.hearth.federation.vocab;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundShapeTest {

  static JsonNode json(String s) throws Exception {
    return JsonLimits.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void privateAddresseesAreRemovedWhereverTheyAre() throws Exception {
    JsonNode a = json("{\"id\":\"https://g.example/a\",\"type\":\"Announce\",\"bto\":[\"https://s.example/1\"],"
        + "\"object\":{\"type\":\"Create\",\"bcc\":\"https://s.example/2\",\"as:bto\":\"https://s.example/3\","
        + "\"object\":{\"type\":\"Note\",\"https://www.w3.org/ns/activitystreams#bcc\":\"https://s.example/4\","
        + "\"bto\":[\"https://s.example/5\"],\"content\":\"bto\"}},\"items\":[{\"bcc\":\"https://s.example/6\"}]}");
    assertTrue(InboundShape.stripPrivateAddressees(a));
    assertFalse(a.toString().contains("s.example"), a.toString());
    assertTrue(a.toString().contains("\"content\":\"bto\""), "only properties are removed, not text");
    assertFalse(InboundShape.stripPrivateAddressees(a), "nothing left to remove");
  }

  @Test
  void datesMustBeRealAndWithinReason() throws Exception {
    for (String good : List.of("2024-05-01T10:00:00Z", "2022-08-01T11:06:49.568Z", "2021-10-26T10:28:35.595650Z",
        "2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00", "2024-05-01", "1970-01-01T00:00:00Z", "2200-12-31T23:59:59Z")) {
      assertDoesNotThrow(() -> InboundShape.check(json("{\"published\":\"" + good + "\"}")), good);
    }
    for (String bad : List.of("2024-13-01T00:00:00Z", "2024-01-01T25:61:00Z", "1969-12-31T23:59:59Z",
        "2201-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "SCRUBBED_DATE", "", "2024-02-30")) {
      assertThrows(InvalidActivityException.class, () -> InboundShape.check(json("{\"published\":\"" + bad + "\"}")), bad);
      assertThrows(InvalidActivityException.class,
          () -> InboundShape.check(json("{\"object\":{\"id\":\"https://a.example/n\",\"updated\":\"" + bad + "\"}}")), bad);
    }
  }

  @Test
  void linksMustBeHttpIris() throws Exception {
    assertDoesNotThrow(() -> InboundShape.check(json("{\"object\":[\"https://a.example/1\",{\"id\":\"https://a.example/2\"}],"
        + "\"target\":\"https://a.example/t\"}")));
    for (String bad : List.of("{\"object\":\"/relative\"}", "{\"object\":3}", "{\"object\":[[\"https://a.example\"]]}",
        "{\"object\":{\"id\":\"javascript:x\"}}", "{\"object\":{\"actor\":\"ftp://a.example/u\"}}",
        "{\"target\":\"mailto:a@b\"}", "{\"object\":{\"object\":{\"id\":\"urn:x\"}}}")) {
      assertThrows(InvalidActivityException.class, () -> InboundShape.check(json(bad)), bad);
    }
  }

  @Test
  void anActivityNeedsOneActorAndAnIdUnlessItIsAnIdlessDelete() throws Exception {
    assertTrue(Normalizer.activity(json("{\"id\":\"https://a.example/1\",\"type\":\"Like\",\"actor\":[\"https://a.example/u\"],"
        + "\"object\":\"https://b.example/n\"}")).actor().equals("https://a.example/u"));
    for (String bad : List.of(
        "{\"id\":\"https://a.example/1\",\"type\":\"Like\",\"actor\":[\"https://a.example/u\",\"https://b.example/u\"]}",
        "{\"id\":\"https://a.example/1\",\"type\":\"Like\",\"actor\":[]}",
        "{\"type\":\"Like\",\"actor\":\"https://a.example/u\"}",
        "{\"id\":[\"https://a.example/1\"],\"type\":\"Like\",\"actor\":\"https://a.example/u\"}",
        "{\"id\":\"tag:a.example,2024:1\",\"type\":\"Like\",\"actor\":\"https://a.example/u\"}")) {
      assertThrows(InvalidActivityException.class, () -> Normalizer.activity(json(bad)), bad);
    }
    assertTrue(Normalizer.activity(json("{\"type\":\"Delete\",\"actor\":\"https://a.example/u\",\"object\":\"https://a.example/n\"}"))
        .hasDerivedId(), "GoToSocial's Delete without an id is still read");
  }
}
