package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import social.hearth.core.domain.Image;
import social.hearth.core.domain.MediaRef;

/** A community's avatar and banner. */
public interface MediaStore {

  /** Stores (or replaces) the image of a kind. */
  Future<Void> store(long communityId, String kind, String contentType, byte[] bytes, String digest, String alt);

  Future<Void> setAlt(long communityId, String kind, String alt);

  Future<Void> remove(long communityId, String kind);

  Future<Optional<Image>> get(long communityId, String kind);

  /** The community's images by kind, without their bytes. */
  Future<Map<String, MediaRef>> info(long communityId);
}
