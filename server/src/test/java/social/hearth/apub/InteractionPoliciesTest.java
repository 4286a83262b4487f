package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.As;

/** The interactionPolicy a community's own posts carry: who may quote them without asking (as Mastodon 4.5 writes it). */
class InteractionPoliciesTest {

  static final Uris URIS = new Uris(URI.create("https://hearth.example"));
  static final InteractionPolicies POLICIES = new InteractionPolicies(URIS);

  static Community community(Community.QuotePolicy canQuote) {
    return new Community(1, "club", "Club", "", "pem", OffsetDateTime.now(), true, false, Community.JoinPolicy.OPEN,
        Community.PostingPolicy.MEMBERS, true, null, "", 7, 7, null, false, "en", canQuote);
  }

  @Test
  void everyoneMembersAndNobodyBecomeThePublicTheFollowersAndTheCommunityItself() {
    assertEquals("{\"canQuote\":{\"automaticApproval\":[\"" + As.PUBLIC + "\"]}}",
        POLICIES.forCommunity(community(Community.QuotePolicy.EVERYONE)).toString());
    assertEquals("{\"canQuote\":{\"automaticApproval\":[\"https://hearth.example/c/club/followers\"]}}",
        POLICIES.forCommunity(community(Community.QuotePolicy.MEMBERS)).toString());
    assertEquals("{\"canQuote\":{\"automaticApproval\":[\"https://hearth.example/c/club\"]}}",
        POLICIES.forCommunity(community(Community.QuotePolicy.NOBODY)).toString());
    assertEquals(POLICIES.forCommunity(community(Community.QuotePolicy.NOBODY)),
        POLICIES.authorOnly(community(Community.QuotePolicy.EVERYONE)), "direct messages: only the community");
  }

  @Test
  void theContextDefinesTheTermsAsIrisInGoToSocialsNamespace() {
    var context = InteractionPolicies.context();
    assertEquals("https://gotosocial.org/ns#", context.get("gts").asText());
    for (String term : new String[] {"interactionPolicy", "canQuote", "automaticApproval", "manualApproval"}) {
      assertEquals("gts:" + term, context.get(term).get("@id").asText());
      assertEquals("@id", context.get(term).get("@type").asText());
    }
  }

  @Test
  void onlyObjectsUnderACommunityAreItsOwnNotItsCollectionsOrPages() {
    assertEquals("club", URIS.communityObjectOwner("https://hearth.example/c/club/notes/5d0c").orElseThrow());
    for (String not : new String[] {"https://hearth.example/c/club", "https://hearth.example/c/club/followers",
        "https://hearth.example/c/club/inbox", "https://hearth.example/c/club/notes/1#x", "https://hearth.example/u/ann",
        "https://other.example/c/club/notes/1", "https://hearth.example/c/club/tags/books",
        "https://hearth.example/c/club/quote-authorizations/1"}) {
      assertEquals(java.util.Optional.empty(), URIS.communityObjectOwner(not), not);
    }
  }
}
