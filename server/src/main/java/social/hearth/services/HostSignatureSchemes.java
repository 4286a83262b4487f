package social.hearth.services;

import io.vertx.core.Future;
import java.util.Optional;
import social.hearth.db.HostStore;
import social.hearth.federation.sig.SignatureScheme;
import social.hearth.federation.spi.SignatureSchemes;

/** The signature scheme each host accepted last, kept with the host's other state so every node shares it. */
public final class HostSignatureSchemes implements SignatureSchemes {

  private final HostStore hosts;

  public HostSignatureSchemes(HostStore hosts) {
    this.hosts = hosts;
  }

  @Override
  public Future<Optional<SignatureScheme>> preferred(String host) {
    return hosts.signatureScheme(host).map(s -> s.flatMap(name -> {
      try {
        return Optional.of(SignatureScheme.valueOf(name));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }));
  }

  @Override
  public Future<Void> remember(String host, SignatureScheme scheme) {
    return hosts.rememberSignatureScheme(host, scheme.name());
  }
}
