package social.hearth.federation.sig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request as the server would see it, for signature tests. */
final class TestRequest implements RequestView {
  final String method;
  final String target;
  final Map<String, List<String>> headers = new LinkedHashMap<>();
  /** The scheme the request arrived with, or null when unknown (as behind most proxies). */
  String scheme;

  TestRequest(String method, String target) {
    this.method = method;
    this.target = target;
  }

  TestRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    return this;
  }

  TestRequest without(String name) {
    headers.remove(name.toLowerCase(Locale.ROOT));
    return this;
  }

  TestRequest replace(String name, String value) {
    return without(name).header(name, value);
  }

  static TestRequest from(String method, String target, Map<String, String> signedHeaders) {
    TestRequest r = new TestRequest(method, target);
    signedHeaders.forEach(r::header);
    return r;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String pathAndQuery() {
    return target;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }
}
