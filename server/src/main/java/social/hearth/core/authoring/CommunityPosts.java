package social.hearth.core.authoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.PostImage;
import social.hearth.core.port.AuthoredPostStore;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.Tx;
import social.hearth.core.util.Keys;

/**
 * Posts a community's staff write in Hearth: as the community (the Group authors a Note to the public and its
 * followers) or as themselves (their Person authors it with {@code audience} = the community, and the community
 * re-shares it as it re-shares a member's post). Written now or at a set time ({@code publishAt}: the post waits in
 * the database and {@link Publisher} publishes it once, whichever node gets to it), edited (an Update, the same IRI)
 * and deleted (a Delete; a staff post's re-share is taken back as a removal is). Everything is checked before
 * anything is written, so a refused post leaves nothing published.
 */
public final class CommunityPosts {

  /** What staff send; on an edit, null fields stay as they are ({@code images} null: the images stay). */
  public record Draft(String content, String summary, String language, String as, Boolean pin,
                      OffsetDateTime publishAt, List<ImageInput> images, Boolean membersOnly) {

    /** A draft that leaves the visibility as it is (public for a new post). */
    public Draft(String content, String summary, String language, String as, Boolean pin, OffsetDateTime publishAt,
                 List<ImageInput> images) {
      this(content, summary, language, as, pin, publishAt, images, null);
    }
  }

  /** An image of a draft: an upload kept already ({@code key}) or new bytes, with its alt text. */
  public record ImageInput(String key, byte[] bytes, String alt) {}

  /** A post as written, and the handles it names that could not be found (left as text). */
  public record Written(AuthoredPost post, List<String> unresolved) {}

  /** How long a claimed due post is held by one node before another may take it over. */
  static final Duration LEASE = Duration.ofMinutes(2);
  /** A time this close to now counts as now. */
  static final Duration NOW = Duration.ofSeconds(5);

  private final Publisher publisher;
  private final AuthoredPostStore store;
  private final PostStore posts;
  private final CommunityService communities;
  private final Writing writing;
  private final AuditLog audit;
  private final Clock clock;
  private final Vertx vertx;

  public CommunityPosts(Publisher publisher, AuthoredPostStore store, PostStore posts, CommunityService communities,
                        Writing writing, AuditLog audit, Clock clock, Vertx vertx) {
    this.publisher = publisher;
    this.store = store;
    this.posts = posts;
    this.communities = communities;
    this.writing = writing;
    this.audit = audit;
    this.clock = clock;
    this.vertx = vertx;
  }

  /** Checks and re-encodes an uploaded image and keeps it for a post to come; returns its key. */
  public Future<PostImage> upload(Community c, byte[] bytes) {
    return vertx.executeBlocking(() -> Images.clean(bytes), false).compose(clean -> {
      String key = Keys.newKey();
      return store.storeImage(c.id(), key, clean.contentType(), clean.bytes(), clean.width(), clean.height())
          .map(new PostImage(key, clean.contentType(), clean.width(), clean.height(), ""));
    });
  }

  /** Renders Markdown as the post would show (mentions looked up), without writing anything. */
  public Future<PostText.Rendered> preview(Community c, String markdown) {
    return writing.render(c, Writing.content(markdown));
  }

  public Future<List<AuthoredPost>> list(Community c) {
    return store.list(c.id(), 200);
  }

  /** A post that is not deleted; 404 otherwise. */
  public Future<AuthoredPost> get(Community c, String key) {
    return store.byKey(c.id(), key).compose(p -> p.isEmpty() || p.get().state() == AuthoredPost.State.DELETED
        ? Future.failedFuture(CoreException.notFound("the community has no post " + key)) : Future.succeededFuture(p.get()));
  }

  /** Writes a post: published now, or kept until {@code publishAt}. */
  public Future<Written> create(Community c, Draft d, String by) {
    return create(c, d, by, (tx, p) -> Future.succeededFuture());
  }

  /**
   * As {@link #create(Community, Draft, String)}, with {@code also} run in the post's transaction once the post is
   * written: its failure rolls the post back too (the digest records its period so, exactly once).
   */
  public Future<Written> create(Community c, Draft d, String by,
                                java.util.function.BiFunction<Tx, AuthoredPost, Future<Void>> also) {
    String content;
    String summary;
    String language;
    OffsetDateTime publishAt;
    try {
      content = Writing.content(d.content());
      summary = Writing.summary(d.summary());
      language = Writing.language(d.language());
      publishAt = when(d.publishAt());
      checkImages(d.images());
      if (Boolean.TRUE.equals(d.membersOnly()) && d.as() != null && !Writing.AS_COMMUNITY.equals(d.as())) {
        throw CoreException.badRequest("visibility: a post for members only is written as the community (Mastodon "
            + "does not show a community's re-share of a post that is not public)");
      }
      if (Boolean.TRUE.equals(d.membersOnly()) && Boolean.TRUE.equals(d.pin())) {
        throw CoreException.badRequest("pin: a post for members only is not pinned (the pinned posts are public)");
      }
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    boolean pin = Boolean.TRUE.equals(d.pin());
    boolean now = publishAt == null;
    return writing.author(c, d.as())
        .compose(author -> pinRoom(c, pin && now).map(author))
        .compose(author -> images(c, null, d.images()).compose(images -> writing.render(c, content).compose(rendered -> {
          String key = Keys.newKey();
          AuthoredPostStore.NewPost row = new AuthoredPostStore.NewPost(key, c.id(), author,
              writing.notes().postIri(key), content, summary, language, rendered.body(), pin,
              now ? AuthoredPost.State.PUBLISHING : AuthoredPost.State.SCHEDULED, publishAt, null, by,
              Boolean.TRUE.equals(d.membersOnly()));
          return publisher.out().send(tx -> store.insert(tx, row).compose(stored -> {
            AuthoredPost p = stored.orElseThrow().withImages(images);
            Future<Void> attached = store.setImages(tx, p.id(), c.id(), images);
            Future<AuthoredPost> done = now ? attached.compose(v -> publisher.publish(tx, c, p, null))
                : attached.map(p);
            return done.compose(saved -> also.apply(tx, saved).map(saved)).compose(saved -> audit.record(tx, c.id(), by, now ? "post.publish" : "post.schedule",
                saved.iri(), null, null, AuditLog.detail("key", key, "as", author == null ? Writing.AS_COMMUNITY : author,
                    "publishAt", publishAt == null ? null : publishAt.toString())).map(saved));
          })).map(saved -> new Written(saved, rendered.unresolved()));
        })))
        .onSuccess(w -> {
          if (w.post().pin() && now) {
            communities.changed(c.slug());
          }
        });
  }

  /**
   * A post the community writes by itself in the caller's transaction ({@code body} already safe HTML with its
   * mentions), published at once: the shout-outs of recognition (issue 18, {@link social.hearth.core.port.ShoutOuts}).
   */
  public Future<Void> shoutOut(Tx tx, Community c, String markdown, PostBody body, String language, boolean membersOnly) {
    String key = Keys.newKey();
    AuthoredPostStore.NewPost row = new AuthoredPostStore.NewPost(key, c.id(), null, writing.notes().postIri(key),
        markdown, null, language, body, false, AuthoredPost.State.PUBLISHING, null, null, "recognition", membersOnly);
    return store.insert(tx, row).compose(stored -> publisher.publish(tx, c, stored.orElseThrow(), null)).mapEmpty();
  }

  /** Edits a post: its text is rendered again; a published post keeps its IRI and is sent as an Update. */
  public Future<Written> edit(Community c, String key, Draft d, String by) {
    return get(c, key).compose(p -> {
      boolean published = p.state() == AuthoredPost.State.PUBLISHED;
      String content;
      OffsetDateTime publishAt;
      String summary;
      String language;
      try {
        content = d.content() == null ? p.markdown() : Writing.content(d.content());
        summary = d.summary() == null ? p.summary() : Writing.summary(d.summary());
        language = d.language() == null ? p.language() : Writing.language(d.language());
        if (published && d.publishAt() != null) {
          throw CoreException.badRequest("publishAt: the post is published already");
        }
        publishAt = d.publishAt() == null ? p.publishAt() : when(d.publishAt());
        if (!published && publishAt == null) {
          throw CoreException.badRequest("publishAt is required for a post that is not published yet");
        }
        checkImages(d.images());
        if (d.membersOnly() != null && d.membersOnly() != p.membersOnly()) {
          throw CoreException.badRequest("visibility: a written post keeps its visibility; delete it and write it again");
        }
      } catch (CoreException e) {
        return Future.failedFuture(e);
      }
      boolean pin = d.pin() == null ? p.pin() : d.pin();
      Future<String> author = d.as() == null ? Future.succeededFuture(p.author()) : writing.author(c, d.as());
      return author.compose(who -> {
        if (!java.util.Objects.equals(who, p.author()) && published) {
          return Future.failedFuture(CoreException.badRequest("as: a published post keeps its author"));
        }
        Future<List<PostImage>> images = d.images() == null ? Future.succeededFuture(p.images())
            : images(c, p.id(), d.images());
        return pinRoom(c, published && pin && !p.pin()).compose(v -> images).compose(list -> writing.render(c, content)
            .compose(rendered -> {
              AuthoredPostStore.Edit edit = new AuthoredPostStore.Edit(who, content, summary, language, rendered.body(),
                  pin, publishAt);
              return publisher.out().send(tx -> store.edit(tx, p.id(), edit)
                  .compose(v -> store.setImages(tx, p.id(), c.id(), list))
                  .compose(v -> {
                    AuthoredPost changed = publisher.edited(p, edit, list, OffsetDateTime.now(clock));
                    return (published ? publisher.update(tx, c, changed, p.pin()) : Future.succeededFuture(changed))
                        .compose(saved -> audit.record(tx, c.id(), by, "post.edit", saved.iri(), null, null,
                            AuditLog.detail("key", key)).map(saved));
                  })).map(saved -> new Written(saved, rendered.unresolved()));
            }));
      }).onSuccess(w -> communities.changed(c.slug()));
    });
  }

  /** Deletes a post: a published one is sent as a Delete (and its re-share taken back); a scheduled one is dropped. */
  public Future<Void> delete(Community c, String key, String by) {
    return get(c, key).compose(p -> (p.postId() == null ? Future.succeededFuture(Optional.<social.hearth.core.domain.Post>empty())
            : posts.inCommunity(c.id(), p.iri()))
        .compose(copy -> publisher.out().send(tx -> store.deleted(tx, p.id())
            .compose(v -> p.state() == AuthoredPost.State.PUBLISHED ? publisher.delete(tx, c, p, copy.orElse(null))
                : Future.<Void>succeededFuture())
            .compose(v -> audit.record(tx, c.id(), by, "post.delete", p.iri(), null, null, AuditLog.detail("key", key))))))
        .onSuccess(v -> communities.changed(c.slug()));
  }

  /** A time to publish at, checked: not in the past; null (now) when it is within a few seconds of now. */
  private OffsetDateTime when(OffsetDateTime at) {
    if (at == null) {
      return null;
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (at.isBefore(now.minus(NOW))) {
      throw CoreException.badRequest("publishAt " + at + " is in the past");
    }
    if (at.isAfter(now.plusYears(5))) {
      throw CoreException.badRequest("publishAt must be within five years");
    }
    return at.isAfter(now.plus(NOW)) ? at : null;
  }

  private static void checkImages(List<ImageInput> images) {
    if (images == null) {
      return;
    }
    if (images.size() > Images.MAX_PER_POST) {
      throw CoreException.badRequest("a post can have at most " + Images.MAX_PER_POST + " images");
    }
    for (ImageInput i : images) {
      if ((i.key() == null) == (i.bytes() == null)) {
        throw CoreException.badRequest("each image needs its data (or the key of an uploaded image)");
      }
      if (i.alt() != null && i.alt().length() > Images.MAX_ALT) {
        throw CoreException.badRequest("alt text must be at most " + Images.MAX_ALT + " characters");
      }
      if (i.bytes() != null && i.bytes().length > Images.MAX_BYTES) {
        throw CoreException.badRequest("an image is larger than " + Images.MAX_BYTES / (1024 * 1024) + " MB");
      }
    }
  }

  /** The draft's images: new bytes checked and kept first (all of them, before anything is published). */
  private Future<List<PostImage>> images(Community c, Long postId, List<ImageInput> inputs) {
    if (inputs == null || inputs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Future<PostImage>> each = new ArrayList<>();
    for (ImageInput i : inputs) {
      each.add(i.bytes() != null ? upload(c, i.bytes()) : Future.succeededFuture(null));
    }
    return Future.all(each).compose(done -> {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        keys.add(inputs.get(i).key() != null ? inputs.get(i).key() : done.<PostImage>resultAt(i).key());
      }
      return store.usable(c.id(), postId, keys).map(found -> {
        if (found.size() != keys.size()) {
          throw CoreException.badRequest("an image key names no uploaded image of this community");
        }
        List<PostImage> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
          PostImage f = found.get(i);
          String alt = inputs.get(i).alt() == null ? "" : inputs.get(i).alt().strip();
          out.add(new PostImage(f.key(), f.contentType(), f.width(), f.height(), alt));
        }
        return out;
      });
    });
  }

  /** Fails with a conflict when a post should be pinned now and five are pinned already. */
  private Future<Void> pinRoom(Community c, boolean pinning) {
    if (!pinning) {
      return Future.succeededFuture();
    }
    return posts.featured(c.id()).compose(pinned -> pinned.size() >= Publisher.MAX_PINS
        ? Future.failedFuture(CoreException.conflict("at most " + Publisher.MAX_PINS + " posts can be pinned: unpin one first"))
        : Future.succeededFuture());
  }
}
