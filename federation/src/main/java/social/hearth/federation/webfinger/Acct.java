package social.hearth.federation.webfinger;

import java.util.Locale;
import java.util.Optional;

/** An {@code acct:user@host} resource. The host keeps its port when it has one (127.0.0.1:8080). */
public record Acct(String user, String host) {

  /** Parses {@code acct:user@host}, {@code user@host} or {@code @user@host}; empty when malformed. */
  public static Optional<Acct> parse(String resource) {
    if (resource == null || resource.length() > 512) {
      return Optional.empty();
    }
    String r = resource.trim();
    if (r.regionMatches(true, 0, "acct:", 0, 5)) {
      r = r.substring(5);
    }
    if (r.startsWith("@")) {
      r = r.substring(1);
    }
    int at = r.lastIndexOf('@');
    if (at <= 0 || at == r.length() - 1 || r.indexOf('@') != at) {
      return Optional.empty();
    }
    String user = r.substring(0, at);
    String host = r.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!host.matches("[a-z0-9.\\-\\[\\]:]+")) {
      return Optional.empty();
    }
    return Optional.of(new Acct(user, host));
  }

  @Override
  public String toString() {
    return "acct:" + user + "@" + host;
  }
}
