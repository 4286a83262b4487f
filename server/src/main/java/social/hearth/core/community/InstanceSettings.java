package social.hearth.core.community;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.InstanceProfile;
import social.hearth.core.port.InstanceProfileStore;
import social.hearth.core.port.Transactions;
import social.hearth.core.util.TtlCache;

/**
 * What the server says about itself (its name, description, contact and rules), as an instance admin sets it. The
 * home page and NodeInfo read it through a short cache ({@link #CACHE_TTL}); a change made through this process is
 * seen at once.
 */
public final class InstanceSettings {

  public static final Duration CACHE_TTL = Duration.ofSeconds(3);
  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 2000;
  public static final int MAX_CONTACT = 200;
  public static final int MAX_RULES = 20;
  public static final int MAX_RULE = 300;
  /** An email address, plainly: something@a.domain, no spaces or angle brackets. */
  static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,63}");
  /** A fediverse handle: @name@host. */
  static final Pattern HANDLE = Pattern.compile("@[\\p{L}\\p{N}_.-]{1,64}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,63}");

  private final InstanceProfileStore store;
  private final Transactions transactions;
  private final AuditLog audit;
  private final TtlCache<String, InstanceProfile> cache = new TtlCache<>(CACHE_TTL, 1);

  public InstanceSettings(InstanceProfileStore store, Transactions transactions, AuditLog audit) {
    this.store = store;
    this.transactions = transactions;
    this.audit = audit;
  }

  /** The current profile (at most {@link #CACHE_TTL} old when changed on another node). */
  public Future<InstanceProfile> current() {
    return cache.get("", store::load);
  }

  /**
   * The profile as typed, tidied (stripped; blank rules dropped; line ends unified), with what is wrong with each
   * field: name, description, contact, rules (empty when it can be saved).
   */
  public static Checked check(String name, String description, String contact, List<String> rules) {
    InstanceProfile p = new InstanceProfile(strip(name), strip(description).replace("\r\n", "\n"), strip(contact),
        rules == null ? List.of() : rules.stream().map(InstanceSettings::strip).filter(r -> !r.isEmpty()).toList());
    Map<String, String> problems = new LinkedHashMap<>();
    if (p.name().length() > MAX_NAME) {
      problems.put("name", "name must be at most " + MAX_NAME + " characters");
    }
    if (p.description().length() > MAX_DESCRIPTION) {
      problems.put("description", "description must be at most " + MAX_DESCRIPTION + " characters");
    }
    if (p.contact().length() > MAX_CONTACT || !(p.contact().isEmpty() || EMAIL.matcher(p.contact()).matches()
        || HANDLE.matcher(p.contact()).matches())) {
      problems.put("contact", "contact must be an email address (admin@example.org) or a fediverse handle "
          + "(@admin@example.org), at most " + MAX_CONTACT + " characters");
    }
    if (p.rules().size() > MAX_RULES || p.rules().stream().anyMatch(r -> r.length() > MAX_RULE || r.contains("\n"))) {
      problems.put("rules", "at most " + MAX_RULES + " rules, each one line of at most " + MAX_RULE + " characters");
    }
    return new Checked(p, problems);
  }

  /** A profile as typed and tidied, and what is wrong with it by field (empty when it can be saved). */
  public record Checked(InstanceProfile profile, Map<String, String> problems) {}

  /** Saves a checked profile (refused with the first problem if it has any) and notes it in the audit log. */
  public Future<InstanceProfile> save(Checked checked, String byWhom) {
    if (!checked.problems().isEmpty()) {
      return Future.failedFuture(CoreException.badRequest(checked.problems().values().iterator().next()));
    }
    InstanceProfile p = checked.profile();
    return transactions.inTransaction(tx -> store.save(tx, p)
            .compose(v -> audit.record(tx, null, byWhom, "instance.profile", p.name(), null, null,
                AuditLog.detail("contact", p.contact(), "rules", p.rules().size()))))
        .map(p)
        .onSuccess(x -> cache.remove(""));
  }

  /** The description's paragraphs (blank lines separate them). */
  public static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n\\s*\n")) {
      if (!para.isBlank()) {
        out.add(para.strip());
      }
    }
    return out;
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
