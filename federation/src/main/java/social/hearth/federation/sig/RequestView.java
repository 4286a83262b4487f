package social.hearth.federation.sig;

import java.util.List;

/** The parts of an HTTP request that a signature covers. Header names are matched case-insensitively. */
public interface RequestView {

  String method();

  /** The path and, if present, the query string, exactly as received ({@code /inbox?x=1}). */
  String pathAndQuery();

  /** All values of the header, in order; empty when absent. */
  List<String> headers(String name);

  default String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
