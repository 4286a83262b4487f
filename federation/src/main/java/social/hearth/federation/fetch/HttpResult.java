package social.hearth.federation.fetch;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/** A completed outbound request: status, headers, the (capped) body and the URL finally answered. */
public record HttpResult(int status, MultiMap headers, Buffer body, URI finalUri) {}
