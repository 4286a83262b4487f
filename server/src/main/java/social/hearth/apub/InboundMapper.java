package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.PostReader;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/** The one place where received ActivityStreams data becomes domain values. */
public final class InboundMapper implements PostReader {

  /** A normalised object as the core's post, keeping its JSON verbatim. */
  public static ReceivedPost post(ApObject post, JsonNode json) {
    return new ReceivedPost(post.id(), post.type(), post.attributedTo(), post.content(), post.inReplyTo(),
        new Verbatim(post.id(), json.toString()));
  }

  /** A received activity, verbatim. */
  public static Verbatim verbatim(JsonNode activity) {
    return new Verbatim(Normalizer.firstText(activity.get("id")), activity.toString());
  }

  @Override
  public Optional<ReceivedPost> read(Verbatim object) {
    try {
      JsonNode json = JsonLimits.MAPPER.readTree(object.json());
      ApObject post = Normalizer.object(json);
      return Optional.of(new ReceivedPost(post.id(), post.type(), post.attributedTo(), post.content(), post.inReplyTo(),
          object));
    } catch (InvalidActivityException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
