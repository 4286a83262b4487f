package social.hearth.federation.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import social.hearth.federation.vocab.PeerRequirements.Level;
import social.hearth.federation.vocab.PeerRequirements.Peer;
import social.hearth.federation.vocab.PeerRequirements.Problem;

/**
 * {@link PeerRequirements} on Hearth's own group, on the groups real Lemmy, PieFed, Mbin and NodeBB servers send,
 * and on a broken document.
 */
class PeerRequirementsTest {

  private static Set<String> fields(List<Problem> problems, Level level) {
    return problems.stream().filter(p -> p.level() == level).map(Problem::field)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void hearthGroupHasNoProblem() throws Exception {
    JsonNode wire = JsonLimits.parse(JsonLimits.MAPPER.writeValueAsBytes(PeerQuirksTest.hearthGroup()));
    assertEquals(List.of(), PeerRequirements.checkGroupActor(wire));
  }

  @Test
  void piefedGroupMeetsEverything() {
    assertEquals(List.of(), PeerRequirements.checkGroupActor(PeerFixturesTest.load("piefed/group.json")));
  }

  /**
   * Lemmy's test assets are stored without the {@code @context} Lemmy adds when it serves a document (its
   * {@code WithContext} wrapper, context in {@code assets/lemmy/context.json}); that is the only thing missing.
   */
  @Test
  void lemmyGroupMissesOnlyTheContextItsTestAssetsLeaveOut() {
    List<Problem> problems = PeerRequirements.checkGroupActor(PeerFixturesTest.load("lemmy/group.json"));
    assertEquals(Set.of("@context"), fields(problems, Level.REQUIRED), problems.toString());
    assertEquals(Set.of(), fields(problems, Level.RECOMMENDED), problems.toString());
    assertEquals(EnumSet.of(Peer.MASTODON, Peer.FEDIFY), problems.get(0).peers());
    ObjectNode served = (ObjectNode) PeerFixturesTest.load("lemmy/group.json");
    served.putArray("@context").add(As.NS).add(As.SECURITY_V1);
    assertEquals(List.of(), PeerRequirements.checkGroupActor(served));
  }

  /**
   * Mbin's magazine, taken from an Update in Mbin's outbox snapshots with the Update's context: its only context is
   * Mbin's own {@code /contexts} document, which Mastodon does not recognise and Fedify must fetch, and the key was
   * replaced by the string {@code SCRUBBED_KEY} by Mbin's snapshot harness.
   */
  @Test
  void mbinMagazineRevealsItsOwnContextDocument() {
    JsonNode update = PeerFixturesTest.load("mbin/update_group.json");
    ObjectNode magazine = ((ObjectNode) update.get("object")).deepCopy();
    magazine.set("@context", update.get("@context"));
    List<Problem> problems = PeerRequirements.checkGroupActor(magazine);
    assertEquals(Set.of("@context", "publicKey"), fields(problems, Level.REQUIRED), problems.toString());
    assertEquals(Set.of("@context"), fields(problems, Level.RECOMMENDED), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.level() == Level.RECOMMENDED
        && p.message().contains("https://kbin.test/contexts") && p.peers().equals(EnumSet.of(Peer.FEDIFY))));
  }

  /**
   * A NodeBB category lists its shared inbox at the top level and has no followers, featured or moderators
   * collection: Lemmy 0.19 cannot take it as a community, and Mastodon delivers to the category's own inbox.
   */
  @Test
  void nodebbCategoryRevealsWhatAForumOmits() {
    List<Problem> problems = PeerRequirements.checkGroupActor(PeerFixturesTest.load("nodebb/group.json"));
    assertEquals(Set.of("followers"), fields(problems, Level.REQUIRED), problems.toString());
    assertEquals(Set.of("attributedTo", "endpoints.sharedInbox", "featured"), fields(problems, Level.RECOMMENDED),
        problems.toString());
    assertEquals(List.of(Peer.LEMMY), List.copyOf(PeerRequirements.required(problems).get(0).peers()));
    assertTrue(problems.stream().anyMatch(p -> p.field().equals("endpoints.sharedInbox")
        && p.message().contains("top-level sharedInbox")));
  }

  @Test
  void brokenDocumentFailsEveryRule() throws Exception {
    JsonNode broken = JsonLimits.parse(("{\"@context\":[\"https://example.net/ctx\",42],"
        + "\"@graph\":[],\"id\":\"ftp://x.example/g\",\"type\":[\"Group\"],\"preferredUsername\":\"-bad name-\","
        + "\"name\":{\"en\":\"x\"},\"publicKey\":{\"id\":\"https://elsewhere.example/k\","
        + "\"owner\":\"https://elsewhere.example/g\",\"publicKeyPem\":\"not a key\"}}")
        .getBytes(StandardCharsets.UTF_8));
    List<Problem> problems = PeerRequirements.checkGroupActor(broken);
    assertEquals(Set.of("@context", "@graph", "id", "type", "preferredUsername", "inbox", "outbox", "followers",
        "publicKey.publicKeyPem", "name"), fields(problems, Level.REQUIRED), problems.toString());
    assertEquals(Set.of("@context", "preferredUsername", "endpoints.sharedInbox", "featured", "attributedTo", "name"),
        fields(problems, Level.RECOMMENDED), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.field().equals("type") && p.peers().equals(EnumSet.of(Peer.LEMMY))),
        "a type array holding Group only troubles Lemmy");
  }

  @Test
  void keyOnAnotherHostIsRefusedByMisskey() throws Exception {
    ObjectNode group = (ObjectNode) JsonLimits.parse(
        JsonLimits.MAPPER.writeValueAsBytes(PeerQuirksTest.hearthGroup()));
    ((ObjectNode) group.get("publicKey")).put("id", "https://keys.example/gardening");
    List<Problem> problems = PeerRequirements.checkGroupActor(group);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("publicKey.id", problems.get(0).field());
    assertEquals(EnumSet.of(Peer.MISSKEY), problems.get(0).peers());
  }

  @Test
  void keyOwnedBySomeoneElseIsOnlyAWarning() throws Exception {
    ObjectNode group = (ObjectNode) JsonLimits.parse(
        JsonLimits.MAPPER.writeValueAsBytes(PeerQuirksTest.hearthGroup()));
    ((ObjectNode) group.get("publicKey")).put("owner", "https://hearth.example/actor");
    List<Problem> problems = PeerRequirements.checkGroupActor(group);
    assertEquals(List.of(), PeerRequirements.required(problems));
    assertEquals(Set.of("publicKey.owner"), fields(problems, Level.RECOMMENDED));
    ((ObjectNode) group.get("publicKey")).remove("owner");
    assertEquals(List.of(Peer.LEMMY),
        List.copyOf(PeerRequirements.required(PeerRequirements.checkGroupActor(group)).get(0).peers()));
  }

  @Test
  void missingUsernameIsForgivenByMastodonOnlyWithWebfinger() throws Exception {
    ObjectNode group = (ObjectNode) JsonLimits.parse(
        JsonLimits.MAPPER.writeValueAsBytes(PeerQuirksTest.hearthGroup()));
    group.remove("preferredUsername");
    assertEquals(EnumSet.of(Peer.MASTODON, Peer.LEMMY, Peer.MISSKEY),
        PeerRequirements.required(PeerRequirements.checkGroupActor(group)).get(0).peers());
    group.put("webfinger", "acct:gardening@hearth.example");
    assertEquals(EnumSet.of(Peer.LEMMY, Peer.MISSKEY),
        PeerRequirements.required(PeerRequirements.checkGroupActor(group)).get(0).peers());
  }

  @Test
  void notAnObjectIsOneProblem() throws Exception {
    assertEquals(1, PeerRequirements.checkGroupActor(JsonLimits.MAPPER.readTree("[]")).size());
    assertEquals(1, PeerRequirements.checkGroupActor(null).size());
  }
}
