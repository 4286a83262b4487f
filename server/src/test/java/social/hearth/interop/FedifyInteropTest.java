package social.hearth.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.FedifyPeer;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * The mission's thinnest complete path against an independent ActivityPub implementation: Fedify users on
 * 127.0.0.2 find a Hearth community by WebFinger, join it, post into it, and receive its re-shares, every
 * request signed and verified on both sides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyInteropTest {

  static TestHearth hearth;
  static FedifyPeer peer;
  /** A second Fedify server that calls itself PieFed in NodeInfo: a group-aware (FEP-1b12) consumer. */
  static FedifyPeer groupAware;
  static String noteId;
  static String group;
  static String handle;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start();
    peer = FedifyPeer.start("127.0.0.2");
    groupAware = FedifyPeer.start("127.0.0.8", "piefed");
    group = hearth.createCommunity("readers", "Readers");
    handle = "acct:readers@" + URI.create(hearth.base).getAuthority();
  }

  @AfterAll
  static void stop() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (groupAware != null) {
      groupAware.close();
    }
    if (hearth != null) {
      hearth.close();
    }
  }

  @Test
  @Order(1)
  void aFedifyUserFindsTheCommunityByWebFingerFollowsItAndReceivesAVerifiedAccept() throws Exception {
    JsonNode follow = peer.follow("alice", handle, hearth.base);
    assertEquals(group, follow.get("actorId").asText(), "WebFinger led Fedify to the Group actor");

    List<JsonNode> accepts = peer.received("alice", "Accept", 1, Duration.ofSeconds(20));
    assertEquals(1, accepts.size(), "alice received one Accept that Fedify verified");
    JsonNode accept = accepts.get(0);
    assertEquals(group, accept.get("actor").asText());
    assertEquals(follow.get("followId").asText(), accept.get("object").get("id").asText(), "the Accept embeds alice's Follow");
    assertEquals(peer.actor("alice"), accept.get("object").get("actor").asText());

    // RFC 9421 both ways: Fedify signs with it first and Hearth accepts it; Hearth signs with it and Fedify accepts
    assertEquals("RFC9421", hearth.sql("SELECT signature_scheme FROM inbox WHERE activity_id = $1",
        follow.get("followId").asText()).get(0).getString(0));
    assertEquals("RFC9421", hearth.sql("SELECT signature_scheme FROM hosts WHERE host = $1",
        URI.create(peer.origin).getAuthority()).get(0).getString(0));
  }

  @Test
  @Order(2)
  void aSecondMemberJoinsAndTheFollowersCollectionCountsBoth() throws Exception {
    peer.follow("bob", handle, hearth.base);
    assertEquals(1, peer.received("bob", "Accept", 1, Duration.ofSeconds(20)).size());

    JsonNode followers = hearth.getJson(group + "/followers");
    assertEquals("OrderedCollection", followers.get("type").asText());
    assertEquals(2, followers.get("totalItems").asInt());
    JsonNode page = hearth.getJson(followers.get("first").asText());
    assertEquals(List.of(peer.actor("alice"), peer.actor("bob")),
        List.of(page.get("orderedItems").get(0).asText(), page.get("orderedItems").get(1).asText()));
  }

  @Test
  @Order(2)
  void aMemberOnAGroupAwareServerJoinsToo() throws Exception {
    groupAware.follow("alice", handle, hearth.base);
    assertEquals(1, groupAware.received("alice", "Accept", 1, Duration.ofSeconds(20)).size());
    for (int i = 0; i < 200; i++) {
      var rows = hearth.sql("SELECT software FROM hosts WHERE host = $1", URI.create(groupAware.origin).getAuthority());
      if (!rows.isEmpty() && "piefed".equals(rows.get(0).getString(0))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Hearth did not learn from NodeInfo that the peer is group-aware");
  }

  @Test
  @Order(3)
  void aPublicPostByAMemberIsAnnouncedToEveryOtherMember() throws Exception {
    JsonNode post = peer.post("alice", group, "<p>Has anyone read <em>Piranesi</em>?</p>", "public");
    noteId = post.get("noteId").asText();

    List<JsonNode> announces = peer.received("bob", "Announce", 1, Duration.ofSeconds(20));
    assertEquals(1, announces.size(), "bob received one Announce that Fedify verified");
    JsonNode announce = announces.get(0);
    assertEquals(group, announce.get("actor").asText());
    assertEquals(noteId, announce.get("object").asText(), "the Announce points at alice's note");

    JsonNode outbox = hearth.getJson(group + "/outbox");
    assertEquals(1, outbox.get("totalItems").asInt(), "the outbox lists the Announce");

    List<JsonNode> wrapped = groupAware.received("alice", "Announce", 1, Duration.ofSeconds(20));
    assertEquals(1, wrapped.size(), "the group-aware member received one Announce that Fedify verified");
    assertEquals("Create", wrapped.get(0).get("object").get("type").asText(), "FEP-1b12: the Create is wrapped verbatim");
    assertEquals(post.get("createId").asText(), wrapped.get(0).get("object").get("id").asText());
    assertEquals(group, wrapped.get(0).get("audience").asText());
  }

  @Test
  @Order(4)
  void followersOnlyAndDirectPostsAreNotReShared() throws Exception {
    String followersOnly = peer.post("alice", group, "<p>just for my followers</p>", "followers").get("createId").asText();
    String direct = peer.post("alice", group, "<p>a private word</p>", "direct").get("createId").asText();
    assertEquals("done", hearth.awaitProcessed(followersOnly));
    assertEquals("done", hearth.awaitProcessed(direct));
    assertEquals(1, hearth.getJson(group + "/outbox").get("totalItems").asInt(), "still only the first Announce");
  }

  @Test
  @Order(5)
  void anUnsignedPostIsRefusedWith401AndCausesNoAnnounce() throws Exception {
    String create = createJson(peer.actor("alice"), peer.origin + "/users/alice/notes/forged-1");
    HttpResponse<String> r = hearth.http.send(HttpRequest.newBuilder(URI.create(group + "/inbox"))
        .header("Content-Type", "application/activity+json")
        .POST(HttpRequest.BodyPublishers.ofString(create)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(hearth.sql("SELECT 1 FROM inbox WHERE activity_id = $1", peer.origin + "/users/alice/notes/forged-1/activity").isEmpty(),
        "nothing was stored");
  }

  @Test
  @Order(6)
  void aPostSignedWithAKeyThatIsNotTheActorsIsRefusedWith401() throws Exception {
    try (FakeActorServer mallorysServer = FakeActorServer.start(hearth.vertx, "127.0.0.3")) {
      SigningKey mallory = mallorysServer.addPerson("mallory");
      String create = createJson(peer.actor("alice"), peer.origin + "/users/alice/notes/forged-2");
      HttpResponse<String> r = Signed.post(hearth.http, mallory, group + "/inbox", create);
      assertEquals(401, r.statusCode(), r.body());
      assertTrue(r.body().contains("key_owner_mismatch"), r.body());
    }
    assertEquals(1, hearth.getJson(group + "/outbox").get("totalItems").asInt(), "no Announce was made");
    assertTrue(peer.received("bob", "Announce", 2, Duration.ofSeconds(2)).size() == 1, "bob got no second Announce");
  }

  @Test
  @Order(9)
  void aMemberWhoLeavesIsNoLongerCounted() throws Exception {
    JsonNode undo = peer.unfollow("bob", group);
    hearth.awaitProcessed(undo.get("undoId").asText());
    assertEquals(2, hearth.getJson(group + "/followers").get("totalItems").asInt(), "alice on both servers remain");
  }

  @Test
  @Order(8)
  void theAuthorsDeleteReachesEveryMemberInTheirServersForm() throws Exception {
    String deleteId = peer.delete("alice", noteId, group).get("deleteId").asText();
    hearth.awaitProcessed(deleteId);
    List<JsonNode> undos = peer.received("bob", "Undo", 1, Duration.ofSeconds(20));
    assertEquals(1, undos.size(), "a Mastodon-family member gets Undo of the Announce");
    assertEquals("Announce", undos.get(0).get("object").get("type").asText());
    assertEquals(noteId, undos.get(0).get("object").get("object").asText());

    List<JsonNode> forwarded = groupAware.received("alice", "Announce", 2, Duration.ofSeconds(20));
    assertEquals(2, forwarded.size());
    assertEquals("Delete", forwarded.get(1).get("object").get("type").asText(), "a group-aware member gets Announce{Delete}");
    assertEquals(0, hearth.getJson(group + "/outbox").get("totalItems").asInt(), "the re-share left the outbox");
  }

  private static String createJson(String actor, String noteId) {
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + noteId + "/activity\",\"type\":\"Create\","
        + "\"actor\":\"" + actor + "\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],\"cc\":[\"" + group + "\"],"
        + "\"object\":{\"id\":\"" + noteId + "\",\"type\":\"Note\",\"attributedTo\":\"" + actor + "\","
        + "\"content\":\"<p>forged</p>\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],\"cc\":[\"" + group + "\"]}}";
  }
}
