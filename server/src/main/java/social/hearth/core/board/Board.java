package social.hearth.core.board;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.BoardIdea;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.port.Actors;
import social.hearth.core.port.BoardStore;
import social.hearth.core.port.BoardWire;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.Outbound;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.PublishHooks;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.text.Html;
import social.hearth.core.util.Keys;

/**
 * The community's feedback board (issue 19): a post the community re-shares with one of its idea hashtags
 * ({@code #idea} and {@code #идея} unless staff chose others) becomes an idea linked to it; members' likes of it are
 * votes (a Like or an EmojiReact +1, Lemmy's Dislike -1; one per member, the last counts); staff set a status with a
 * comment, which the community publishes as a public reply to the idea, addressed to its author and its voters, and
 * keeps as a post of the idea's thread (its web page shows it under the idea).
 */
public final class Board implements PublishHooks {

  /** The idea hashtags when staff set none. */
  public static final List<String> DEFAULT_HASHTAGS = List.of("idea", "идея");
  /** The longest staff comment. */
  public static final int COMMENT_MAX = 2_000;
  private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_#])#([\\p{L}\\p{N}_]{1,60})");

  private final TransactionalOutbox out;
  private final BoardStore store;
  private final BoardWire wire;
  private final MemberStore members;
  private final Actors actors;
  private final Voice voice;
  private final AuditLog audit;
  private final PostStore posts;

  public Board(TransactionalOutbox out, BoardStore store, BoardWire wire, MemberStore members, Actors actors,
               Voice voice, AuditLog audit, PostStore posts) {
    this.posts = posts;
    this.out = out;
    this.store = store;
    this.wire = wire;
    this.members = members;
    this.actors = actors;
    this.voice = voice;
    this.audit = audit;
  }

  public BoardWire wire() {
    return wire;
  }

  /** The community's idea hashtags. */
  public Future<List<String>> hashtags(Community c) {
    return store.hashtags(c.id()).map(h -> h == null ? DEFAULT_HASHTAGS : h);
  }

  /** Sets the idea hashtags (one to five, letters, digits and _; a leading # is dropped). */
  public Future<List<String>> setHashtags(Community c, List<String> raw, String by) {
    List<String> tags = new ArrayList<>();
    for (String t : raw == null ? List.<String>of() : raw) {
      String tag = t == null ? "" : t.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
      if (!tag.matches("[\\p{L}\\p{N}_]{1,60}")) {
        return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "board.hashtag",
            "hashtags: each is letters, digits or _ (at most 60), like idea or идея"));
      }
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    if (tags.isEmpty() || tags.size() > 5) {
      return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "board.hashtags",
          "hashtags: one to five hashtags"));
    }
    return store.setHashtags(c.id(), tags).compose(v -> audit.record(c.id(), by, "board.hashtags", null, null, null,
        AuditLog.detail("hashtags", String.join(" ", tags)))).map(tags);
  }

  /** The hashtags in a post's text, lower case. */
  static List<String> hashtagsOf(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = HASHTAG.matcher(Html.text(html == null ? "" : html));
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  @Override
  public Future<Void> published(Tx tx, Community c, long postId, ReceivedPost post) {
    List<String> tags = hashtagsOf(post.content());
    if (tags.isEmpty()) {
      return Future.succeededFuture();
    }
    return hashtags(c).compose(ideaTags -> tags.stream().noneMatch(ideaTags::contains) ? Future.succeededFuture()
        : store.add(tx, Keys.newKey(), c.id(), postId, post.id(), post.authorId(),
            Html.cut(Html.text(post.content()), 300)).mapEmpty());
  }

  @Override
  public Future<Void> liked(Tx tx, Community c, String objectId, String actor) {
    return store.vote(tx, c.id(), objectId, actor, 1, null).mapEmpty();
  }

  /** Lemmy's Dislike ({@code dislikeId}) of an idea by a member of its community: their vote counts against it. */
  public Future<Void> disliked(String dislikeId, String objectId, String actor) {
    return store.communitiesWith(objectId).compose(ids -> Future.all(ids.stream().map(id ->
        members.isAccepted(id, actor).compose(member -> !member ? Future.<Void>succeededFuture()
            : out.inTransaction(tx -> store.vote(tx, id, objectId, actor, -1, dislikeId)).<Void>mapEmpty())).toList()))
        .mapEmpty();
  }

  /**
   * A Dislike undone: the member's vote against is taken back, the Dislike known by its id or by the idea's object
   * (either may be null). An undone Like or EmojiReact takes its vote back with the like itself (V57's trigger on
   * likes, in the transaction of {@code Retractions.unlike}).
   */
  public Future<Void> undisliked(String dislikeId, String objectId, String actor) {
    if (dislikeId == null && objectId == null) {
      return Future.succeededFuture();
    }
    return out.inTransaction(tx -> store.withdrawAgainst(tx, actor, dislikeId, objectId)).mapEmpty();
  }

  /** The ideas, most votes first; {@code status} null for all. */
  public Future<List<BoardIdea>> list(Community c, BoardIdea.Status status) {
    return store.list(c.id(), status, 500);
  }

  public Future<BoardIdea> get(Community c, String key) {
    return store.byKey(c.id(), key).map(i -> i.orElseThrow(() -> CoreException.notFound("no idea " + key)));
  }

  /**
   * Sets an idea's status with a comment, published by the community as a reply to the idea (to its author and
   * voters); returns the idea as it is now.
   */
  public Future<BoardIdea> setStatus(Community c, String key, String rawStatus, String comment, String by) {
    BoardIdea.Status status = BoardIdea.Status.parse(rawStatus);
    if (status == null) {
      return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "board.status",
          "status: one of new, under_review, planned, done, declined"));
    }
    String text = comment == null ? "" : comment.strip();
    if (text.length() > COMMENT_MAX) {
      return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "board.comment.long",
          "comment: at most " + COMMENT_MAX + " characters"));
    }
    return get(c, key).compose(idea -> actors.get(idea.author()).compose(author -> store.voters(idea.id())
        .compose(voters -> {
          String lang = c.language() == null ? "en" : c.language();
          String html = "<p>" + Html.escape(voice.text(lang, "board.status",
              voice.text(lang, "board.status." + status.wire()))) + "</p>"
              + (text.isEmpty() ? "" : Html.paragraphs(text));
          String iri = wire.replyIri(c, idea.key());
          String json = wire.reply(c, iri, idea.objectId(), html, author, voters);
          return out.send(tx -> store.setStatus(tx, idea.id(), status, text.isEmpty() ? null : text)
              .compose(now -> store.addReply(tx, idea.id(), iri, json)
                  // the reply is also the community's post in the idea's thread, shown under it on its page
                  .compose(v -> posts.insert(tx, c.id(), iri, wire.author(c), "Note", html, idea.objectId(), json))
                  .compose(v -> out.outbound().ownPost(tx, c, Outbound.OwnChange.CREATE, iri, json,
                      List.of(new social.hearth.core.domain.PostBody.Mention(author.id(), null, null, author.inbox(),
                          author.host()))))
                  .compose(n -> audit.record(tx, c.id(), by, "board.status", idea.objectId(), text.isEmpty() ? null
                      : text, null, AuditLog.detail("key", key, "status", status.wire())))
                  .map(now)));
        })));
  }

  /** A status reply's JSON, by its IRI. */
  public Future<java.util.Optional<String>> reply(String iri) {
    return store.reply(iri);
  }
}
