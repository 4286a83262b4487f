package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import social.hearth.core.domain.Topic;

/** A community's topic hashtags ("rubrics"), in order. */
public interface TopicStore {

  Future<List<Topic>> list(long communityId);

  /** Replaces the whole list (in one transaction). */
  Future<Void> replace(long communityId, List<Topic> topics);
}
