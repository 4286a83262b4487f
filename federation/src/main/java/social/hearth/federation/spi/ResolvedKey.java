package social.hearth.federation.spi;

import java.security.PublicKey;

/** A remote public key and the actor that owns it. {@code fromCache} says whether it was fetched just now. */
public record ResolvedKey(String keyId, String ownerId, PublicKey key, boolean fromCache) {}
