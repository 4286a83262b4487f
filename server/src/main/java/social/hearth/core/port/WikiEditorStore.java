package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;

/** The members a community's staff trust to edit its wiki (actor IRIs). */
public interface WikiEditorStore {

  /** The community's trusted editors, in the order they were added. */
  Future<List<String>> list(long communityId);

  /** Whether the actor is one of the community's trusted editors. */
  Future<Boolean> isEditor(long communityId, String actorId);

  /** Replaces the community's trusted editors ({@code by}: who set them). */
  Future<Void> replace(Tx tx, long communityId, List<String> actorIds, String by);
}
