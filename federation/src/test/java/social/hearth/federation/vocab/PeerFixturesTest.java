package social.hearth.federation.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real peer documents (src/test/resources/fixtures, provenance in its README) read by the {@link Normalizer}: every
 * fixture is parsed with {@link JsonLimits#parse}, classified, normalized, checked for what Hearth relies on, and
 * round-tripped (record, serialized with {@link JsonLimits#MAPPER}, normalized again, equal). Targeted tests pin the
 * quirk each peer brings.
 */
class PeerFixturesTest {

  /** The peers whose documents Hearth must read; each has fixtures. */
  static final Set<String> PEERS = Set.of("mastodon", "lemmy", "misskey", "gotosocial", "pleroma", "mbin", "piefed",
      "nodebb", "smithereen");

  enum Kind { ACTOR, OBJECT, COLLECTION, ACTIVITY, OTHER }

  /** A normalizable part of a fixture: the document itself or something embedded in it. */
  record Part(String path, Kind kind, JsonNode json) {}

  // ---------------------------------------------------------------------------------------------------- loading

  static Path root() {
    try {
      return Path.of(PeerFixturesTest.class.getResource("/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> fixtures() throws IOException {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = PeerFixturesTest.class.getResourceAsStream("/fixtures/" + name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a fixture with the inbox's bounded parser. Mbin's outbox snapshots (tests/.../JsonSnapshots) come with
   * ids replaced by {@code SCRUBBED_ID} by Mbin's own test harness; each such value is replaced here, in memory, by a
   * distinct IRI on the snapshot's host so the documents can be normalized. The files stay as Mbin wrote them.
   */
  static JsonNode load(String name) {
    JsonNode json;
    try {
      json = JsonLimits.parse(bytes(name));
    } catch (JsonLimits.InvalidJsonException e) {
      throw new AssertionError(name + ": " + e.getMessage(), e);
    }
    int[] counter = {0};
    descrub(json, counter);
    return json;
  }

  private static void descrub(JsonNode node, int[] counter) {
    if (node.isObject()) {
      ObjectNode obj = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual() && "SCRUBBED_ID".equals(e.getValue().asText())) {
          e.setValue(TextNode.valueOf("https://kbin.test/scrubbed/" + (++counter[0])));
        } else {
          descrub(e.getValue(), counter);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> descrub(n, counter));
    }
  }

  static Kind kindOf(JsonNode json) {
    if (json == null || !json.isObject()) {
      return Kind.OTHER;
    }
    String type = Normalizer.type(json);
    if (type == null) {
      return Kind.OTHER;
    }
    if (Actor.TYPES.contains(type)) {
      return Kind.ACTOR;
    }
    if (ApObject.TYPES.contains(type)) {
      return Kind.OBJECT;
    }
    if (Normalizer.COLLECTION_TYPES.contains(type)) {
      return Kind.COLLECTION;
    }
    return json.has("actor") ? Kind.ACTIVITY : Kind.OTHER;
  }

  /** The document and what it embeds: an activity's object (recursively, for FEP-1b12), a collection's items. */
  static List<Part> parts(JsonNode json) {
    List<Part> out = new ArrayList<>();
    collectParts("$", json, out, 0);
    return out;
  }

  private static void collectParts(String path, JsonNode json, List<Part> out, int depth) {
    Kind kind = kindOf(json);
    if (kind == Kind.OTHER || depth > 3) {
      return;
    }
    out.add(new Part(path, kind, json));
    if (kind == Kind.ACTIVITY && json.get("object") != null && json.get("object").isObject()) {
      collectParts(path + ".object", json.get("object"), out, depth + 1);
    } else if (kind == Kind.COLLECTION) {
      JsonNode items = json.hasNonNull("orderedItems") ? json.get("orderedItems") : json.get("items");
      if (items != null && items.isArray()) {
        for (int i = 0; i < items.size(); i++) {
          collectParts(path + ".items[" + i + "]", items.get(i), out, depth + 1);
        }
      }
    }
  }

  static Object normalize(Kind kind, JsonNode json) throws InvalidActivityException {
    return switch (kind) {
      case ACTOR -> Normalizer.actor(json);
      case OBJECT -> Normalizer.object(json);
      case COLLECTION -> Normalizer.collection(json);
      case ACTIVITY -> Normalizer.activity(json);
      case OTHER -> throw new IllegalArgumentException("not normalizable");
    };
  }

  static String text(JsonNode node, String field) {
    return Normalizer.firstText(node.get(field));
  }

  // ------------------------------------------------------------------------------------------ every fixture

  @Test
  void everyPeerHasFixturesAndThereAreEnough() throws IOException {
    Map<String, Long> perPeer = fixtures().collect(Collectors.groupingBy(n -> n.substring(0, n.indexOf('/')),
        TreeMap::new, Collectors.counting()));
    assertEquals(PEERS, perPeer.keySet(), "fixture folders " + perPeer);
    assertTrue(perPeer.values().stream().mapToLong(Long::longValue).sum() >= 40, "fixtures per peer " + perPeer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void normalizesWithTheEssentials(String name) throws Exception {
    List<Part> parts = parts(load(name));
    assertFalse(parts.isEmpty(), name + " is neither an actor, an object, a collection nor an activity");
    for (Part part : parts) {
      String where = name + " " + part.path();
      switch (part.kind()) {
        case ACTOR -> checkActor(where, part.json());
        case OBJECT -> checkObject(where, part.json());
        case COLLECTION -> checkCollection(where, part.json());
        case ACTIVITY -> checkActivity(where, part.json());
        default -> throw new AssertionError(where);
      }
    }
  }

  private static void checkActor(String where, JsonNode json) throws InvalidActivityException {
    Actor a = Normalizer.actor(json);
    assertEquals(text(json, "id"), a.id(), where);
    assertEquals(Normalizer.type(json), a.type(), where);
    assertNotNull(a.inbox(), where);
    assertEquals(text(json, "preferredUsername"), a.preferredUsername(), where);
    JsonNode key = json.get("publicKey");
    if (key != null && key.isObject()) {
      assertNotNull(a.publicKey(), where);
      assertEquals(text(key, "id"), a.publicKey().id(), where);
      assertEquals(text(key, "owner"), a.publicKey().owner(), where);
      assertEquals(text(key, "publicKeyPem"), a.publicKey().publicKeyPem(), where);
      assertTrue(a.publicKey().publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"), where);
      assertEquals(a.id(), a.publicKey().owner(), where + ": every real key is owned by its actor");
    } else {
      assertNull(a.publicKey(), where);
    }
    JsonNode endpoints = json.get("endpoints");
    String shared = endpoints != null ? text(endpoints, "sharedInbox") : null;
    if (shared == null) {
      shared = text(json, "sharedInbox");
    }
    if (shared != null) {
      assertEquals(shared, a.endpoints().sharedInbox(), where);
      assertEquals(shared, a.deliveryInbox(), where);
    } else {
      assertNull(a.endpoints(), where);
      assertEquals(a.inbox(), a.deliveryInbox(), where);
    }
  }

  private static void checkObject(String where, JsonNode json) throws InvalidActivityException {
    ApObject o = Normalizer.object(json);
    assertEquals(text(json, "id"), o.id(), where);
    assertEquals(Normalizer.type(json), o.type(), where);
    assertNotNull(o.attributedTo(), where);
    checkAddressing(where, json, o.to(), o.cc());
    JsonNode tags = json.get("tag");
    if (tags != null) {
      for (JsonNode t : tags.isArray() ? tags : List.of(tags)) {
        if ("Mention".equals(text(t, "type"))) {
          String href = text(t, "href");
          assertTrue(o.tag().stream().anyMatch(x -> "Mention".equals(x.type()) && href.equals(x.href())),
              where + " keeps the Mention of " + href);
        }
      }
      assertEquals(tags.isArray() ? tags.size() : 1, o.tag().size(), where);
    } else {
      assertTrue(o.tag().isEmpty(), where);
    }
    String content = text(json, "content");
    if (content != null) {
      assertEquals(content, o.content(), where);
    }
    JsonNode map = json.get("contentMap");
    boolean mapHasText = false;
    if (map != null && map.isObject()) {
      for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
        mapHasText |= it.next().isTextual();
      }
    }
    if (content != null || mapHasText) {
      assertNotNull(o.content(), where);
    }
  }

  private static void checkActivity(String where, JsonNode json) throws InvalidActivityException {
    Activity a = Normalizer.activity(json);
    String id = text(json, "id");
    if (id != null) {
      assertEquals(id, a.id(), where);
      assertFalse(a.hasDerivedId(), where);
    } else {
      assertTrue(a.hasDerivedId(), where + " has no id of its own");
    }
    assertEquals(Normalizer.type(json), a.type(), where);
    assertEquals(Iris.iri(json.get("actor")), a.actor(), where);
    assertNotNull(a.objectId(), where);
    assertEquals(Iris.iris(json.get("object")).size(), a.objectIds().size(), where);
    checkAddressing(where, json, a.to(), a.cc());
  }

  private static void checkCollection(String where, JsonNode json) throws InvalidActivityException {
    OrderedCollection c = Normalizer.collection(json);
    assertEquals(text(json, "id"), c.id(), where);
    assertEquals(Normalizer.type(json), c.type(), where);
    JsonNode items = json.hasNonNull("orderedItems") ? json.get("orderedItems") : json.get("items");
    assertEquals(items == null ? null : items.size(), c.orderedItems() == null ? null : c.orderedItems().size(),
        where);
  }

  /** to/cc keep every recipient, and Public in whichever spelling comes out as the full IRI. */
  private static void checkAddressing(String where, JsonNode json, List<String> to, List<String> cc) {
    for (String field : List.of("to", "cc")) {
      List<String> normalized = field.equals("to") ? to : cc;
      JsonNode source = json.get(field);
      List<String> raw = new ArrayList<>();
      if (source != null && source.isArray()) {
        source.forEach(n -> raw.add(n.asText()));
      } else if (source != null && source.isTextual()) {
        raw.add(source.asText());
      }
      assertEquals(raw.size(), normalized.size(), where + " " + field);
      for (int i = 0; i < raw.size(); i++) {
        assertEquals(As.isPublic(raw.get(i)) ? As.PUBLIC : raw.get(i), normalized.get(i), where + " " + field);
      }
      assertTrue(normalized.stream().noneMatch(r -> As.isPublic(r) && !As.PUBLIC.equals(r)), where);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyRecordSurvivesSerializationAndNormalization(String name) throws Exception {
    for (Part part : parts(load(name))) {
      Object first = normalize(part.kind(), part.json());
      JsonNode written = JsonLimits.MAPPER.valueToTree(first);
      Object second = normalize(part.kind(), JsonLimits.parse(JsonLimits.MAPPER.writeValueAsBytes(written)));
      assertEquals(first, second, name + " " + part.path());
    }
  }

  // ------------------------------------------------------------------------------------------ reading one fixture

  static Activity activity(String name) throws Exception {
    return Normalizer.activity(load(name));
  }

  static ApObject object(String name) throws Exception {
    return Normalizer.object(load(name));
  }

  static Actor actor(String name) throws Exception {
    return Normalizer.actor(load(name));
  }
}
