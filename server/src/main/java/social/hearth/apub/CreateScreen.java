package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.hearth.core.domain.Addressing;
import social.hearth.core.moderation.DomainNames;
import social.hearth.core.moderation.Submission;
import social.hearth.core.publishing.BatchIntake;
import social.hearth.core.publishing.PostScreen;
import social.hearth.federation.vocab.Activity;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.Iris;
import social.hearth.federation.vocab.Normalizer;

/**
 * The content lane's pre-screen: of a claimed batch, the Creates that {@link CreateListener} would refuse by the
 * posting policy alone, found with one query for the whole batch ({@link PostScreen}). Only a Create that carries
 * its post from the author's own origin (nothing to fetch), attributed to its actor, top-level (not a reply: a thread
 * may take it), public or unlisted (a direct message is an invite code, a join answer or a report) is screened;
 * everything else, and anything in doubt, goes to its listener.
 */
public final class CreateScreen {

  private final Uris uris;
  private final PostScreen screen;
  private final BatchIntake batch;

  public CreateScreen(Uris uris, PostScreen screen) {
    this(uris, screen, null);
  }

  /** With {@code batch}, the posts the screen lets through can be taken a batch at a time ({@link #arrival}). */
  public CreateScreen(Uris uris, PostScreen screen, BatchIntake batch) {
    this.uris = uris;
    this.screen = screen;
    this.batch = batch;
  }

  /**
   * Of {@code activities} (null where an item could not be read) delivered to {@code recipients}, the indexes of
   * those clearly refused, with the reason.
   */
  public Future<Map<Integer, PostScreen.Reason>> refused(List<Activity> activities, List<String> recipients) {
    List<Integer> indexes = new ArrayList<>();
    List<PostScreen.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < activities.size(); i++) {
      PostScreen.Candidate c = candidate(activities.get(i), recipients.get(i));
      if (c != null) {
        indexes.add(i);
        candidates.add(c);
      }
    }
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return screen.refusals(candidates).map(reasons -> {
      Map<Integer, PostScreen.Reason> out = new HashMap<>();
      for (int k = 0; k < reasons.size(); k++) {
        if (reasons.get(k) != null) {
          out.put(indexes.get(k), reasons.get(k));
        }
      }
      return out;
    });
  }

  /** The post as the posting policy sees it, or null when only the full path can decide. */
  PostScreen.Candidate candidate(Activity activity, String recipient) {
    Screened s = screened(activity, recipient);
    return s == null ? null : new PostScreen.Candidate(activity.actor(), s.slugs());
  }

  /** A Create the screen can read: its post, whom it is for and the communities it may go to. */
  private record Screened(ApObject post, Addressing to, Set<String> slugs) {}

  private Screened screened(Activity activity, String recipient) {
    if (activity == null || !"Create".equals(activity.type()) || activity.actor() == null) {
      return null;
    }
    JsonNode object = activity.object();
    String objectId = activity.objectId();
    if (object == null || !object.isObject() || objectId == null || !Iris.sameOrigin(objectId, activity.actor())) {
      return null;
    }
    ApObject post;
    try {
      post = Normalizer.object(object);
    } catch (InvalidActivityException e) {
      return null;
    }
    if (!ApObject.TYPES.contains(post.type()) || !activity.actor().equals(post.attributedTo())
        || !Iris.sameOrigin(post.id(), activity.actor()) || post.inReplyTo() != null) {
      return null;
    }
    Addressing to = InboundMapper.addressing(post, recipient, uris);
    if (!to.publicOrUnlisted()) {
      return null;
    }
    if (uris.staffUsername(recipient).isPresent() || !InboundMapper.staffNamed(post, uris).isEmpty()) {
      return null; // for a staff Person too: its inbox decides (PersonListeners)
    }
    Set<String> slugs = new LinkedHashSet<>(to.communities());
    if (to.inbox() != null) {
      slugs.retainAll(Set.of(to.inbox()));
    }
    return new Screened(post, to, slugs);
  }

  /**
   * The Create as {@link BatchIntake} takes it, or null when it must take the full way: anything {@link #candidate}
   * does not screen, a post for more than one community, a poll (its listener keeps the poll) and, with no batch
   * intake wired, everything.
   */
  BatchIntake.Arrival arrival(Activity activity, JsonNode json, String recipient) {
    Screened s = batch == null ? null : screened(activity, recipient);
    if (s == null || s.slugs().size() != 1 || !"Note".equals(s.post().type()) && !"Article".equals(s.post().type())
        && !"Page".equals(s.post().type())) {
      return null;
    }
    JsonNode object = activity.object();
    return new BatchIntake.Arrival(InboundMapper.post(s.post(), object), s.to(),
        SubmissionMapper.submission(Submission.Kind.POST, s.post(), object, DomainNames.hostOf(activity.actor())),
        InboundMapper.verbatim(json), s.slugs().iterator().next());
  }

  /** For each arrival in order, whether {@link BatchIntake} settled it (see {@link BatchIntake#accept}). */
  Future<List<Boolean>> accept(List<BatchIntake.Arrival> arrivals) {
    return batch.accept(arrivals);
  }
}
