package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.port.Actors;
import social.hearth.core.port.NoteStore;
import social.hearth.core.port.PrivateCopies;
import social.hearth.core.port.TransactionalOutbox;

/**
 * How members post in a private community (issue 17, docs/membership.md "Posting in a private community"): what
 * {@link PostIntake} asks about a post there. A reply to the community's copy of a post is a reply to the original; a
 * reply to a direct message the community sent stays a direct message; a public post is refused, and its author,
 * a member, is told how to post privately.
 */
public final class PrivatePosting {

  private static final Logger LOG = LoggerFactory.getLogger(PrivatePosting.class);

  private final PrivateCopies copies;
  private final NoteStore notes;
  private final Actors actors;
  private final TransactionalOutbox out;
  private final String handleHost;
  private final Voice voice = Voice.standard();
  /** How long after telling a member how to post privately a public post of theirs is refused without a message. */
  static final java.time.Duration NOTICE_EVERY = java.time.Duration.ofHours(1);
  /** The kind of note that message is stored as (a reply to it is a direct message, as to any note). */
  static final String NOTICE_KIND = "public_refused";

  /** {@code handleHost}: the host of the community's handle ({@code @slug@host}), named in the notice. */
  public PrivatePosting(PrivateCopies copies, NoteStore notes, Actors actors, TransactionalOutbox out,
                        String handleHost) {
    this.copies = copies;
    this.notes = notes;
    this.actors = actors;
    this.out = out;
    this.handleHost = handleHost;
  }

  /** The post as the community takes it: when it replies to one of the community's copies, it replies to the original. */
  public Future<ReceivedPost> threaded(ReceivedPost post) {
    if (post.inReplyTo() == null) {
      return Future.succeededFuture(post);
    }
    return copies.original(post.inReplyTo()).map(original -> original.isEmpty() ? post
        : new ReceivedPost(post.id(), post.type(), post.authorId(), post.content(), original.get(), post.object(),
            post.language()));
  }

  /** Whether a limited post answers a direct message the community sent (a question, a welcome, a notice). */
  public Future<Boolean> answersMessage(ReceivedPost post) {
    return post.inReplyTo() == null ? Future.succeededFuture(false)
        : notes.kindOf(post.inReplyTo()).map(Optional::isPresent);
  }

  /**
   * A member's public post is not shared: the community tells them, in their language, how to post privately, at
   * most once per {@link #NOTICE_EVERY}, so that a member (or a script) posting publicly again and again does not
   * make the community send a message for each post.
   */
  public Future<Void> refusePublic(Community community, ReceivedPost post) {
    LOG.info("not sharing {} in {}: a public post in a private community", post.id(), community.slug());
    return notes.sentWithin(community.id(), post.authorId(), NOTICE_KIND, NOTICE_EVERY).compose(told -> {
      if (told) {
        LOG.info("{} was told how to post privately in {} less than {} ago: not told again", post.authorId(),
            community.slug(), NOTICE_EVERY);
        return Future.succeededFuture();
      }
      return actors.get(post.authorId()).compose(who -> {
        String lang = voice.languageFor(community, who);
        String html = voice.paragraph(lang, "private.public_refused", community.name())
            + voice.paragraph(lang, "private.how_to_post", "@" + community.slug() + "@" + handleHost);
        return out.send(tx -> out.outbound().directMessage(tx, community, who, html, NOTICE_KIND, post.id(), lang));
      }).mapEmpty();
    });
  }

  /** The port the publishing use cases send copies through. */
  public PrivateCopies copies() {
    return copies;
  }
}
