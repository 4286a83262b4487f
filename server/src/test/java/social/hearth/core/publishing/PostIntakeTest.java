package social.hearth.core.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Addressing;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.Moderation;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.Verdict;
import social.hearth.core.port.BanStore;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.PostingStandings;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Transactions;
import social.hearth.core.port.Tx;

/**
 * The posting policy and the addressing rules of {@link PostIntake}, built on in-memory stores: which communities
 * re-share a received post, without a database, an HTTP server or any ActivityPub.
 */
class PostIntakeTest {

  private static final String ALICE = "https://remote.example/users/alice";
  private static final String BOB = "https://remote.example/users/bob";

  private final Map<String, Community> communities = Map.of(
      "books", community(1, "books", Community.PostingPolicy.MEMBERS),
      "news", community(2, "news", Community.PostingPolicy.MODERATORS),
      "open", community(3, "open", Community.PostingPolicy.ANYONE));
  /** (community id, actor) -> role of accepted members. */
  private final Map<String, Member.Role> memberships = Map.of(
      "1 " + ALICE, Member.Role.MEMBER, "2 " + ALICE, Member.Role.MEMBER);
  private final Set<String> banned = Set.of("3 " + BOB);
  /** Re-shared posts: object id -> community ids holding it. */
  private final Map<String, List<Long>> held = Map.of("https://remote.example/notes/parent", List.of(2L));

  private final List<String> published = new ArrayList<>();
  private final List<String> reviewed = new ArrayList<>();

  @Test
  void aMembersPublicPostIsReSharedWhereItIsAddressed() {
    accept(post(ALICE, null), public_("books", "open"));
    assertEquals(List.of("books", "open"), published);
  }

  @Test
  void someoneWhoIsNotAMemberIsReSharedOnlyWhereAnyoneMayPost() {
    accept(post(BOB, null), public_("books", "news"));
    assertEquals(List.of(), published);
    assertEquals(List.of(), reviewed, "refused by the posting policy before the filters");
  }

  @Test
  void aBannedAccountIsNeverReShared() {
    accept(post(BOB, null), public_("open"));
    assertEquals(List.of(), published);
  }

  @Test
  void anAnnouncementChannelTakesMembersOnlyWhenTheyReplyInAThreadAndRepliesAreAllowed() {
    accept(post(ALICE, null), public_("news"));
    assertEquals(List.of(), published, "a member is not a moderator");
    accept(post(ALICE, "https://remote.example/notes/parent"), public_());
    assertEquals(List.of("news"), published, "a reply in a thread the channel re-shared, members may reply");
  }

  @Test
  void aPostDeliveredToOneCommunitysInboxIsOnlyForThatCommunity() {
    accept(post(ALICE, null), new Addressing(new LinkedHashSet<>(List.of("books", "open")), true, "open"));
    assertEquals(List.of("open"), published);
  }

  @Test
  void aFollowersOnlyPostIsNotReShared() {
    accept(post(ALICE, null), new Addressing(Set.of(), false, null));
    accept(post(ALICE, "https://remote.example/notes/parent"), new Addressing(Set.of(), false, null));
    assertTrue(published.isEmpty());
  }

  @Test
  void aPostItsAuthorDeletedBeforeItArrivedIsNotReShared() {
    ReceivedPost early = post(ALICE, null);
    deletions.add(early.id() + " " + ALICE);
    accept(early, public_("books", "open"));
    assertEquals(List.of(), published, "the Delete overtook the Create");
    assertEquals(List.of(), reviewed);
  }

  @Test
  void aDeletionBySomeoneElseDoesNotSuppressThePost() {
    ReceivedPost post = post(ALICE, null);
    deletions.add(post.id() + " " + BOB);
    accept(post, public_("books"));
    assertEquals(List.of("books"), published, "only the author's own Delete counts");
  }

  // ------------------------------------------------------------------ wiring on in-memory stores

  /** Deleted objects: "object-id actor-id". */
  private final Set<String> deletions = new java.util.HashSet<>();

  private void accept(ReceivedPost post, Addressing to) {
    intake().accept(post, to, Submission.like(post.authorId(), "remote.example"), new Verbatim("https://remote.example/create/1", "{}"))
        .await();
  }

  private PostIntake intake() {
    CommunityStore communityStore = stub(CommunityStore.class, Map.of(
        "bySlug", args -> Future.succeededFuture(Optional.ofNullable(communities.get((String) args[0]))),
        "byId", args -> Future.succeededFuture(communities.values().stream().filter(c -> c.id() == (long) args[0]).findFirst())));
    PostStore posts = stub(PostStore.class, Map.of(
        "byObject", args -> Future.succeededFuture(held.getOrDefault((String) args[0], List.of()).stream()
            .map(id -> new Post(10 + id, id, (String) args[0], "https://remote.example/users/carol", "Note", null, null, false))
            .toList()),
        "inCommunity", args -> Future.succeededFuture(held.getOrDefault((String) args[1], List.of()).contains((long) args[0])
            ? Optional.of(new Post(10, (long) args[0], (String) args[1], "x", "Note", null, null, false)) : Optional.empty()),
        "insert", args -> {
          published.add(communities.values().stream().filter(c -> c.id() == (long) args[1]).findFirst().orElseThrow().slug());
          return Future.succeededFuture(Optional.empty());
        }));
    MemberStore members = stub(MemberStore.class, Map.of(
        "find", args -> Future.succeededFuture(Optional.ofNullable(memberships.get(args[0] + " " + args[1]))
            .map(role -> new Member((long) args[0], (String) args[1], "f", Member.State.ACCEPTED, role, null, null,
                OffsetDateTime.now(), null)))));
    BanStore bans = stub(BanStore.class, Map.of(
        "isBanned", args -> Future.succeededFuture(banned.contains(args[0] + " " + args[1]))));
    Transactions transactions = new Transactions() {
      @Override
      public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
        return work.apply(new Tx() {});
      }
    };
    TransactionalOutbox out = new TransactionalOutbox(transactions, stub(Outbound.class, Map.of()), () -> { });
    Screening screening = (c, s, activityId, objectId, activity, object) -> {
      reviewed.add(c.slug());
      return Future.succeededFuture(new Moderation.Review(1, Verdict.of(List.of()), true));
    };
    PostingStandings standings = stub(PostingStandings.class, Map.of("author", args -> {
      Community c = communities.get((String) args[0]);
      String author = (String) args[1];
      return Future.succeededFuture(Optional.ofNullable(c).map(community -> new PostingStandings.Author(community,
          deletions.contains(args[2] + " " + author), banned.contains(community.id() + " " + author),
          Optional.ofNullable(memberships.get(community.id() + " " + author)).map(role -> new Member(community.id(), author,
              "f", Member.State.ACCEPTED, role, null, null, OffsetDateTime.now(), null)), null, 0, null)));
    }));
    return new PostIntake(new CommunityService(communityStore, null), posts, members, bans, screening,
        new Publishing(out, posts), null, standings,
        stub(social.hearth.core.port.Actors.class, Map.of("spoke", args -> Future.succeededFuture())));
  }

  @SuppressWarnings("unchecked")
  private static <T> T stub(Class<T> type, Map<String, Function<Object[], Object>> answers) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      Function<Object[], Object> answer = answers.get(method.getName());
      if (answer == null) {
        throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
      }
      return answer.apply(args);
    });
  }

  private static ReceivedPost post(String author, String inReplyTo) {
    String id = "https://remote.example/notes/" + Math.abs((author + inReplyTo).hashCode());
    return new ReceivedPost(id, "Note", author, "<p>hello</p>", inReplyTo, new Verbatim(id, "{}"));
  }

  private static Addressing public_(String... slugs) {
    return new Addressing(new LinkedHashSet<>(List.of(slugs)), true, null);
  }

  private static Community community(long id, String slug, Community.PostingPolicy policy) {
    return new Community(id, slug, slug, "", "pem", OffsetDateTime.now(), true, false, Community.JoinPolicy.OPEN, policy,
        true, null, "", 0, 7, null);
  }
}
