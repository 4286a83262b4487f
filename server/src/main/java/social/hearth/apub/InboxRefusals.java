package social.hearth.apub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.db.InboxRefusalStore;

/**
 * Counts what the inboxes refuse, per sending host and reason code, for the federation health page. A refusal costs
 * one {@link ConcurrentHashMap#merge} in memory; the counts are written every {@link #FLUSH_MS} milliseconds with one
 * upsert ({@link InboxRefusalStore#add}), and only while there are any (no timer runs when nothing is refused).
 * Bounded: at most {@link #MAX_KEYS} (host, reason) pairs wait at once and at most {@link #MAX_HOSTS_PER_DAY} hosts
 * are named in a day; refusals beyond either are counted under {@link #OTHER}, so a flood of made-up host names
 * cannot grow the table or the heap. A host is the activity's actor's, or the signature's keyId's when the activity
 * could not be read, or {@link #UNKNOWN}: it is what the request claims, not a verified origin.
 */
public final class InboxRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(InboxRefusals.class);
  static final long FLUSH_MS = 5_000;
  static final int MAX_KEYS = 2_000;
  static final int MAX_HOSTS_PER_DAY = 5_000;
  static final long PRUNE_EVERY_MS = 3_600_000;
  /** Where refusals go whose host cannot be told. */
  public static final String UNKNOWN = "unknown";
  /** Where refusals go once the bounds are reached. */
  public static final String OTHER = "other";
  private static final Pattern HOST = Pattern.compile("[a-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9a-f:.]{2,45}\\](:[0-9]{1,5})?");
  private static final Pattern KEY_ID = Pattern.compile("(?i)keyid=\"([^\"]{1,2048})\"");

  private record Key(String host, String reason) {}

  private final Vertx vertx;
  private final InboxRefusalStore store;
  private final ConcurrentHashMap<Key, Long> counts = new ConcurrentHashMap<>();
  private final Set<String> hostsToday = ConcurrentHashMap.newKeySet();
  private volatile LocalDate today = LocalDate.now();
  private final AtomicBoolean armed = new AtomicBoolean();
  private volatile long prunedAt;

  public InboxRefusals(Vertx vertx, InboxRefusalStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** An inbox refused an activity of {@code actor} (null when unread) with {@code reason}; {@code signature} headers. */
  public void refused(String actor, String signature, String signatureInput, String reason) {
    String host = hostOf(actor);
    if (host == null) {
      host = keyHost(signature);
    }
    if (host == null) {
      host = keyHost(signatureInput);
    }
    count(host == null ? UNKNOWN : host, reason);
  }

  void count(String host, String reason) {
    LocalDate now = LocalDate.now();
    if (!now.equals(today)) {
      today = now;
      hostsToday.clear();
    }
    if (!hostsToday.contains(host)) {
      if (hostsToday.size() >= MAX_HOSTS_PER_DAY) {
        host = OTHER;
      } else {
        hostsToday.add(host);
      }
    }
    Key key = new Key(host, reason);
    if (counts.size() >= MAX_KEYS && !counts.containsKey(key)) {
      key = new Key(OTHER, reason);
    }
    counts.merge(key, 1L, Long::sum);
    if (armed.compareAndSet(false, true)) {
      vertx.setTimer(FLUSH_MS, t -> flush());
    }
  }

  /** Writes what was counted (tests call it to write at once). */
  public Future<Void> flush() {
    List<String> hosts = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<Long> added = new ArrayList<>();
    for (Key k : counts.keySet()) {
      Long n = counts.remove(k);
      if (n != null) {
        hosts.add(k.host());
        reasons.add(k.reason());
        added.add(n);
      }
    }
    armed.set(false);
    if (!counts.isEmpty() && armed.compareAndSet(false, true)) {
      vertx.setTimer(FLUSH_MS, t -> flush());
    }
    Future<Void> written = store.add(hosts, reasons, added);
    long now = System.currentTimeMillis();
    if (now - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now;
      written = written.compose(v -> store.prune()).mapEmpty();
    }
    return written.onFailure(e -> LOG.debug("cannot write {} inbox refusal counts: {}", hosts.size(), e.toString()));
  }

  /** The lower-case authority of an http(s) IRI, when it is a plausible host; null otherwise. */
  static String hostOf(String iri) {
    if (iri == null || iri.length() > 2048) {
      return null;
    }
    try {
      URI u = new URI(iri);
      String authority = u.getRawAuthority();
      if (authority == null || !("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))) {
        return null;
      }
      String host = authority.substring(authority.indexOf('@') + 1).toLowerCase(Locale.ROOT);
      return HOST.matcher(host).matches() ? host : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static String keyHost(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = KEY_ID.matcher(header.length() > 8192 ? header.substring(0, 8192) : header);
    return m.find() ? hostOf(m.group(1)) : null;
  }
}
