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

  public CreateScreen(Uris uris, PostScreen screen) {
    this.uris = uris;
    this.screen = screen;
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
    return new PostScreen.Candidate(activity.actor(), slugs);
  }
}
