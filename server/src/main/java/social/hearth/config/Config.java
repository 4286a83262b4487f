package social.hearth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Hearth's configuration, read from {@code HEARTH_*} environment variables. Every value is validated here,
 * so a wrong one stops startup with a single clear line.
 *
 * @param baseUrl public origin, no trailing slash (https://example.org or http://127.0.0.1:8080)
 * @param bindAddress address the HTTP server listens on
 * @param port HTTP port
 * @param dataDir where the embedded database and generated secrets live
 * @param database external database, or empty for the embedded one
 * @param adminToken bearer token of the admin API, or empty to generate one into the data directory
 * @param allowPrivateAddresses let fetches and deliveries reach loopback and private networks (testing only)
 * @param workers run the inbox and delivery workers on this node (false for a node that only answers HTTP)
 * @param authorizedFetch require a valid HTTP signature on GETs of actors, collections and activities
 * @param pageCache how long a community page rendered for a visitor without a session is reused by this node
 *                  (zero: never)
 * @param httpThreads how many event loops serve HTTP (one server instance each, all on the same port)
 * @param queueLease how long a claimed inbox row or delivery stays locked to the node that claimed it
 * @param queuePoll how often an idle queue worker looks for work that became due (retries, other nodes' leases)
 * @param databasePool how many PostgreSQL connections this node opens at most
 * @param metrics where {@code GET /metrics} is served, if anywhere
 * @param logFormat how log lines are written
 * @param trustedProxies {@code HEARTH_TRUSTED_PROXIES} as given (parsed by the web UI's client address reader)
 */
public record Config(URI baseUrl, String bindAddress, int port, Path dataDir, Optional<DatabaseUrl> database,
                     Optional<String> adminToken, boolean allowPrivateAddresses, boolean workers, boolean authorizedFetch,
                     Duration pageCache, int httpThreads, Duration queueLease, Duration queuePoll, int databasePool,
                     Metrics metrics, LogFormat logFormat, String trustedProxies) {

  public static final int MIN_TOKEN_LENGTH = 16;
  public static final Duration DEFAULT_PAGE_CACHE = Duration.ofSeconds(1);
  static final long MAX_PAGE_CACHE_MS = 60_000;
  /**
   * The shortest lease: a delivery may take two requests of up to 10 s each (a peer that refuses the first
   * signature scheme gets a second request), and must be recorded before its lease ends.
   */
  public static final Duration MIN_QUEUE_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_QUEUE_LEASE = Duration.ofMinutes(2);
  public static final Duration MAX_QUEUE_LEASE = Duration.ofDays(1);
  public static final Duration DEFAULT_QUEUE_POLL = Duration.ofSeconds(1);
  public static final int DEFAULT_DATABASE_POOL = 16;
  static final int MIN_DATABASE_POOL = 4;
  static final int MAX_DATABASE_POOL = 256;

  /** Log lines as text for people (the default) or one JSON object per line for log collectors. */
  public enum LogFormat { TEXT, JSON }

  /**
   * {@code GET /metrics} (Prometheus text): off unless a token or a port is set. With a token it asks for
   * {@code Authorization: Bearer <token>}; with a port it is served there (on {@code HEARTH_BIND_ADDRESS}) and not on
   * the main port; with both, on its own port and with the token.
   *
   * @param token HEARTH_METRICS_TOKEN
   * @param port HEARTH_METRICS_PORT (0: any free port)
   */
  public record Metrics(Optional<String> token, java.util.OptionalInt port) {
    public static final Metrics OFF = new Metrics(Optional.empty(), java.util.OptionalInt.empty());

    public boolean enabled() {
      return token.isPresent() || port.isPresent();
    }
  }

  /** A parsed {@code postgres://user:pass@host:port/db} URL. */
  public record DatabaseUrl(String host, int port, String database, String user, String password) {
    @Override
    public String toString() {
      return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }
  }

  public static Config fromEnvironment(Map<String, String> env) {
    int port = parsePort(env.getOrDefault("HEARTH_PORT", "8080"));
    URI base = parseBaseUrl(env.getOrDefault("HEARTH_BASE_URL", "http://localhost:" + port));
    String bind = env.getOrDefault("HEARTH_BIND_ADDRESS", "127.0.0.1").trim();
    if (bind.isEmpty()) {
      throw new ConfigException("HEARTH_BIND_ADDRESS must not be empty (use 0.0.0.0 to listen on every interface)");
    }
    Path dataDir = Path.of(env.getOrDefault("HEARTH_DATA_DIR", "data")).toAbsolutePath().normalize();
    Optional<DatabaseUrl> db = Optional.ofNullable(blankToNull(env.get("HEARTH_DATABASE_URL"))).map(Config::parseDatabaseUrl);
    Optional<String> token = Optional.ofNullable(blankToNull(env.get("HEARTH_ADMIN_TOKEN")));
    token.ifPresent(t -> {
      if (t.length() < MIN_TOKEN_LENGTH) {
        throw new ConfigException("HEARTH_ADMIN_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters long");
      }
    });
    boolean allowPrivate = parseBoolean("HEARTH_ALLOW_PRIVATE_ADDRESSES", env.getOrDefault("HEARTH_ALLOW_PRIVATE_ADDRESSES", "false"));
    boolean workers = parseBoolean("HEARTH_WORKERS", env.getOrDefault("HEARTH_WORKERS", "true"));
    boolean authorizedFetch = parseBoolean("HEARTH_AUTHORIZED_FETCH", env.getOrDefault("HEARTH_AUTHORIZED_FETCH", "false"));
    Duration pageCache = parsePageCache(env.getOrDefault("HEARTH_PAGE_CACHE_MS", String.valueOf(DEFAULT_PAGE_CACHE.toMillis())));
    Duration lease = Optional.ofNullable(blankToNull(env.get("HEARTH_QUEUE_LEASE"))).map(Config::parseLease)
        .orElse(DEFAULT_QUEUE_LEASE);
    return new Config(base, bind, port, dataDir, db, token, allowPrivate, workers, authorizedFetch, pageCache,
        parseHttpThreads(env.get("HEARTH_HTTP_THREADS")), lease,
        Optional.ofNullable(blankToNull(env.get("HEARTH_QUEUE_POLL_MS"))).map(Config::parsePoll).orElse(DEFAULT_QUEUE_POLL),
        Optional.ofNullable(blankToNull(env.get("HEARTH_DATABASE_POOL"))).map(Config::parseDatabasePool)
            .orElse(DEFAULT_DATABASE_POOL),
        parseMetrics(env, port), parseLogFormat(env.get("HEARTH_LOG_FORMAT")),
        env.getOrDefault("HEARTH_TRUSTED_PROXIES", ""));
  }

  static int parseDatabasePool(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n < MIN_DATABASE_POOL || n > MAX_DATABASE_POOL) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException("HEARTH_DATABASE_POOL must be a number of connections from " + MIN_DATABASE_POOL + " to "
          + MAX_DATABASE_POOL + ", not '" + value + "'");
    }
  }

  static Metrics parseMetrics(Map<String, String> env, int mainPort) {
    Optional<String> token = Optional.ofNullable(blankToNull(env.get("HEARTH_METRICS_TOKEN")));
    token.ifPresent(t -> {
      if (t.length() < MIN_TOKEN_LENGTH) {
        throw new ConfigException("HEARTH_METRICS_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters long");
      }
    });
    String portValue = blankToNull(env.get("HEARTH_METRICS_PORT"));
    java.util.OptionalInt port = java.util.OptionalInt.empty();
    if (portValue != null) {
      int p;
      try {
        p = Integer.parseInt(portValue);
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ConfigException("HEARTH_METRICS_PORT must be a number from 0 to 65535, not '" + portValue + "'");
      }
      if (p != 0 && p == mainPort) {
        throw new ConfigException("HEARTH_METRICS_PORT must differ from HEARTH_PORT (" + mainPort
            + "); to serve /metrics on the main port, set HEARTH_METRICS_TOKEN instead");
      }
      port = java.util.OptionalInt.of(p);
    }
    return new Metrics(token, port);
  }

  static LogFormat parseLogFormat(String value) {
    return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "", "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default -> throw new ConfigException("HEARTH_LOG_FORMAT must be text or json, not '" + value + "'");
    };
  }

  static Duration parsePageCache(String value) {
    try {
      long ms = Long.parseLong(value.trim());
      if (ms < 0 || ms > MAX_PAGE_CACHE_MS) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new ConfigException("HEARTH_PAGE_CACHE_MS must be a number of milliseconds from 0 to " + MAX_PAGE_CACHE_MS
          + ", not '" + value + "'");
    }
  }

  static Duration parseLease(String value) {
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds < MIN_QUEUE_LEASE.toSeconds() || seconds > MAX_QUEUE_LEASE.toSeconds()) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new ConfigException("HEARTH_QUEUE_LEASE must be a number of seconds from " + MIN_QUEUE_LEASE.toSeconds()
          + " to " + MAX_QUEUE_LEASE.toSeconds() + ", not '" + value + "'");
    }
  }

  static Duration parsePoll(String value) {
    try {
      long ms = Long.parseLong(value.trim());
      if (ms < 50 || ms > 600_000) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new ConfigException("HEARTH_QUEUE_POLL_MS must be a number of milliseconds from 50 to 600000, not '" + value + "'");
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  static int parsePort(String value) {
    try {
      int p = Integer.parseInt(value.trim());
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new ConfigException("HEARTH_PORT must be a number from 0 to 65535, not '" + value + "'");
    }
  }

  static boolean parseBoolean(String name, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new ConfigException(name + " must be true or false, not '" + value + "'");
    };
  }

  static URI parseBaseUrl(String value) {
    String v = value.trim();
    while (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new ConfigException("HEARTH_BASE_URL must start with https:// or http://, not '" + value + "'");
      }
      if (uri.getHost() == null || uri.getRawUserInfo() != null) {
        throw new ConfigException("HEARTH_BASE_URL must be an origin like https://example.org, not '" + value + "'");
      }
      if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new ConfigException("HEARTH_BASE_URL must be an origin without a path, query or fragment, not '" + value + "'");
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
      return new URI(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    } catch (URISyntaxException e) {
      throw new ConfigException("HEARTH_BASE_URL is not a valid URL: '" + value + "'");
    }
  }

  static DatabaseUrl parseDatabaseUrl(String value) {
    String hint = "HEARTH_DATABASE_URL must look like postgres://user:password@host:5432/database";
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
        throw new ConfigException(hint + " (the scheme must be postgres)");
      }
      String host = uri.getHost();
      String path = uri.getPath();
      if (host == null || path == null || path.length() < 2) {
        throw new ConfigException(hint + " (host and database are required)");
      }
      String user = "postgres";
      String password = "";
      String info = uri.getUserInfo();
      if (info != null) {
        int colon = info.indexOf(':');
        user = colon < 0 ? info : info.substring(0, colon);
        password = colon < 0 ? "" : info.substring(colon + 1);
      }
      return new DatabaseUrl(host, uri.getPort() == -1 ? 5432 : uri.getPort(), path.substring(1), user, password);
    } catch (URISyntaxException e) {
      throw new ConfigException(hint);
    }
  }

  /** The most HTTP event loops a node may ask for (Vert.x has twice as many event loops as cores by default). */
  static final int MAX_HTTP_THREADS = 256;

  /** HEARTH_HTTP_THREADS: 1 to 256, by default one per available processor. */
  static int parseHttpThreads(String value) {
    if (value == null || value.isBlank()) {
      return Math.max(1, Math.min(MAX_HTTP_THREADS, Runtime.getRuntime().availableProcessors()));
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 1 || n > MAX_HTTP_THREADS) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException("HEARTH_HTTP_THREADS must be a number from 1 to " + MAX_HTTP_THREADS + ", not '" + value + "'");
    }
  }

  /** Host as it appears in handles: with the port when the base URL has one (127.0.0.1:8080). */
  public String handleHost() {
    return baseUrl.getPort() == -1 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
  }
}
