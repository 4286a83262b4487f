package social.hearth.federation.sig;

import java.util.List;

/** The parts of an HTTP request that a signature covers. Header names are matched case-insensitively. */
public interface RequestView {

  String method();

  /** The path and, if present, the query string, exactly as received ({@code /inbox?x=1}). */
  String pathAndQuery();

  /** All values of the header, in order; empty when absent. */
  List<String> headers(String name);

  /**
   * The scheme the client used ({@code https} behind a TLS-terminating proxy), or null when unknown. It is
   * needed only for the RFC 9421 {@code @target-uri} and {@code @scheme} components; when null, the verifier
   * accepts either {@code https} or {@code http} (the scheme carries no authority of its own: host, path, query
   * and method are still bound).
   */
  default String scheme() {
    return null;
  }

  default String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
