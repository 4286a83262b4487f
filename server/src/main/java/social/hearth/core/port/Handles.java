package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.Optional;
import social.hearth.core.domain.PostBody;

/** Accounts named by handle in what staff write ({@code name@host}), found through WebFinger. */
public interface Handles {

  /** The account, or empty when it cannot be found (an unknown name, a server that does not answer in time). */
  Future<Optional<PostBody.Mention>> resolve(String name, String host);
}
