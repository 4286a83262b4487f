package social.hearth.federation.vocab;

import static social.hearth.federation.vocab.PeerFixturesTest.activity;
import static social.hearth.federation.vocab.PeerFixturesTest.actor;
import static social.hearth.federation.vocab.PeerFixturesTest.load;
import static social.hearth.federation.vocab.PeerFixturesTest.object;
import static social.hearth.federation.vocab.PeerFixturesTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quirk each peer brings, pinned on its real documents (src/test/resources/fixtures): what Hearth reads from a
 * Misskey note, a GoToSocial key, a Lemmy Announce, and so on, and that Hearth's own documents read back the same.
 */
class PeerQuirksTest {

  @Test
  void misskeyContentIsTheHtmlNotTheMfmSource() throws Exception {
    ApObject note = object("misskey/note.json");
    assertEquals("<p><span>Fantiaこれできないように過去のやつは従量課金だった気がする</span></p>", note.content());
    JsonNode json = load("misskey/note.json");
    assertNotEquals(text(json, "_misskey_content"), note.content());
    assertTrue(note.isPublicOrUnlisted());
  }

  @Test
  void misskeyQuoteUrlIsNeitherTheUrlNorTheReply() throws Exception {
    ApObject quote = object("misskey/quote_note.json");
    JsonNode json = load("misskey/quote_note.json");
    assertEquals("https://misskey.io/notes/8vs6wxufd0", text(json, "quoteUrl"));
    assertEquals(text(json, "quoteUrl"), text(json, "_misskey_quote"));
    assertNull(quote.url());
    assertNull(quote.inReplyTo());
    assertTrue(quote.content().contains("RE: </span><a href=\"https://misskey.io/notes/8vs6wxufd0\""));
  }

  @Test
  void misskeyNullNameSummaryAndIconAreAbsent() throws Exception {
    Actor a = actor("misskey/person_null_fields.json");
    assertNull(a.name());
    assertNull(a.summary());
    assertNull(a.icon());
    assertNull(a.image());
    assertTrue(a.manuallyApprovesFollowers());
    assertEquals("https://misskey.usbharu.dev/inbox", a.deliveryInbox());
  }

  @Test
  void misskeyUnlistedReplyAddressesPublicInCc() throws Exception {
    Activity create = activity("misskey/create_reply_unlisted.json");
    ApObject note = Normalizer.object(create.object());
    assertEquals(List.of(As.PUBLIC, "https://calckey.jp/users/9bu1xzwjyb"), note.cc());
    assertTrue(note.isPublicOrUnlisted());
    assertEquals(List.of(new Tag("Mention", "https://calckey.jp/users/9bu1xzwjyb", "@trapezial@calckey.jp")),
        note.tag());
  }

  @Test
  void nodebbSharedInboxAtTheTopLevelIsUsedForDelivery() throws Exception {
    Actor group = actor("nodebb/group.json");
    assertEquals("Group", group.type());
    assertEquals("https://community.nodebb.org/inbox", group.endpoints().sharedInbox());
    assertEquals("https://community.nodebb.org/inbox", group.deliveryInbox());
    assertEquals("https://community.nodebb.org/category/31#key", group.publicKey().id());
    assertNull(group.followers());
  }

  @Test
  void misskeySendsTheSharedInboxTwiceAndBothAgree() throws Exception {
    JsonNode json = load("misskey/person.json");
    assertEquals(text(json, "sharedInbox"), text(json.get("endpoints"), "sharedInbox"));
    assertEquals("https://misskey.io/inbox", actor("misskey/person.json").deliveryInbox());
  }

  @Test
  void gotosocialKeyIdHasNoFragmentButIsOwnedByTheActor() throws Exception {
    Actor a = actor("gotosocial/person.json");
    assertEquals("http://localhost:8080/users/the_mighty_zork/main-key", a.publicKey().id());
    assertFalse(a.publicKey().id().contains("#"));
    assertEquals(a.id(), a.publicKey().owner());
    assertTrue(Iris.sameOrigin(a.publicKey().id(), a.id()));
    assertNull(a.endpoints(), "GoToSocial has no shared inbox");
    assertEquals(a.inbox(), a.deliveryInbox());
  }

  @Test
  void gotosocialSendsSingleValuesWhereOthersSendArrays() throws Exception {
    JsonNode json = load("gotosocial/note_mention.json");
    assertTrue(json.get("to").isTextual());
    assertTrue(json.get("tag").isObject());
    ApObject note = Normalizer.object(json);
    assertEquals(List.of(As.PUBLIC), note.to());
    assertEquals(List.of(new Tag("Mention", "http://localhost:8080/users/the_mighty_zork",
        "@the_mighty_zork@localhost:8080")), note.tag());
    assertTrue(note.addresses("http://localhost:8080/users/the_mighty_zork"));
    assertEquals(json.get("contentMap").get("en").asText(), note.content());
  }

  @Test
  void gotosocialDeleteWithoutIdGetsAStableDerivedId() throws Exception {
    JsonNode json = load("gotosocial/delete_note.json");
    assertFalse(json.has("id"));
    Activity first = Normalizer.activity(json);
    Activity again = Normalizer.activity(load("gotosocial/delete_note.json"));
    assertTrue(first.hasDerivedId());
    assertEquals(first.id(), again.id(), "a redelivery of the same body gets the same id");
    assertTrue(first.id().startsWith("http://localhost:8080/users/admin" + Normalizer.DERIVED_ID_MARKER));
    assertTrue(Iris.sameOrigin(first.id(), first.actor()));
    ObjectNode other = json.deepCopy();
    other.put("object", "http://localhost:8080/users/admin/statuses/01FF25D5Q0DH7CHD57CTRS6WK0");
    assertNotEquals(first.id(), Normalizer.activity(other).id(), "another deletion gets another id");
    assertEquals("http://localhost:8080/users/admin/statuses/01F8MH75CBF9JFX4ZAD54N0W0R", first.objectId());
  }

  @Test
  void derivedIdIgnoresTheActorsFragment() throws Exception {
    JsonNode json = JsonLimits.parse(("{\"type\":\"Delete\",\"actor\":\"https://a.example/actor#me\","
        + "\"object\":\"https://a.example/notes/1\"}").getBytes(StandardCharsets.UTF_8));
    Activity a = Normalizer.activity(json);
    assertTrue(a.id().startsWith("https://a.example/actor" + Normalizer.DERIVED_ID_MARKER));
    assertEquals(1, a.id().chars().filter(c -> c == '#').count());
  }

  @Test
  void gotosocialFollowersOnlyBoostIsNotPublic() throws Exception {
    Activity boost = activity("gotosocial/announce_followers_only.json");
    assertEquals(List.of("http://localhost:8080/users/the_mighty_zork/followers"), boost.to());
    assertTrue(boost.to().stream().noneMatch(As::isPublic) && boost.cc().stream().noneMatch(As::isPublic));
  }

  @Test
  void flagsCarryAnAccountAndPostsAndAComment() throws Exception {
    Activity mastodon = activity("mastodon/flag.json");
    assertEquals("https://mastodon.example/actor", mastodon.actor(), "Mastodon reports come from its instance actor");
    assertEquals(List.of("https://example.com/users/1", "https://example.com/posts/380590",
        "https://example.com/posts/380591"), mastodon.objectIds());
    assertEquals("https://example.com/users/1", mastodon.objectId());
    assertEquals("Please take a look at this user and their posts", mastodon.comment());
    assertEquals(List.of("https://example.com/users/1"), mastodon.to());

    Activity gts = activity("gotosocial/flag.json");
    assertEquals("http://localhost:8080/users/localhost:8080", gts.actor());
    assertEquals(2, gts.objectIds().size());
    assertEquals("dark souls sucks, please yeet this nerd", gts.comment());

    Activity lemmy = activity("lemmy/flag_page.json");
    assertNull(lemmy.content());
    assertEquals("report this post", lemmy.comment(), "Lemmy puts the reason in summary");

    Activity mbin = activity("mbin/flag.json");
    assertEquals(List.of("https://lemmy-test/post/4", "https://lemmy-test/u/BentiGorlich"), mbin.objectIds());
    assertEquals("dikjhgasdpas dsaü", mbin.comment());
  }

  @Test
  void lemmyAnnounceWrapsTheWholeCreate() throws Exception {
    Activity announce = activity("lemmy/announce_create_page.json");
    assertEquals("Announce", announce.type());
    assertEquals("Create", announce.objectType());
    Activity create = Normalizer.activity(announce.object());
    assertEquals("http://enterprise.lemmy.ml/u/lemmy_beta", create.actor());
    ApObject page = Normalizer.object(create.object());
    assertEquals("Page", page.type());
    assertEquals("post 4", page.name());
    assertNull(page.content(), "a link post may have no body");
    assertTrue(page.addresses(announce.actor()), "the community is in the page's to");
    assertEquals("http://enterprise.lemmy.ml/post/7", create.objectId());
  }

  @Test
  void mbinAndPiefedWrapLikesDeletesAndCreatesTheSameWay() throws Exception {
    Activity like = Normalizer.activity(activity("mbin/announce_like.json").object());
    assertEquals("Like", like.type());
    assertEquals("https://kbin.test/m/test", like.audience());
    Activity delete = Normalizer.activity(activity("mbin/announce_delete.json").object());
    assertEquals("Delete", delete.type());
    assertEquals("Tombstone", delete.objectType());
    assertFalse(delete.deletesActor());
    Activity piefed = activity("piefed/announce_create_page.json");
    ApObject page = Normalizer.object(Normalizer.activity(piefed.object()).object());
    assertEquals("https://piefed.social/c/piefed_meta", page.audience());
    assertTrue(page.addresses("https://piefed.social/c/piefed_meta"));
    assertEquals(List.of(new Tag("Hashtag", "https://piefed.social/tag/fediverse", "#fediverse"),
        new Tag("Hashtag", "https://piefed.social/tag/piefed", "#piefed")), page.tag());
  }

  @Test
  void mbinNullContentAndNullContentMapGiveNoContent() throws Exception {
    Activity create = Normalizer.activity(activity("mbin/announce_create_page.json").object());
    ApObject page = Normalizer.object(create.object());
    assertNull(page.content());
    assertEquals("test #test", page.summary());
    assertNull(page.inReplyTo());
  }

  @Test
  void lemmyPostsAndCommentsNameTheirCommunity() throws Exception {
    ApObject page = object("lemmy/page.json");
    assertEquals("https://enterprise.lemmy.ml/c/tenforward", page.audience());
    assertTrue(page.addresses("https://enterprise.lemmy.ml/c/tenforward"));
    ApObject comment = object("lemmy/comment.json");
    assertEquals("https://enterprise.lemmy.ml/post/55143", comment.inReplyTo());
    assertTrue(comment.addresses("https://enterprise.lemmy.ml/c/tenforward"));
    Activity create = activity("lemmy/create_page.json");
    assertEquals("https://enterprise.lemmy.ml/c/main", create.audience());
    assertEquals(List.of("http://enterprise.lemmy.ml/c/main"), create.cc());
  }

  @Test
  void lemmyGroupNamesItsModeratorsAndFeaturedPosts() throws Exception {
    Actor group = actor("lemmy/group.json");
    assertEquals("https://enterprise.lemmy.ml/c/tenforward/moderators", group.attributedTo());
    assertEquals("https://enterprise.lemmy.ml/c/tenforward//featured", group.featured());
    assertFalse(group.postingRestrictedToMods());
    assertEquals(new Image("Image", null, "https://enterprise.lemmy.ml/pictrs/image/waqyZwLAy4.webp"), group.icon());
    OrderedCollection moderators = Normalizer.collection(load("lemmy/moderators_collection.json"));
    assertNull(moderators.totalItems(), "Lemmy omits totalItems");
    assertEquals(List.of("https://enterprise.lemmy.ml/u/picard"),
        moderators.orderedItems().stream().map(n -> Iris.iri((JsonNode) n)).toList());
  }

  @Test
  void piefedFeedCollectionListsItsEntriesInItems() throws Exception {
    OrderedCollection feed = Normalizer.collection(load("piefed/feed_following_collection.json"));
    assertEquals(2L, feed.totalItems());
    assertEquals(List.of("https://example.com/c/communityname", "https://server2.name/c/community-two-name"),
        feed.orderedItems().stream().map(n -> Iris.iri((JsonNode) n)).toList());
  }

  @Test
  void mastodonFeaturedCollectionEmbedsNotes() throws Exception {
    OrderedCollection featured = Normalizer.collection(load("mastodon/featured_collection.json"));
    assertEquals(1L, featured.totalItems());
    ApObject pinned = Normalizer.object((JsonNode) featured.orderedItems().get(0));
    assertEquals("https://mastodon.social/users/LemmyDev", pinned.attributedTo());
    assertEquals(3, pinned.tag().size());
  }

  @Test
  void smithereenIconKeepsTheCroppedUrlNotTheNestedImage() throws Exception {
    Actor a = actor("smithereen/person.json");
    JsonNode icon = load("smithereen/person.json").get("icon");
    assertEquals(text(icon, "url"), a.icon().url());
    assertNotEquals(text(icon.get("image"), "url"), a.icon().url());
    assertEquals("image/jpeg", a.icon().mediaType());
    ApObject note = object("smithereen/note.json");
    assertEquals(List.of(new Tag("Mention", "https://ds9.lemmy.ml/u/nutomic", null)), note.tag(),
        "Smithereen mentions carry no name");
  }

  @Test
  void pleromaRelayAndPersonKeepTheirQuirks() throws Exception {
    Actor relay = actor("pleroma/relay_actor.json");
    assertNull(relay.name(), "Pleroma's relay sends name: null");
    assertTrue(relay.publicKey().publicKeyPem().endsWith("-----END PUBLIC KEY-----\n\n"),
        "the PEM is kept byte for byte, trailing blank line included");
    assertEquals(List.of(), relay.alsoKnownAs());
    Actor person = actor("pleroma/person.json");
    assertEquals("https://queer.hacktivis.me/inbox", person.deliveryInbox());
    ApObject note = object("pleroma/note.json");
    assertEquals("", note.summary(), "an empty summary is no content warning");
    assertNull(note.sensitive(), "Pleroma sends sensitive: null");
    assertFalse(note.to().contains(As.PUBLIC));
    assertEquals(List.of(As.PUBLIC), note.cc(), "an unlisted Pleroma post has Public in cc");
    assertTrue(note.isPublicOrUnlisted());
  }

  @Test
  void mastodonInstanceActorIsAnApplicationNamedAfterItsDomain() throws Exception {
    Actor a = actor("mastodon/instance_actor.json");
    assertEquals("Application", a.type());
    assertEquals("masto.asonix.dog", a.preferredUsername());
    assertTrue(a.manuallyApprovesFollowers());
    assertEquals("https://masto.asonix.dog/actor#main-key", a.publicKey().id());
    Actor gts = actor("gotosocial/application.json");
    assertEquals("Application", gts.type());
  }

  @Test
  void moveIsAcceptedOnlyWhenTheTargetListsTheOrigin() throws Exception {
    Activity move = activity("mastodon/synthetic-move.json");
    assertEquals("Move", move.type());
    assertEquals(move.actor(), move.objectId());
    Actor target = actor("mastodon/person_also_known_as.json");
    assertEquals(move.target(), target.id());
    assertTrue(target.alsoKnownAs().contains(move.actor()));
    Actor moved = actor("gotosocial/person_moved.json");
    assertEquals("http://localhost:8080/users/1happyturtle", moved.movedTo());
    assertEquals(List.of("http://localhost:8080/users/1happyturtle"), moved.alsoKnownAs());
    assertEquals(List.of(), actor("mastodon/person.json").alsoKnownAs(), "no alsoKnownAs is an empty list");
  }

  @Test
  void deleteOfAnActorIsToldApartFromDeleteOfANote() throws Exception {
    assertTrue(activity("lemmy/delete_user.json").deletesActor());
    Activity note = activity("mastodon/delete_note.json");
    assertFalse(note.deletesActor());
    assertEquals("Tombstone", note.objectType());
    assertEquals("https://mastodon.madrid/users/felix/statuses/107773559874184870", note.objectId());
    assertFalse(activity("pleroma/delete_note.json").deletesActor());
  }

  @Test
  void undoCarriesTheOriginalFollowOrLike() throws Exception {
    for (String name : List.of("mastodon/undo_follow.json", "misskey/undo_follow.json")) {
      Activity undo = activity(name);
      Activity follow = Normalizer.activity(undo.object());
      assertEquals("Follow", follow.type(), name);
      assertEquals(undo.actor(), follow.actor(), name);
    }
    Activity like = Normalizer.activity(activity("mastodon/undo_like_page.json").object());
    assertEquals("https://ds9.lemmy.ml/post/147", like.objectId());
  }

  @Test
  void updateOfAPersonEmbedsTheWholeActor() throws Exception {
    Activity update = activity("mastodon/update_person.json");
    Actor person = Normalizer.actor(update.object());
    assertEquals(update.actor(), person.id());
    assertEquals("gargle", person.name());
    Activity mbin = activity("mbin/update_group.json");
    Actor magazine = Normalizer.actor(mbin.object());
    assertEquals("Group", magazine.type());
    assertNull(magazine.publicKey(), "Mbin's snapshot harness replaced the key by a string");
    assertEquals("https://kbin.test/m/test/moderators", magazine.attributedTo());
  }

  @Test
  void contentMapAloneIsRead() throws Exception {
    ObjectNode note = (ObjectNode) load("mastodon/note.json");
    String fromMap = note.get("contentMap").get("en").asText();
    note.remove("content");
    assertEquals(fromMap, Normalizer.object(note).content());
  }

  @Test
  void typeArraysPrefixedTypesAndAsPublicAreRead() throws Exception {
    ObjectNode note = (ObjectNode) load("lemmy/comment.json");
    note.putArray("type").add("as:Note").add("Question");
    note.put("to", "as:Public");
    ApObject o = Normalizer.object(note);
    assertEquals("Note", o.type());
    assertEquals(List.of(As.PUBLIC), o.to());
  }

  @Test
  void attributedToListingTheAuthorAndItsGroupYieldsTheAuthor() throws Exception {
    ObjectNode page = (ObjectNode) load("lemmy/page.json");
    page.putArray("attributedTo")
        .add(JsonLimits.MAPPER.createObjectNode().put("type", "Group").put("id", "https://enterprise.lemmy.ml/c/tenforward"))
        .add(JsonLimits.MAPPER.createObjectNode().put("type", "Person").put("id", "https://enterprise.lemmy.ml/u/picard"));
    assertEquals("https://enterprise.lemmy.ml/u/picard", Normalizer.object(page).attributedTo());
  }

  @Test
  void linksAsObjectsWithHrefAreRead() throws Exception {
    ObjectNode page = (ObjectNode) load("piefed/page_link.json");
    page.set("url", JsonLimits.MAPPER.createObjectNode().put("type", "Link")
        .put("href", "https://www.w3.org/TR/activitystreams-vocabulary"));
    assertEquals("https://www.w3.org/TR/activitystreams-vocabulary", Normalizer.object(page).url());
  }

  @Test
  void piefedQuestionIsAPost() throws Exception {
    ApObject poll = object("piefed/question.json");
    assertEquals("Question", poll.type());
    assertEquals("Poll Post Test", poll.name());
    assertEquals("https://piefed.social/c/playground", poll.audience());
  }

  // ---------------------------------------------------------------------------------- Hearth's own documents

  /** The RSA public key the signature tests use (src/test/resources/sig). */
  static String testPem() {
    try (InputStream in = PeerFixturesTest.class.getResourceAsStream("/sig/test-key.pub.pem")) {
      assertNotNull(in);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Group built field for field as the server's ActorMapper builds one. */
  static Actor hearthGroup() {
    String base = "https://hearth.example";
    String id = base + "/c/gardening";
    return new Actor(As.ACTOR_CONTEXT, id, "Group", "gardening", "Gardening", "<p>Seeds &amp; soil</p>", id,
        id + "/inbox", id + "/outbox", id + "/followers", null, id + "/featured", id + "/moderators",
        new Endpoints(base + "/inbox"), new PublicKeyDoc(id + "#main-key", id, testPem()), false, true, true, false,
        "2024-05-01T10:00:00Z", null, null, null, null);
  }

  /** The instance actor built as the server's ActorMapper builds it. */
  static Actor hearthInstanceActor() {
    String base = "https://hearth.example";
    String id = base + "/actor";
    return new Actor(As.ACTOR_CONTEXT, id, "Application", "instance.actor", "Hearth instance actor", null,
        base + "/", id + "/inbox", id + "/outbox", null, null, null, null, new Endpoints(base + "/inbox"),
        new PublicKeyDoc(id + "#main-key", id, testPem()), true, false, false, null, null, null, null, null, null);
  }

  /** What the normalizer is expected to give back for one of Hearth's actors: no context, and a list for aliases. */
  static Actor asRead(Actor a) {
    return new Actor(null, a.id(), a.type(), a.preferredUsername(), a.name(), a.summary(), a.url(), a.inbox(),
        a.outbox(), a.followers(), a.following(), a.featured(), a.attributedTo(), a.endpoints(), a.publicKey(),
        a.manuallyApprovesFollowers(), a.discoverable(), a.indexable(), a.postingRestrictedToMods(), a.published(),
        a.icon(), a.image(), a.alsoKnownAs() == null ? List.of() : a.alsoKnownAs(), a.movedTo());
  }

  @Test
  void hearthActorsRoundTrip() throws Exception {
    for (Actor mine : List.of(hearthGroup(), hearthInstanceActor())) {
      byte[] wire = JsonLimits.MAPPER.writeValueAsBytes(mine);
      Actor read = Normalizer.actor(JsonLimits.parse(wire));
      assertEquals(asRead(mine), read, mine.type());
      assertEquals(read, Normalizer.actor(JsonLimits.MAPPER.valueToTree(read)), mine.type());
    }
  }

  @Test
  void hearthGroupMeetsEveryPeersRequirements() throws Exception {
    JsonNode wire = JsonLimits.parse(JsonLimits.MAPPER.writeValueAsBytes(hearthGroup()));
    assertEquals(List.of(), PeerRequirements.checkGroupActor(wire));
  }

  @Test
  void hearthCollectionsRoundTrip() throws Exception {
    String outbox = "https://hearth.example/c/gardening/outbox";
    List<JsonNode> items = List.of(load("lemmy/announce_create_page.json"),
        JsonLimits.MAPPER.getNodeFactory().textNode("https://hearth.example/activities/1"));
    List<OrderedCollection> mine = List.of(
        OrderedCollection.summary(outbox, 2, outbox + "?page=1"),
        OrderedCollection.page(outbox + "?page=2", outbox, 42, outbox + "?page=3", outbox + "?page=1", items),
        new OrderedCollection(As.NS, "https://hearth.example/c/gardening/featured", "OrderedCollection", 0L, null,
            null, null, null, List.of()));
    for (OrderedCollection c : mine) {
      OrderedCollection read = Normalizer.collection(JsonLimits.parse(JsonLimits.MAPPER.writeValueAsBytes(c)));
      assertEquals(new OrderedCollection(null, c.id(), c.type(), c.totalItems(), c.partOf(), c.first(), c.next(),
          c.prev(), c.orderedItems()), read, c.id());
      assertEquals(read, Normalizer.collection(JsonLimits.MAPPER.valueToTree(read)), c.id());
    }
  }
}
