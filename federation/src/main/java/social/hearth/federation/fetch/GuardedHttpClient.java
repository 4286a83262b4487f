package social.hearth.federation.fetch;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one outbound HTTP client. Every fetch and every delivery goes through it, so every request gets:
 * http(s) only, no credentials in URLs, DNS resolved here and the dialed address checked by the
 * {@link AddressGuard}, a connect and total deadline, a body cap, and at most {@link #MAX_REDIRECTS} redirects,
 * each checked again.
 */
public final class GuardedHttpClient {

  public static final int MAX_REDIRECTS = 5;
  public static final int DEFAULT_BODY_CAP = 1024 * 1024;

  private final Vertx vertx;
  private final HttpClient client;
  private final AddressGuard guard;
  private final Duration deadline;
  private final String userAgent;
  private final java.util.function.Predicate<String> hostAllowed;

  public GuardedHttpClient(Vertx vertx, AddressGuard guard, Duration deadline, String userAgent) {
    this(vertx, guard, deadline, userAgent, host -> true);
  }

  /**
   * {@code hostAllowed} is the instance's domain policy: a host it refuses (a blocked domain, or one outside the
   * allowlist) is never contacted, whatever the request.
   */
  public GuardedHttpClient(Vertx vertx, AddressGuard guard, Duration deadline, String userAgent,
                           java.util.function.Predicate<String> hostAllowed) {
    this.hostAllowed = hostAllowed;
    this.vertx = vertx;
    this.guard = guard;
    this.deadline = deadline;
    this.userAgent = userAgent;
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int) Math.min(deadline.toMillis(), 10_000))
            .setIdleTimeout(30)
            .setKeepAlive(true)
            .setVerifyHost(true)
            .setForceSni(true)
            .setMaxRedirects(0),
        new PoolOptions().setHttp1MaxSize(64));
  }

  public AddressGuard guard() {
    return guard;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Sends a request. {@code headersFor} is called for every hop (so signatures cover the URL actually
   * requested); redirects are followed for GET only.
   */
  public Future<HttpResult> send(HttpMethod method, URI url, Function<URI, Map<String, String>> headersFor,
                                 Buffer body, int bodyCap) {
    return sendAsync(method, url, u -> Future.succeededFuture(headersFor.apply(u)), body, bodyCap);
  }

  /**
   * As {@link #send}, with headers computed asynchronously for every hop: a signature made on the worker pool (an
   * RSA signature costs about a millisecond, too long for an event loop).
   */
  public Future<HttpResult> sendAsync(HttpMethod method, URI url, Function<URI, Future<Map<String, String>>> headersFor,
                                      Buffer body, int bodyCap) {
    return hop(method, url, headersFor, body, bodyCap, 0);
  }

  private Future<HttpResult> hop(HttpMethod method, URI url, Function<URI, Future<Map<String, String>>> headersFor,
                                 Buffer body, int bodyCap, int redirects) {
    return resolve(url).compose(address -> headersFor.apply(url)
            .compose(headers -> exchange(method, url, address, headers, body, bodyCap)))
        .compose(result -> {
          int s = result.status();
          boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
          if (!redirect || method != HttpMethod.GET) {
            return Future.succeededFuture(result);
          }
          if (redirects >= MAX_REDIRECTS) {
            return Future.failedFuture(new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                "more than " + MAX_REDIRECTS + " redirects from " + url));
          }
          String location = result.headers().get("location");
          if (location == null) {
            return Future.succeededFuture(result);
          }
          URI next;
          try {
            next = url.resolve(new URI(location));
          } catch (URISyntaxException | IllegalArgumentException e) {
            return Future.failedFuture(new FetchException(FetchException.Kind.BAD_URL, "bad redirect location from " + url));
          }
          return hop(method, next, headersFor, body, bodyCap, redirects + 1);
        });
  }

  /** Validates the URL and resolves it to an address the guard permits. */
  Future<InetAddress> resolve(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Future.failedFuture(new FetchException(FetchException.Kind.BAD_URL, "only http and https URLs are fetched"));
    }
    if (url.getHost() == null || url.getRawUserInfo() != null) {
      return Future.failedFuture(new FetchException(FetchException.Kind.BAD_URL, "URL needs a host and no user info"));
    }
    String host = url.getHost();
    if (!hostAllowed.test(host)) {
      return Future.failedFuture(new FetchException(FetchException.Kind.REFUSED_ADDRESS,
          host + " is blocked by this server's domain policy"));
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return vertx.executeBlocking(() -> InetAddress.getAllByName(bare), false)
        .recover(e -> Future.failedFuture(new FetchException(FetchException.Kind.NETWORK, 0,
            "cannot resolve " + bare, e instanceof UnknownHostException ? null : e)))
        .compose(all -> {
          for (InetAddress a : all) {
            if (guard.permits(a)) {
              return Future.succeededFuture(a);
            }
          }
          return Future.failedFuture(new FetchException(FetchException.Kind.REFUSED_ADDRESS,
              bare + " resolves only to private or reserved addresses"));
        });
  }

  private Future<HttpResult> exchange(HttpMethod method, URI url, InetAddress address, Map<String, String> headers,
                                      Buffer body, int bodyCap) {
    boolean ssl = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : (ssl ? 443 : 80);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setHost(url.getHost())
        .setPort(port)
        .setSsl(ssl)
        .setURI(path)
        .setFollowRedirects(false)
        .setConnectTimeout(Math.min(deadline.toMillis(), 10_000))
        .setIdleTimeout(deadline.toMillis());
    headers.forEach(options::putHeader);
    options.putHeader("User-Agent", userAgent);

    Promise<HttpResult> promise = Promise.promise();
    long timer = vertx.setTimer(deadline.toMillis(), t -> promise.tryFail(
        new FetchException(FetchException.Kind.TIMEOUT, "no complete answer from " + url.getHost() + " within "
            + deadline.toSeconds() + " s")));
    client.request(options).onComplete(ar -> {
      if (ar.failed()) {
        promise.tryFail(new FetchException(FetchException.Kind.NETWORK, 0,
            "cannot connect to " + url.getHost() + ": " + ar.cause().getMessage(), ar.cause()));
        return;
      }
      HttpClientRequest request = ar.result();
      promise.future().onFailure(e -> request.reset());
      Future<io.vertx.core.http.HttpClientResponse> sent = body == null ? request.send() : request.send(body);
      sent.onFailure(e -> promise.tryFail(new FetchException(FetchException.Kind.NETWORK, 0,
          "request to " + url.getHost() + " failed: " + e.getMessage(), e)));
      sent.onSuccess(response -> {
        String length = response.getHeader("content-length");
        if (length != null) {
          try {
            if (Long.parseLong(length.trim()) > bodyCap) {
              promise.tryFail(new FetchException(FetchException.Kind.TOO_LARGE,
                  "response from " + url.getHost() + " is larger than " + bodyCap + " bytes"));
              return;
            }
          } catch (NumberFormatException ignored) {
            // fall through to the streaming cap
          }
        }
        Buffer acc = Buffer.buffer();
        response.handler(chunk -> {
          if (acc.length() + chunk.length() > bodyCap) {
            promise.tryFail(new FetchException(FetchException.Kind.TOO_LARGE,
                "response from " + url.getHost() + " is larger than " + bodyCap + " bytes"));
          } else {
            acc.appendBuffer(chunk);
          }
        });
        response.exceptionHandler(e -> promise.tryFail(new FetchException(FetchException.Kind.NETWORK, 0,
            "reading from " + url.getHost() + " failed", e)));
        response.endHandler(v -> {
          MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
          promise.tryComplete(new HttpResult(response.statusCode(), copy, acc, url));
        });
      });
    });
    return promise.future().onComplete(x -> vertx.cancelTimer(timer));
  }

  public Future<Void> close() {
    return client.close();
  }
}
