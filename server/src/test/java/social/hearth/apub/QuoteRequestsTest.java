package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.federation.vocab.As;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * Quotes on the community's terms (FEP-044f, as Mastodon 4.5 asks): a QuoteRequest for something a community
 * authored is answered with Accept and a dereferenceable QuoteAuthorization stamp, or Reject, by its canQuote
 * setting; a stricter setting takes stamps back.
 */
class QuoteRequestsTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static Fediverse fed;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.32");
    fed = new Fediverse(hearth, remote);
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  /** Something the community authored (a Note under its IRI). */
  static String communityNote(String group) {
    return group + "/notes/" + UUID.randomUUID();
  }

  static ObjectNode quoteRequest(SigningKey who, String object) {
    ObjectNode q = Fediverse.activity(who, "QuoteRequest", object);
    q.put("instrument", Fediverse.actor(who) + "/statuses/" + UUID.randomUUID());
    return q;
  }

  /** Sends the request to the community's inbox and waits for the answer Hearth sends back. */
  static JsonNode ask(SigningKey who, String group, String object) throws Exception {
    ObjectNode q = quoteRequest(who, object);
    fed.send(who, group + "/inbox", q);
    String id = q.get("id").asText();
    for (int i = 0; i < 400; i++) {
      for (String type : List.of("Accept", "Reject")) {
        for (JsonNode j : fed.got(who, type)) {
          if (id.equals(j.path("object").path("id").asText())) {
            return j;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no answer to " + id);
  }

  static void canQuote(String slug, String policy) throws Exception {
    fed.admin("PATCH", "/api/v1/admin/communities/" + slug, "{\"canQuote\":\"" + policy + "\"}", 200);
  }

  @Test
  void anyoneMayQuoteByDefaultAndGetsAStampTheyCanFetch() throws Exception {
    String g = hearth.createCommunity("quotable", "Quotable");
    assertEquals("everyone", fed.admin("GET", "/api/v1/admin/communities/quotable", null, 200).get("canQuote").asText());
    SigningKey ann = remote.addPerson("ann");
    String note = communityNote(g);
    ObjectNode q = quoteRequest(ann, note);
    fed.send(ann, g + "/inbox", q);

    JsonNode accept = fed.awaitFor(ann, "Accept", j -> q.get("id").asText().equals(j.path("object").path("id").asText()));
    assertEquals(g, accept.get("actor").asText(), "the quoted post's author answers");
    assertEquals("QuoteRequest", accept.path("object").path("type").asText());
    assertEquals(note, accept.path("object").path("object").asText());
    assertEquals(q.get("instrument").asText(), accept.path("object").path("instrument").asText());
    String result = accept.get("result").asText();
    assertTrue(result.startsWith(g + "/quote-authorizations/"), result);

    HttpResponse<String> fetched = hearth.get(result, "application/activity+json");
    assertEquals(200, fetched.statusCode());
    assertTrue(fetched.headers().firstValue("Content-Type").orElse("").startsWith("application/activity+json"));
    JsonNode stamp = TestHearth.JSON.readTree(fetched.body());
    assertEquals(result, stamp.get("id").asText(), "dereferenceable at its own IRI");
    assertEquals("QuoteAuthorization", stamp.get("type").asText());
    assertEquals(g, stamp.get("attributedTo").asText());
    assertEquals(q.get("instrument").asText(), stamp.get("interactingObject").asText());
    assertEquals(note, stamp.get("interactionTarget").asText());
    assertTrue(stamp.get("@context").toString().contains("https://w3id.org/fep/044f#QuoteAuthorization"));
  }

  @Test
  void onlyMembersMayQuoteAMembersOnlyCommunity() throws Exception {
    String g = hearth.createCommunity("insiders", "Insiders");
    canQuote("insiders", "members");
    SigningKey member = remote.addPerson("mel");
    fed.follow(member, g);
    SigningKey stranger = remote.addPerson("stan");
    assertEquals("Accept", ask(member, g, communityNote(g)).get("type").asText());
    JsonNode refused = ask(stranger, g, communityNote(g));
    assertEquals("Reject", refused.get("type").asText());
    assertTrue(refused.path("result").isMissingNode(), "a Reject carries no stamp");
  }

  @Test
  void nobodyMayQuoteWhenTheCommunitySaysSoAndADirectMessageIsNeverQuoted() throws Exception {
    String g = hearth.createCommunity("quiet", "Quiet");
    fed.admin("PATCH", "/api/v1/admin/communities/quiet", "{\"welcomeMessage\":\"Welcome, quietly.\"}", 200);
    SigningKey ned = remote.addPerson("ned");
    fed.follow(ned, g);
    String welcomeDm = fed.awaitFor(ned, "Create", j -> j.path("object").path("content").asText().contains("quietly"))
        .path("object").path("id").asText();
    assertEquals("Reject", ask(ned, g, welcomeDm).get("type").asText(), "a direct message is private");
    canQuote("quiet", "nobody");
    assertEquals("Reject", ask(ned, g, communityNote(g)).get("type").asText());
  }

  @Test
  void aStricterSettingTakesBackTheStampsItNoLongerAllows() throws Exception {
    String g = hearth.createCommunity("changing", "Changing");
    SigningKey member = remote.addPerson("mia");
    fed.follow(member, g);
    SigningKey outsider = remote.addPerson("otto");
    String kept = ask(member, g, communityNote(g)).get("result").asText();
    String lost = ask(outsider, g, communityNote(g)).get("result").asText();

    canQuote("changing", "members");
    JsonNode delete = fed.awaitFor(outsider, "Delete", j -> lost.equals(j.path("object").path("id").asText()));
    assertEquals(g, delete.get("actor").asText());
    assertEquals("QuoteAuthorization", delete.path("object").path("type").asText(), "the stamp is embedded, as Mastodon sends it");
    assertEquals(List.of(As.PUBLIC), List.of(delete.path("to").get(0).asText()));
    assertEquals(404, hearth.get(lost, "application/activity+json").statusCode(), "a revoked stamp is gone");
    assertEquals(200, hearth.get(kept, "application/activity+json").statusCode(), "a member's stamp stays");
    assertTrue(fed.got(member, "Delete").isEmpty());

    canQuote("changing", "nobody");
    fed.awaitFor(member, "Delete", j -> kept.equals(j.path("object").path("id").asText()));
    assertEquals(404, hearth.get(kept, "application/activity+json").statusCode());
  }

  @Test
  void aRequestForSomethingNoCommunityAuthoredOrFromAnotherServerIsRefusedAtTheInbox() throws Exception {
    String g = hearth.createCommunity("strict", "Strict");
    SigningKey eve = remote.addPerson("eve");
    HttpResponse<String> notOurs = Signed.post(hearth.http, eve, g + "/inbox",
        quoteRequest(eve, "https://elsewhere.example/notes/1").toString());
    assertEquals(404, notOurs.statusCode(), notOurs.body());
    HttpResponse<String> followers = Signed.post(hearth.http, eve, g + "/inbox",
        quoteRequest(eve, g + "/followers").toString());
    assertEquals(404, followers.statusCode(), "a collection is not a post");
    ObjectNode foreign = quoteRequest(eve, communityNote(g));
    foreign.put("instrument", "https://elsewhere.example/notes/2");
    assertEquals(400, Signed.post(hearth.http, eve, g + "/inbox", foreign.toString()).statusCode(),
        "the quoting post must be the requester's own");
    ObjectNode none = quoteRequest(eve, communityNote(g));
    none.remove("instrument");
    assertEquals(400, Signed.post(hearth.http, eve, g + "/inbox", none.toString()).statusCode());
  }

  @Test
  void theCommunitysDirectMessagesSayNobodyButTheCommunityMayQuoteThem() throws Exception {
    String g = hearth.createCommunity("welcoming", "Welcoming");
    fed.admin("PATCH", "/api/v1/admin/communities/welcoming", "{\"welcomeMessage\":\"Hello!\"}", 200);
    SigningKey wil = remote.addPerson("wil");
    fed.follow(wil, g);
    JsonNode create = fed.awaitFor(wil, "Create", j -> j.path("object").path("content").asText().contains("Hello!"));
    assertEquals(List.of(g), List.of(create.path("object").path("interactionPolicy").path("canQuote")
        .path("automaticApproval").get(0).asText()));
    assertTrue(create.get("@context").toString().contains("gts:interactionPolicy"), "the term is defined");
  }

  @Test
  void aPostTheCommunityWroteInHearthSaysWhoMayQuoteItAndItsQuoteRequestsAreAnswered() throws Exception {
    String g = hearth.createCommunity("announcements", "Announcements");
    JsonNode post = fed.admin("POST", "/api/v1/admin/communities/announcements/posts",
        "{\"content\":\"Our first **meetup** is on Friday\"}", 201);
    String note = post.get("id").asText();
    JsonNode served = TestHearth.JSON.readTree(hearth.get(note, "application/activity+json").body());
    assertEquals("https://www.w3.org/ns/activitystreams#Public",
        served.path("interactionPolicy").path("canQuote").path("automaticApproval").get(0).asText(),
        "anyone may quote it, by the community's default setting");
    assertTrue(served.get("@context").toString().contains("interactionPolicy"));

    SigningKey uma = remote.addPerson("uma");
    JsonNode accept = ask(uma, g, note);
    assertEquals("Accept", accept.get("type").asText());
    assertEquals(g, accept.get("actor").asText(), "the community, its author, answers");

    canQuote("announcements", "nobody");
    assertEquals("Reject", ask(uma, g, note).get("type").asText(), "once the community lets nobody quote it");
  }
}
