package social.hearth.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.federation.sig.SigningKey;
import social.hearth.testing.FakeActorServer;
import social.hearth.testing.Fediverse;
import social.hearth.testing.TestHearth;

/**
 * The community speaks the member's language: what it says by direct message is written in the language the
 * member last wrote in (the contentMap of their posts or their answer), else in the community's default language.
 */
class CommunityLanguageTest {

  static TestHearth hearth;
  static FakeActorServer remote;
  static Fediverse fed;

  @BeforeAll
  static void start() {
    hearth = TestHearth.start();
    remote = FakeActorServer.start(hearth.vertx, "127.0.0.31");
    fed = new Fediverse(hearth, remote);
  }

  @AfterAll
  static void stop() {
    remote.close();
    hearth.close();
  }

  static String community(String slug, String settings) throws Exception {
    String iri = hearth.createCommunity(slug, slug);
    fed.admin("PATCH", "/api/v1/admin/communities/" + slug, settings, 200);
    fed.admin("PUT", "/api/v1/admin/communities/" + slug + "/rules", "{\"rules\":[{\"text\":\"Be kind\"}]}", 200);
    return iri;
  }

  /** A direct message to the community written in {@code language}, as Mastodon marks it (contentMap). */
  static ObjectNode message(SigningKey author, String group, String content, String language, String inReplyTo) {
    ObjectNode note = fed.note(author, group, content, true, inReplyTo);
    note.putObject("contentMap").put(language, content);
    return note;
  }

  static JsonNode dm(SigningKey key, String containing) throws Exception {
    return fed.awaitFor(key, "Create", j -> j.path("object").path("content").asText().contains(containing));
  }

  @Test
  void aMemberWhoAnswersInRussianIsWelcomedInRussian() throws Exception {
    String g = community("chitalnya", "{\"joinPolicy\":\"approval\",\"joinQuestion\":\"What do you read?\"}");
    SigningKey olga = remote.addPerson("olga");
    fed.follow(olga, g);
    JsonNode question = dm(olga, "What do you read?");
    assertTrue(question.path("object").path("content").asText().contains("Reply to this message to answer"),
        "before she wrote anything: the community's default, English");

    String answer = "<p>Набокова и Чехова.</p>";
    fed.send(olga, fed.inbox(), Fediverse.activity(olga, "Create",
        message(olga, g, answer, "ru", question.path("object").path("id").asText())));
    fed.admin("POST", "/api/v1/admin/communities/chitalnya/members/approve", "{\"actor\":\"" + Fediverse.actor(olga) + "\"}", 200);

    JsonNode welcome = dm(olga, "Правила сообщества chitalnya:").path("object");
    assertTrue(welcome.path("content").asText().contains("Be kind"), "the rules follow the Russian heading");
    assertTrue(welcome.path("contentMap").has("ru"), "the note says it is in Russian: " + welcome);
    assertFalse(welcome.path("content").asText().contains("Rules of"));
  }

  @Test
  void aMemberWhoseLanguageIsUnknownIsWelcomedInTheCommunitysDefaultLanguage() throws Exception {
    String russian = community("klub", "{\"language\":\"ru\"}");
    String english = community("club", "{}");
    SigningKey sam = remote.addPerson("sam");
    fed.follow(sam, russian);
    assertTrue(dm(sam, "Правила сообщества klub:").path("object").path("contentMap").has("ru"));
    fed.follow(sam, english);
    dm(sam, "Rules of club:");
  }

  @Test
  void aLanguageWithABundleOnTheClasspathIsSpokenWithoutAnyCodeForIt() throws Exception {
    String g = community("rondo", "{\"joinPolicy\":\"approval\"}");
    SigningKey zam = remote.addPerson("zam");
    fed.follow(zam, g);
    fed.send(zam, fed.inbox(), Fediverse.activity(zam, "Create", message(zam, g, "<p>Saluton!</p>", "eo-x-test", null)));
    fed.admin("POST", "/api/v1/admin/communities/rondo/members/approve", "{\"actor\":\"" + Fediverse.actor(zam) + "\"}", 200);
    assertTrue(dm(zam, "Reguloj de rondo:").path("object").path("contentMap").has("eo"),
        "community_eo.properties (test resources only) is found and used");
  }

  @Test
  void anInvalidInviteCodeIsAnsweredInTheLanguageItWasSentIn() throws Exception {
    String g = community("zakrytyi", "{\"joinPolicy\":\"invite\"}");
    JsonNode invite = fed.admin("POST", "/api/v1/admin/communities/zakrytyi/invites", "{\"maxUses\":1}", 200);
    fed.admin("DELETE", "/api/v1/admin/communities/zakrytyi/invites/" + invite.get("id").asText(), null, 200);
    SigningKey ivan = remote.addPerson("ivan");
    fed.send(ivan, fed.inbox(), Fediverse.activity(ivan, "Create",
        message(ivan, g, "<p>Мой код " + invite.get("code").asText() + "</p>", "ru", null)));
    dm(ivan, "Этот код приглашения больше не действует.");
  }

  @Test
  void theDefaultLanguageIsASettingOfTheAdminApiThatRefusesALanguageWithoutMessages() throws Exception {
    hearth.createCommunity("yazyk", "Yazyk");
    assertEquals("en", fed.admin("GET", "/api/v1/admin/communities/yazyk", null, 200).get("language").asText());
    assertEquals("ru", fed.admin("PATCH", "/api/v1/admin/communities/yazyk", "{\"language\":\"ru\"}", 200)
        .get("language").asText());
    JsonNode refused = fed.admin("PATCH", "/api/v1/admin/communities/yazyk", "{\"language\":\"fr\"}", 400);
    assertTrue(refused.toString().contains("language must be one of en, eo, ru"), refused.toString());
    assertEquals("ru", fed.admin("GET", "/api/v1/admin/communities/yazyk", null, 200).get("language").asText(),
        "nothing changed");
  }
}
