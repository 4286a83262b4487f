package social.hearth.core.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * Reports sent as direct messages the way Mastodon-family clients send them (starting with the community's
 * mention), naming a post by the address the reporter copied; and what removing the post does, or why it could not.
 */
class ReportsByMessageTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static Fediverse fed;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.151");
    fed = new Fediverse(hearth, remote);
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  /** The mention of the community as Mastodon writes it at the start of every direct message. */
  static String mention(String group, String slug) {
    return "<span class=\"h-card\" translate=\"no\"><a href=\"" + group + "\" class=\"u-url mention\">@<span>" + slug
        + "</span></a></span>";
  }

  static JsonNode openReports(String slug) throws Exception {
    return fed.admin("GET", "/api/v1/admin/reports?community=" + slug, null, 200);
  }

  static long postId(String objectId) {
    return hearth.sql("SELECT id FROM posts WHERE object_id = $1", objectId).get(0).getLong(0);
  }

  /** A member's public post in the community, with the original's address a reader would copy. */
  static ObjectNode posted(SigningKey author, String group, String html) throws Exception {
    ObjectNode n = fed.note(author, group, html, false);
    n.put("url", Fediverse.actor(author) + "/web/" + n.get("id").asText().substring(n.get("id").asText().lastIndexOf('/') + 1));
    fed.post(author, n);
    assertTrue(fed.reshared(n.get("id").asText()));
    return n;
  }

  static void report(SigningKey from, String group, String html) throws Exception {
    fed.post(from, fed.note(from, group, html, true));
  }

  @Test
  void aReportStartingWithTheCommunitysMentionIsTiedToThePostPageItNamesAndItsAuthor() throws Exception {
    String g = hearth.createCommunity("tea-room", "Tea room");
    SigningKey hal = remote.addPerson("hal");
    SigningKey ivy = remote.addPerson("ivy");
    fed.follow(hal, g);
    fed.follow(ivy, g);
    ObjectNode rude = posted(ivy, g, "<p>rude words about green tea</p>");
    String page = hearth.base + "/c/tea-room/posts/" + postId(rude.get("id").asText());
    report(hal, g, "<p>" + mention(g, "tea-room") + " report <a href=\"" + page + "\">" + page + "</a> it is rude</p>");

    JsonNode report = openReports("tea-room").get(0);
    assertEquals("message", report.get("source").asText());
    assertEquals(rude.get("id").asText(), report.get("objects").get(0).asText(), "tied to the post the page shows");
    assertEquals(Fediverse.actor(ivy), report.get("accounts").get(0).asText(), "and to its author");
    assertEquals(Fediverse.actor(hal), report.get("reporter").asText());
    assertEquals("report " + page + " it is rude", report.get("comment").asText(), "the mention is not part of what they said");
  }

  @Test
  void severalMentionsARussianKeywordAndTheOriginalsAddressAsPlainTextMakeAReport() throws Exception {
    String g = hearth.createCommunity("chai", "Chai");
    SigningKey lev = remote.addPerson("lev");
    SigningKey max = remote.addPerson("max");
    fed.follow(lev, g);
    fed.follow(max, g);
    ObjectNode spam = posted(max, g, "<p>buy cheap tea</p>");
    String host = URI.create(hearth.base).getAuthority();
    report(lev, g, "<p>" + mention(g, "chai") + " <span class=\"h-card\"><a href=\"" + remote.origin + "/users/ana\" "
        + "class=\"u-url mention\">@<span>ana</span></a></span> жалоба: " + spam.get("url").asText() + " реклама</p>");
    report(lev, g, "<p>@chai@" + host + " thanks for the tea, " + spam.get("url").asText() + "</p>");

    JsonNode reports = openReports("chai");
    assertEquals(1, reports.size(), "only the message with the keyword is a report: " + reports);
    assertEquals(spam.get("id").asText(), reports.get(0).get("objects").get(0).asText(), "found by the original's address");
    assertEquals(Fediverse.actor(max), reports.get(0).get("accounts").get(0).asText());
  }

  @Test
  void removingThePostRemovesItAndOtherwiseSaysWhyAndLeavesTheReportOpen() throws Exception {
    String g = hearth.createCommunity("kettle", "Kettle");
    SigningKey una = remote.addPerson("una");
    SigningKey vic = remote.addPerson("vic");
    fed.follow(una, g);
    fed.follow(vic, g);
    ObjectNode bad = posted(vic, g, "<p>a post to be removed</p>");
    String page = hearth.base + "/c/kettle/posts/" + postId(bad.get("id").asText());
    report(una, g, "<p>" + mention(g, "kettle") + " report " + page + "</p>");
    report(una, g, "<p>" + mention(g, "kettle") + " report " + bad.get("id").asText() + " again</p>");
    report(una, g, "<p>" + mention(g, "kettle") + " report vic is unkind to me</p>");
    JsonNode open = openReports("kettle");
    assertEquals(3, open.size());

    JsonNode done = fed.admin("POST", "/api/v1/admin/reports/" + open.get(0).get("id").asLong() + "/resolve",
        "{\"action\":\"remove_post\",\"note\":\"unkind\"}", 200);
    assertEquals("resolved", done.get("state").asText());
    assertEquals(bad.get("id").asText(), done.get("removed").get(0).asText());
    assertEquals(0, done.get("notRemoved").size());
    assertFalse(fed.reshared(bad.get("id").asText()), "removed");
    fed.await("Undo", j -> j.path("object").path("object").asText().equals(bad.get("id").asText()));
    assertEquals(404, hearth.get(page, "text/html").statusCode(), "its page is gone");

    HttpResponse<String> again = hearth.admin("POST", "/api/v1/admin/reports/" + open.get(1).get("id").asLong() + "/resolve",
        "{\"action\":\"remove_post\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(again.body().contains("post_already_removed") && again.body().contains("already removed"), again.body());
    HttpResponse<String> none = hearth.admin("POST", "/api/v1/admin/reports/" + open.get(2).get("id").asLong() + "/resolve",
        "{\"action\":\"remove_post\"}", TestHearth.ADMIN_TOKEN);
    assertEquals(409, none.statusCode(), none.body());
    assertTrue(none.body().contains("report_names_no_post"), none.body());
    assertEquals(2, openReports("kettle").size(), "neither was resolved");
    assertEquals(1, hearth.sql("SELECT 1 FROM audit_log WHERE action = 'report.remove_post' AND target = $1",
        "report #" + open.get(0).get("id").asLong()).size(), "only the resolution that removed something is recorded");

    JsonNode dismissed = fed.admin("POST", "/api/v1/admin/reports/" + open.get(1).get("id").asLong() + "/resolve",
        "{\"action\":\"dismiss\"}", 200);
    assertEquals("dismissed", dismissed.get("state").asText());
    assertEquals(0, dismissed.get("removed").size());
  }
}
