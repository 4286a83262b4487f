package social.hearth.core.publishing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.domain.Addressing;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.ModerationItems;
import social.hearth.core.moderation.ModerationPass;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.Verdict;
import social.hearth.core.port.Actors;
import social.hearth.core.port.PostingStandings;

/**
 * {@link PostIntake#accept} for a batch of top-level public or unlisted posts, each for one public community, at the
 * cost of a few statements for the whole batch instead of a dozen per post (issue 13): the authors' standings and
 * facts in one statement, the filter chain in memory, then the accepted posts' decisions, the posts and their
 * re-shares in one transaction ({@link Publishing#publishAll}). It decides exactly as {@link PostIntake#accept} does;
 * whatever it does not settle here (a private community, a post the filters hold or refuse, a decision recorded before,
 * or any failure of the batch) it hands back, and the caller takes that post the full way.
 *
 * <p>The caller guarantees that no two posts of a batch share an author or an object, so the facts read for one
 * (slow mode's last post, the posts counted for probation) are not changed by another of the same batch.
 */
public final class BatchIntake {

  private static final Logger LOG = LoggerFactory.getLogger(BatchIntake.class);

  /** A received post for the community with this slug (the only one it may go to). */
  public record Arrival(ReceivedPost post, Addressing to, Submission facts, Verbatim original, String slug) {}

  private final PostingStandings standings;
  private final Actors actors;
  private final ModerationPass moderation;
  private final Publishing publishing;

  public BatchIntake(PostingStandings standings, Actors actors, ModerationPass moderation, Publishing publishing) {
    this.standings = standings;
    this.actors = actors;
    this.moderation = moderation;
    this.publishing = publishing;
  }

  /** For each arrival in order: true when it was settled here, false when it must take the full way. */
  public Future<List<Boolean>> accept(List<Arrival> arrivals) {
    List<PostingStandings.Wanted> wanted = new ArrayList<>(arrivals.size());
    for (Arrival a : arrivals) {
      wanted.add(new PostingStandings.Wanted(a.slug(), a.post().authorId(), a.post().id()));
    }
    List<Boolean> settled = new ArrayList<>(Collections.nCopies(arrivals.size(), Boolean.TRUE));
    return standings.authors(wanted).compose(authors -> {
      List<Future<Optional<Publishing.Taken>>> screened = new ArrayList<>();
      List<Future<Void>> spoken = new ArrayList<>();
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < arrivals.size(); i++) {
        Arrival a = arrivals.get(i);
        Optional<PostingStandings.Author> author = authors.get(i);
        if (author.isEmpty()) {
          continue; // no such community
        }
        if (author.get().deleted()) {
          LOG.info("not taking {}: its author deleted it before it arrived", a.post().id());
          continue;
        }
        // remembered (once per author and language) for what the community says to them, as the full way does
        spoken.add(actors.spoke(a.post().authorId(), a.post().language()));
        Community c = author.get().community();
        if (c.isPrivate() || !a.to().publicOrUnlisted()) {
          settled.set(i, false); // a private community's posts and direct messages: the full way
          continue;
        }
        if (!a.to().names(c.slug())) {
          continue;
        }
        if (c.archived()) {
          LOG.info("not re-sharing {} in {}: the community is archived and takes no posts", a.post().id(), c.slug());
          continue;
        }
        if (!PostIntake.mayPost(author.get(), a.post().authorId(), false)) {
          continue;
        }
        at.add(i);
        screened.add(moderation.screen(c, a.facts(), PostIntake.known(author.get()))
            .map(s -> s.verdict().decision() != Verdict.Decision.ACCEPT ? Optional.<Publishing.Taken>empty()
                : Optional.of(new Publishing.Taken(c, a.post(), a.original(), new ModerationItems.New(c.id(),
                    a.original().id(), a.facts().kind(), a.post().id(), a.post().authorId(), a.original(),
                    a.post().object(), s.verdict(), s.facts(), "accepted")))));
      }
      return Future.all(spoken).compose(v -> Future.all(screened)).compose(all -> {
        List<Publishing.Taken> taken = new ArrayList<>();
        List<Integer> takenAt = new ArrayList<>();
        for (int k = 0; k < at.size(); k++) {
          Optional<Publishing.Taken> t = all.resultAt(k);
          if (t.isPresent()) {
            taken.add(t.get());
            takenAt.add(at.get(k));
          } else {
            settled.set(at.get(k), false); // held or refused: the full way records and audits it
          }
        }
        if (taken.isEmpty()) {
          return Future.succeededFuture(settled);
        }
        return publishing.publishAll(taken, moderation::recordAll).map(earlier -> {
          for (int k = 0; k < taken.size(); k++) {
            if (earlier.contains(taken.get(k))) {
              settled.set(takenAt.get(k), false);
            }
          }
          return settled;
        });
      });
    });
  }
}
