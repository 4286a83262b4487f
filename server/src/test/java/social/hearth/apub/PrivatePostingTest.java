package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.hearth.testing.Fediverse.activity;
import static social.hearth.testing.Fediverse.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.Signed;
import social.hearth.testing.TestHearth;

/**
 * Issue 17 items 2 and 3 through a real server: in a private community a member's followers-only post that mentions
 * the community, or a direct message that is not a command, is a submission; it reaches the members as the
 * community's own copy (no Public anywhere), which edits and deletions follow and replies thread back to; commands,
 * invite codes, reports and replies to the community's messages stay direct messages; a public post is refused with
 * a notice in the member's language; a removed member's server gets nothing more and cannot read the copies.
 */
class PrivatePostingTest {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

  static Vertx peers;
  static FakeActorServer masto;
  static FakeActorServer other;
  static FakeActorServer leaving;
  static FakeActorServer lapsed;
  static TestHearth hearth;
  static Fediverse fed;
  static Fediverse fedOther;
  static Fediverse fedLeaving;
  static String group;
  static SigningKey ann;
  static SigningKey ben;
  static SigningKey olga;
  static SigningKey cai;
  static SigningKey dan;
  static SigningKey stranger;

  @BeforeAll
  static void start() throws Exception {
    peers = Vertx.vertx();
    masto = FakeActorServer.start(peers, "127.0.0.71");
    other = FakeActorServer.start(peers, "127.0.0.72");
    leaving = FakeActorServer.start(peers, "127.0.0.73");
    lapsed = FakeActorServer.start(peers, "127.0.0.74");
    for (FakeActorServer s : new FakeActorServer[] {masto, other, leaving, lapsed}) {
      s.nodeinfo("mastodon");
    }
    hearth = TestHearth.start();
    fed = new Fediverse(hearth, masto);
    fedOther = new Fediverse(hearth, other);
    fedLeaving = new Fediverse(hearth, leaving);
    group = hearth.createCommunity("circle", "Circle");
    fed.admin("PATCH", "/api/v1/admin/communities/circle", "{\"visibility\":\"private\"}", 200);
    ann = masto.addPerson("ann");
    ben = masto.addPerson("ben");
    olga = masto.addPerson("olga");
    stranger = masto.addPerson("stranger");
    cai = other.addPerson("cai");
    dan = leaving.addPerson("dan");
    fed.follow(ann, group);
    fed.follow(ben, group);
    fed.follow(olga, group);
    fedOther.follow(cai, group);
    fedLeaving.follow(dan, group);
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
    masto.close();
    other.close();
    leaving.close();
    lapsed.close();
    peers.close();
  }

  @Test
  void aMembersFollowersOnlyPostReachesTheMembersAsTheCommunitysOwnCopy() throws Exception {
    ObjectNode note = followersOnly(masto, ann, "<p>Chapter nine: the twist nobody saw coming</p>", null);
    var tags = note.putArray("tag");
    tags.addObject().put("type", "Hashtag").put("name", "#bookclub").put("href", masto.origin + "/tags/bookclub");
    tags.addObject().put("type", "Hashtag").put("name", "#<b>loud</b>");
    tags.addObject().put("type", "Mention").put("name", "@outsider@elsewhere.example")
        .put("href", "https://elsewhere.example/users/outsider");
    fed.post(ann, note);
    JsonNode create = copyAt(masto, "the twist nobody");
    JsonNode copy = create.path("object");
    assertEquals(group, create.path("actor").asText());
    assertEquals("Note", copy.path("type").asText());
    assertEquals(group, copy.path("attributedTo").asText(), "authored by the community");
    assertEquals("[\"" + group + "/followers\"]", copy.path("to").toString());
    assertEquals("[]", copy.path("cc").toString());
    assertEquals("[\"" + group + "/followers\"]", create.path("to").toString());
    assertFalse(create.toString().contains(PUBLIC), create.toString());
    assertTrue(copy.path("content").asText().contains("href=\"" + actor(ann) + "\""), "links the author");
    assertEquals(1, copy.path("tag").size(), "the post's hashtag is carried, a malformed one and other mentions are not: "
        + copy.path("tag"));
    assertEquals(List.of("Hashtag", "#bookclub", masto.origin + "/tags/bookclub"), List.of(
        copy.path("tag").get(0).path("type").asText(), copy.path("tag").get(0).path("name").asText(),
        copy.path("tag").get(0).path("href").asText()));
    assertTrue(copy.path("content").asText().contains("@ann@" + URI.create(masto.origin).getRawAuthority() + "</a></span> wrote:"), copy.path("content").asText());
    copyAt(other, "the twist nobody"); // every member's server
    String iri = copy.path("id").asText();
    assertTrue(iri.startsWith(group + "/copies/"), iri);

    var row = hearth.sql("SELECT members_only, announce_iri FROM posts WHERE object_id = $1", note.get("id").asText()).get(0);
    assertTrue(row.getBoolean(0), "shown on no public page");
    assertNull(row.getString(1), "never announced");
    assertEquals(0L, hearth.sql("SELECT count(*) FROM activities WHERE type = 'Announce' AND object_id = $1",
        note.get("id").asText()).get(0).getLong(0));
    assertEquals(403, anonymous(iri).statusCode(), "the copy is for members only");
    HttpResponse<String> member = Signed.get(hearth.http, ben, iri);
    assertEquals(200, member.statusCode());
    assertTrue(member.body().contains("the twist nobody"));
  }

  @Test
  void aDirectMessageThatIsNoCommandIsAPostForTheMembers() throws Exception {
    ObjectNode note = fed.note(ann, group, "<p>@circle Anyone up for the reading on Sunday?</p>", true);
    fed.post(ann, note);
    copyAt(masto, "reading on Sunday");
    assertTrue(fed.reshared(note.get("id").asText()));
  }

  @Test
  void commandsInviteCodesAndReportsStayDirectMessages() throws Exception {
    ObjectNode reported = followersOnly(masto, ben, "<p>Buy followers cheap</p>", null);
    fed.post(ben, reported);
    copyAt(masto, "Buy followers cheap");
    ObjectNode report = fed.note(ann, group, "<p>@circle report " + reported.get("id").asText() + " spam</p>", true);
    fed.post(ann, report);
    assertEquals(1L, hearth.sql("SELECT count(*) FROM reports WHERE reporter_id = $1", actor(ann)).get(0).getLong(0));
    ObjectNode hide = fed.note(olga, group, "<p>@circle hide me</p>", true);
    fed.post(olga, hide);
    fed.dm("public leaderboard");
    String code = fed.admin("POST", "/api/v1/admin/communities/circle/invites", "{\"maxUses\":1}", 200).path("code").asText();
    SigningKey newcomer = masto.addPerson("newcomer");
    ObjectNode invite = fed.note(newcomer, group, "<p>@circle my code is " + code + "</p>", true);
    fed.post(newcomer, invite);
    assertFalse(hearth.sql("SELECT 1 FROM preapproved WHERE actor_id = $1 UNION ALL SELECT 1 FROM members "
        + "WHERE actor_id = $1", actor(newcomer)).isEmpty(), "the code is redeemed");
    for (ObjectNode message : new ObjectNode[] {report, hide, invite}) {
      assertFalse(fed.reshared(message.get("id").asText()), "not a post: " + message.get("content").asText());
    }
  }

  @Test
  void aReplyToAMessageFromTheCommunityStaysAMessage() throws Exception {
    fed.post(olga, publicPost(masto, olga, "<p>Loud public news</p>"));
    JsonNode notice = fed.await("Create", j -> j.path("object").path("to").toString().contains(actor(olga))
        && j.path("object").path("content").asText().contains("followers-only"));
    ObjectNode thanks = fed.note(olga, group, "<p>@circle thanks, got it</p>", true, notice.path("object").path("id").asText());
    fed.post(olga, thanks);
    assertFalse(fed.reshared(thanks.get("id").asText()));
  }

  @Test
  void aPublicPostIsRefusedAndTheMemberIsToldHowToPostInTheirLanguage() throws Exception {
    ObjectNode loud = publicPost(masto, ann, "<p>Everyone should read this</p>");
    fed.post(ann, loud);
    assertFalse(fed.reshared(loud.get("id").asText()), "not shared");
    JsonNode notice = fed.await("Create", j -> j.path("object").path("to").toString().contains(actor(ann))
        && j.path("object").path("inReplyTo").asText().equals(loud.get("id").asText()));
    String text = notice.path("object").path("content").asText();
    assertTrue(text.contains("private community") && text.contains("followers-only") && text.contains("@circle@"), text);

    SigningKey ira = masto.addPerson("ira");
    fed.follow(ira, group);
    ObjectNode russian = publicPost(masto, ira, "<p>Всем привет</p>");
    russian.putObject("contentMap").put("ru", "<p>Всем привет</p>");
    masto.serve(russian.get("id").asText().substring(masto.origin.length()), russian.toString());
    fed.post(ira, russian);
    JsonNode ru = fed.await("Create", j -> j.path("object").path("inReplyTo").asText().equals(russian.get("id").asText()));
    assertTrue(ru.path("object").path("content").asText().contains("только для подписчиков"),
        ru.path("object").path("content").asText());
  }

  @Test
  void aMemberWhoKeepsPostingPubliclyIsToldOnceAnHourNotForEveryPost() throws Exception {
    SigningKey vic = masto.addPerson("vic");
    fed.follow(vic, group);
    fed.awaitFor(vic, "Accept", j -> true);
    ObjectNode first = publicPost(masto, vic, "<p>Hello everyone</p>");
    fed.post(vic, first);
    fed.await("Create", j -> j.path("object").path("inReplyTo").asText().equals(first.get("id").asText()));
    ObjectNode second = publicPost(masto, vic, "<p>Hello everyone, again</p>");
    String secondCreate = fed.post(vic, second);
    for (int i = 0; i < 400 && hearth.sql("SELECT 1 FROM inbox WHERE activity_id = $1 AND state = 'done'", secondCreate)
        .isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertFalse(fed.reshared(second.get("id").asText()), "the second public post is refused as the first");
    assertEquals(1L, hearth.sql("SELECT count(*) FROM local_notes WHERE recipient = $1 AND kind = 'public_refused'",
        actor(vic)).get(0).getLong(0), "one message telling vic how to post, not one per public post");
  }

  @Test
  void theFiltersAndThePostingPolicyDecideAsForAnyPost() throws Exception {
    fed.admin("POST", "/api/v1/admin/communities/circle/filters",
        "{\"kind\":\"keywords\",\"config\":{\"words\":[\"jackpot\"]},\"action\":\"reject\"}", 200);
    ObjectNode spam = followersOnly(masto, ann, "<p>Win the jackpot today</p>", null);
    fed.post(ann, spam);
    assertFalse(fed.reshared(spam.get("id").asText()), "the keyword filter refused it");
    ObjectNode outsider = followersOnly(masto, stranger, "<p>Let me in on the secrets</p>", null);
    fed.post(stranger, outsider);
    assertFalse(fed.reshared(outsider.get("id").asText()), "only members post here");
  }

  @Test
  void aReplyToTheCopyIsAReplyToTheOriginalAndItsCopyThreadsUnderTheFirst() throws Exception {
    ObjectNode first = followersOnly(masto, ann, "<p>Who has finished the book?</p>", null);
    fed.post(ann, first);
    String firstCopy = copyAt(masto, "finished the book").path("object").path("id").asText();
    ObjectNode reply = followersOnly(masto, ben, "<p>Done last night, loved it</p>", firstCopy);
    fed.post(ben, reply);
    JsonNode replyCopy = copyAt(masto, "Done last night");
    assertEquals(firstCopy, replyCopy.path("object").path("inReplyTo").asText(), "threaded under the first copy");
    assertEquals(first.get("id").asText(), hearth.sql("SELECT in_reply_to FROM posts WHERE object_id = $1",
        reply.get("id").asText()).get(0).getString(0), "stored as a reply to the original");
  }

  @Test
  void aLikeOfTheCopyCountsForTheOriginalAndNobodyMayQuoteIt() throws Exception {
    ObjectNode note = followersOnly(masto, ann, "<p>Photos from the picnic</p>", null);
    fed.post(ann, note);
    String iri = copyAt(masto, "picnic").path("object").path("id").asText();
    fed.send(ben, fed.inbox(), activity(ben, "Like", iri));
    assertEquals(1L, hearth.sql("SELECT count(*) FROM likes WHERE object_id = $1 AND actor_id = $2",
        note.get("id").asText(), actor(ben)).get(0).getLong(0), "the like is the original's");
    ObjectNode quote = activity(ben, "QuoteRequest", iri);
    quote.put("instrument", actor(ben) + "/notes/" + UUID.randomUUID());
    assertEquals(404, Signed.post(hearth.http, ben, fed.inbox(), quote.toString()).statusCode(), "a copy is quoted by nobody");
  }

  @Test
  void editsAndDeletionsOfTheOriginalUpdateAndDeleteTheCopy() throws Exception {
    ObjectNode note = followersOnly(masto, ann, "<p>Meet at the old library</p>", null);
    fed.post(ann, note);
    String iri = copyAt(masto, "old library").path("object").path("id").asText();
    note.put("content", "<p>Meet at the new library instead</p>");
    masto.serve(note.get("id").asText().substring(masto.origin.length()), note.toString());
    fed.send(ann, fed.inbox(), activity(ann, "Update", note));
    JsonNode update = fed.await("Update", j -> j.path("object").path("id").asText().equals(iri));
    assertTrue(update.path("object").path("content").asText().contains("new library"));
    assertFalse(update.toString().contains(PUBLIC));
    fed.send(ann, fed.inbox(), activity(ann, "Delete", note.get("id").asText()));
    JsonNode delete = fed.await("Delete", j -> j.path("object").path("id").asText().equals(iri));
    assertEquals("Tombstone", delete.path("object").path("type").asText());
    assertEquals(410, Signed.get(hearth.http, ben, iri).statusCode());
  }

  @Test
  void aModeratorsRemovalDeletesTheCopy() throws Exception {
    ObjectNode note = followersOnly(masto, ben, "<p>Off topic rant about parking</p>", null);
    fed.post(ben, note);
    String iri = copyAt(masto, "parking").path("object").path("id").asText();
    fed.admin("POST", "/api/v1/admin/communities/circle/posts/remove", "{\"object\":\"" + note.get("id").asText()
        + "\",\"reason\":\"off topic\"}", 200);
    fed.await("Delete", j -> j.path("object").path("id").asText().equals(iri));
  }

  @Test
  void aRemovedMembersServerGetsNothingMoreAndCannotReadTheCopies() throws Exception {
    ObjectNode before = followersOnly(masto, ann, "<p>Before dan leaves</p>", null);
    fed.post(ann, before);
    String iri = copyAt(leaving, "Before dan leaves").path("object").path("id").asText();
    assertEquals(200, Signed.get(hearth.http, dan, iri).statusCode());
    // a delivery still waiting for dan's server when the membership ends is stopped
    long sent = hearth.sql("SELECT id FROM activities WHERE object_id = $1 AND type = 'Create'", iri).get(0).getLong(0);
    long activity = hearth.sql("INSERT INTO activities (iri, community_id, type, object_id, body, public) SELECT "
        + "iri || '-again', community_id, type, object_id, body, false FROM activities WHERE id = $1 RETURNING id", sent)
        .get(0).getLong(0);
    // (the copy's own delivery went through and left no row: a queued one is made from its inbox and host)
    hearth.sql("INSERT INTO deliveries (activity_id, inbox, host, next_attempt_at) VALUES ($1, $2, $3, now() + "
        + "interval '1 hour')", activity, leaving.origin + "/inbox", java.net.URI.create(leaving.origin).getAuthority());

    fed.admin("POST", "/api/v1/admin/communities/circle/members/remove", "{\"actor\":\"" + actor(dan) + "\"}", 200);
    assertEquals("failed", hearth.sql("SELECT state FROM deliveries WHERE activity_id = $1 AND inbox = $2", activity,
        leaving.origin + "/inbox").get(0).getString(0));
    assertEquals(403, Signed.get(hearth.http, dan, iri).statusCode(), "its signed fetch is refused");

    ObjectNode after = followersOnly(masto, ann, "<p>After dan left</p>", null);
    fed.post(ann, after);
    String afterIri = copyAt(masto, "After dan left").path("object").path("id").asText();
    long afterActivity = hearth.sql("SELECT id FROM activities WHERE object_id = $1 AND type = 'Create'", afterIri).get(0).getLong(0);
    assertTrue(hearth.sql("SELECT 1 FROM deliveries WHERE activity_id = $1 AND inbox = $2", afterActivity,
        leaving.origin + "/inbox").isEmpty(), "nothing is queued for the removed member's server");
    assertTrue(leaving.postsTo("/inbox").stream().noneMatch(p -> p.body().contains("After dan left")));
  }

  @Test
  void aMemberWhoseMembershipExpiredGetsNothingMoreAndCannotReadTheCopies() throws Exception {
    SigningKey eve = lapsed.addPerson("eve");
    new Fediverse(hearth, lapsed).follow(eve, group);
    ObjectNode before = followersOnly(masto, ann, "<p>While eve is a member</p>", null);
    fed.post(ann, before);
    String iri = copyAt(lapsed, "While eve is a member").path("object").path("id").asText();
    hearth.sql("UPDATE members SET expires_at = now() - interval '1 minute' WHERE actor_id = $1", actor(eve));
    assertEquals(403, Signed.get(hearth.http, eve, iri).statusCode(), "an expired membership reads nothing");
    ObjectNode after = followersOnly(masto, ann, "<p>After eve lapsed</p>", null);
    fed.post(ann, after);
    String afterIri = copyAt(masto, "After eve lapsed").path("object").path("id").asText();
    long activity = hearth.sql("SELECT id FROM activities WHERE object_id = $1 AND type = 'Create'", afterIri).get(0).getLong(0);
    assertTrue(hearth.sql("SELECT 1 FROM deliveries WHERE activity_id = $1 AND inbox = $2", activity,
        lapsed.origin + "/inbox").isEmpty(), "nothing is queued for an expired member, even before the expiry pass");
  }

  // ------------------------------------------------------------------ helpers

  /** Mastodon's followers-only post mentioning the community: to the author's followers, the community in cc and tag. */
  static ObjectNode followersOnly(FakeActorServer server, SigningKey author, String html, String inReplyTo) {
    String id = actor(author) + "/notes/" + UUID.randomUUID();
    ObjectNode n = TestHearth.JSON.createObjectNode();
    n.put("id", id).put("type", "Note").put("attributedTo", actor(author))
        .put("content", "<p><span class=\"h-card\"><a href=\"" + group + "\" class=\"u-url mention\">@circle</a></span></p>" + html)
        .put("published", java.time.Instant.now().toString());
    n.putArray("to").add(actor(author) + "/followers");
    n.putArray("cc").add(group);
    n.putArray("tag").addObject().put("type", "Mention").put("href", group).put("name", "@circle");
    if (inReplyTo != null) {
      n.put("inReplyTo", inReplyTo);
    }
    server.serve(id.substring(server.origin.length()), n.toString());
    return n;
  }

  static ObjectNode publicPost(FakeActorServer server, SigningKey author, String html) {
    ObjectNode n = followersOnly(server, author, html, null);
    n.putArray("to").add(PUBLIC);
    n.putArray("cc").add(group).add(actor(author) + "/followers");
    server.serve(n.get("id").asText().substring(server.origin.length()), n.toString());
    return n;
  }

  /** Waits for the community's copy whose content has the words at the server's shared inbox. */
  static JsonNode copyAt(FakeActorServer server, String words) throws Exception {
    FakeActorServer.Received r = server.awaitPost(p -> {
      try {
        JsonNode j = TestHearth.JSON.readTree(p.body());
        return "Create".equals(j.path("type").asText()) && group.equals(j.path("object").path("attributedTo").asText())
            && j.path("object").path("content").asText().contains(words);
      } catch (Exception e) {
        return false;
      }
    });
    return TestHearth.JSON.readTree(r.body());
  }

  static HttpResponse<String> anonymous(String url) throws Exception {
    return hearth.http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/activity+json").GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
