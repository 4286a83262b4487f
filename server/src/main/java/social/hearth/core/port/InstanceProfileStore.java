package social.hearth.core.port;

import io.vertx.core.Future;
import social.hearth.core.domain.InstanceProfile;

/** SQL for what the server says about itself ({@link InstanceProfile}). */
public interface InstanceProfileStore {

  /** The stored profile, or {@link InstanceProfile#empty()}. */
  Future<InstanceProfile> load();

  /** Replaces the profile. */
  Future<Void> save(Tx tx, InstanceProfile profile);
}
