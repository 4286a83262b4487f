package social.hearth.core.wiki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.Tx;
import social.hearth.core.port.WikiEditorStore;

/**
 * The one check of who may edit a wiki, as a member's session will use it: staff of the community always; a member
 * only while listed by staff and still a member; a staff account's Person of this server when listed; nobody else,
 * and an edit by someone who may not is refused before anything is saved.
 */
class WikiEditorsTest {

  static final String ANA = "https://remote.example/users/ana";
  static final String EVE = "https://hearth.example/u/eve";
  final Community c = new Community(1, "c", "C", "", "pem", OffsetDateTime.now(), true, false,
      Community.JoinPolicy.OPEN, Community.PostingPolicy.MEMBERS, true, null, "", 7, 7, null, false, "en",
      Community.QuotePolicy.EVERYONE);
  final Set<String> listed = new HashSet<>();
  final Set<String> accepted = new HashSet<>();
  final List<String> saves = new ArrayList<>();

  final WikiEditorStore store = new WikiEditorStore() {
    @Override
    public Future<List<String>> list(long communityId) {
      return Future.succeededFuture(List.copyOf(listed));
    }

    @Override
    public Future<Boolean> isEditor(long communityId, String actorId) {
      return Future.succeededFuture(listed.contains(actorId));
    }

    @Override
    public Future<Void> replace(Tx tx, long communityId, List<String> actorIds, String by) {
      listed.clear();
      listed.addAll(actorIds);
      return Future.succeededFuture();
    }
  };
  final MemberStore members = (MemberStore) Proxy.newProxyInstance(MemberStore.class.getClassLoader(),
      new Class<?>[] {MemberStore.class}, (proxy, method, args) -> {
        if (method.getName().equals("isAccepted")) {
          return Future.succeededFuture(accepted.contains((String) args[1]));
        }
        throw new UnsupportedOperationException(method.getName());
      });
  final WikiEditors editors = new WikiEditors(null, store, members, iri -> Future.succeededFuture(iri.equals(EVE)),
      null, null);

  boolean may(WikiEditors.Principal who) {
    return editors.mayEdit(c, who).result();
  }

  @Test
  void aMemberEditsOnlyWhileListedAndAMember() {
    WikiEditors.Principal ana = WikiEditors.Principal.member(ANA);
    assertFalse(may(ana), "a member nobody listed");
    accepted.add(ANA);
    assertFalse(may(ana), "a member, not listed");
    listed.add(ANA);
    assertTrue(may(ana), "listed and a member");
    assertEquals(ANA, ana.by(), "the revision records the member's actor");
    accepted.remove(ANA);
    assertFalse(may(ana), "listed, but no longer a member (left, removed or banned)");
  }

  @Test
  void staffOfTheCommunityAlwaysEditAndOtherStaffOnlyWhenListed() {
    assertTrue(may(WikiEditors.Principal.staff("mo", "https://hearth.example/u/mo", true)));
    WikiEditors.Principal eve = WikiEditors.Principal.staff("eve", EVE, false);
    assertFalse(may(eve));
    listed.add(EVE);
    assertTrue(may(eve), "a staff account's Person needs no membership");
    assertEquals("staff:eve", eve.by());
    assertFalse(may(null), "a visitor");
  }

  @Test
  void anEditBySomeoneWhoMayNotIsRefusedWith403() {
    Future<Wiki.Saved> refused = editors.edit(c, WikiEditors.Principal.member(ANA), "Rules", "text", "");
    assertTrue(refused.failed());
    CoreException e = (CoreException) refused.cause();
    assertEquals(CoreException.Kind.FORBIDDEN, e.kind());
    assertEquals("wiki.forbidden", e.code());
  }
}
