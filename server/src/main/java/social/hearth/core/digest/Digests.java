package social.hearth.core.digest;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.authoring.CommunityPosts;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.DigestSettings;
import social.hearth.core.port.DigestStore;
import social.hearth.core.text.Html;

/**
 * The community's digest (issue 19): what happened in the last day or week, from the stored data (the most discussed
 * and liked posts with a link, their author and a line; new members, named only when they posted; upcoming events,
 * open polls; the board's movers), written in the community's language and published as the community's own post.
 * Nothing is published when nothing happened. A digest records its period (a row with a unique key) in the
 * transaction that writes it, so it goes out exactly once per period on any number of nodes and across restarts: a
 * node that dies on the way leaves nothing behind, and the next pass publishes the period.
 */
public final class Digests {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Digests.class);

  /** How many posts the digest names. */
  static final int TOP = 5;

  private final DigestStore store;
  private final CommunityPosts posts;
  private final CommunityService communities;
  private final Voice voice;
  private final AuditLog audit;
  private final Clock clock;

  public Digests(DigestStore store, CommunityPosts posts, CommunityService communities, Voice voice, AuditLog audit,
                 Clock clock) {
    this.store = store;
    this.posts = posts;
    this.communities = communities;
    this.voice = voice;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<DigestSettings> settings(Community c) {
    return store.settings(c.id()).map(s -> s.orElse(DigestSettings.DEFAULT));
  }

  /** Checks and saves the settings; turning it on starts from the next period. */
  public Future<DigestSettings> configure(Community c, Boolean enabled, String frequency, String time, Integer weekday,
                                          String timezone, String by) {
    return settings(c).compose(old -> {
      boolean on = enabled == null ? old.enabled() : enabled;
      String freq = frequency == null ? old.frequency() : frequency.strip().toLowerCase(java.util.Locale.ROOT);
      if (!freq.equals("daily") && !freq.equals("weekly")) {
        return Future.failedFuture(invalid("digest.frequency", "frequency: daily or weekly"));
      }
      String at = time == null ? old.time() : time.strip();
      try {
        if (!at.matches("[0-2][0-9]:[0-5][0-9]")) {
          throw new DateTimeParseException("", at, 0);
        }
        LocalTime.parse(at);
      } catch (DateTimeParseException e) {
        return Future.failedFuture(invalid("digest.time", "time: a time of day as HH:MM, like 09:00"));
      }
      int day = weekday == null ? old.weekday() : weekday;
      if (day < 1 || day > 7) {
        return Future.failedFuture(invalid("digest.weekday", "weekday: 1 (Monday) to 7 (Sunday)"));
      }
      String zone = timezone == null ? old.timezone() : timezone.strip();
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        return Future.failedFuture(invalid("digest.timezone", "timezone: an IANA time zone, like Europe/Moscow"));
      }
      DigestSettings now = new DigestSettings(on, freq, at, day, zone, on && !old.enabled()
          ? OffsetDateTime.now(clock) : on ? old.enabledAt() : null);
      return store.save(c.id(), now).compose(v -> audit.record(c.id(), by, "digest.settings", null, null, null,
          AuditLog.detail("enabled", on, "frequency", freq, "time", at, "weekday", day, "timezone", zone))).map(now);
    });
  }

  /** The digest of the period up to now, as it would be published; empty when nothing happened. */
  public Future<Optional<String>> preview(Community c) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return settings(c).compose(s -> text(c, s, now.minus(length(s)), now));
  }

  /** Publishes the digest of the period up to now at once; empty (nothing published) when nothing happened. */
  public Future<Optional<String>> publishNow(Community c, String by) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return settings(c).compose(s -> text(c, s, now.minus(length(s)), now)).compose(text -> text.isEmpty()
        ? Future.succeededFuture(Optional.<String>empty())
        : publish(c, "manual:" + now.toInstant(), text.get(), by));
  }

  /** Publishes every digest whose time has come and whose period nobody claimed yet; completes with how many. */
  public Future<Integer> runDue() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return store.enabled().compose(list -> {
      List<Future<Boolean>> each = new ArrayList<>();
      for (DigestStore.Enabled e : list) {
        ZonedDateTime due = lastDue(e.settings(), now);
        if (e.settings().enabledAt() == null || !due.toOffsetDateTime().isAfter(e.settings().enabledAt())) {
          continue;
        }
        String period = e.settings().frequency() + ":" + due.toLocalDate();
        each.add(communities.byId(e.communityId()).compose(c -> c.isEmpty() || c.get().archived()
            ? Future.succeededFuture(false)
            : store.done(e.communityId(), period).compose(done -> done ? Future.succeededFuture(false)
                : text(c.get(), e.settings(), due.toOffsetDateTime().minus(length(e.settings())),
                    due.toOffsetDateTime()).compose(text -> text.isEmpty()
                    ? store.claim(e.communityId(), period).map(false)
                    : publish(c.get(), period, text.get(), "digest").map(Optional::isPresent))))
            .recover(x -> {
              LOG.warn("the digest of {} for {} was not published; the next pass tries again", e.communityId(),
                  period, x);
              return Future.succeededFuture(false);
            }));
      }
      return Future.join(each).map(x -> (int) each.stream().filter(f -> f.succeeded() && f.result()).count());
    });
  }

  /** The latest time the digest was due at or before {@code now}. */
  static ZonedDateTime lastDue(DigestSettings s, OffsetDateTime now) {
    ZoneId zone = ZoneId.of(s.timezone());
    ZonedDateTime local = now.atZoneSameInstant(zone);
    LocalTime at = LocalTime.parse(s.time());
    LocalDate day = local.toLocalDate();
    if (s.frequency().equals("weekly")) {
      day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(s.weekday())));
    }
    ZonedDateTime due = day.atTime(at).atZone(zone);
    if (due.isAfter(local)) {
      due = s.frequency().equals("weekly") ? due.minusWeeks(1) : due.minusDays(1);
    }
    return due;
  }

  static Duration length(DigestSettings s) {
    return s.frequency().equals("weekly") ? Duration.ofDays(7) : Duration.ofDays(1);
  }

  /**
   * Writes the digest and records its period in one transaction: a node that dies before the commit leaves neither,
   * so the next pass (on any node) publishes the period; empty when another node's digest of the period came first.
   */
  private Future<Optional<String>> publish(Community c, String period, String markdown, String by) {
    return posts.create(c, new CommunityPosts.Draft(markdown, null, c.language(), "community", false, null, null,
        c.isPrivate()), by,
            (tx, p) -> store.claim(tx, c.id(), period, p.iri()).compose(claimed -> claimed ? Future.<Void>succeededFuture()
                : Future.failedFuture(new PeriodDone())))
        .map(w -> Optional.of(w.post().iri()))
        .recover(e -> e instanceof PeriodDone ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  /** The period was published by another node meanwhile: this digest is rolled back. */
  private static final class PeriodDone extends RuntimeException {
    PeriodDone() {
      super("the period's digest is published already", null, false, false);
    }
  }

  private Future<Optional<String>> text(Community c, DigestSettings s, OffsetDateTime from, OffsetDateTime to) {
    String lang = c.language() == null || !voice.speaks(c.language()) ? "en" : c.language();
    return store.facts(c.id(), from, to, TOP).map(f -> {
      if (f.top().isEmpty() && f.newMembers() == 0 && f.movers().isEmpty()) {
        return Optional.empty();
      }
      StringBuilder md = new StringBuilder();
      md.append("**").append(plain(voice.text(lang, "digest.title." + s.frequency(), c.name()))).append("**\n\n");
      if (!f.top().isEmpty()) {
        md.append(voice.text(lang, "digest.top")).append("\n\n");
        int n = 1;
        for (DigestStore.Top t : f.top()) {
          md.append(n++).append(". [").append(plain(Html.cut(t.excerpt(), 140))).append("](<").append(t.objectId())
              .append(">) — ").append(plain(t.authorName())).append(" · ")
              .append(voice.text(lang, "digest.counts", String.valueOf(t.replies()), String.valueOf(t.likes())))
              .append('\n');
        }
        md.append('\n');
      }
      if (f.newMembers() > 0) {
        md.append(voice.text(lang, "digest.members", String.valueOf(f.newMembers())));
        if (!f.newPosters().isEmpty()) {
          md.append(' ').append(voice.text(lang, "digest.posters",
              plain(String.join(", ", f.newPosters()))));
        }
        md.append("\n\n");
      }
      list(md, voice.text(lang, "digest.events"), f.events(), lang);
      list(md, voice.text(lang, "digest.polls"), f.polls(), lang);
      if (!f.movers().isEmpty()) {
        md.append(voice.text(lang, "digest.board")).append("\n\n");
        for (DigestStore.Mover m : f.movers()) {
          md.append("- [").append(plain(Html.cut(m.excerpt(), 140))).append("](<").append(m.objectId()).append(">) — ")
              .append(voice.text(lang, "digest.votes", String.valueOf(m.votes()),
                  voice.text(lang, "board.status." + m.status()))).append('\n');
        }
      }
      return Optional.of(md.toString().strip());
    });
  }

  private void list(StringBuilder md, String heading, List<DigestStore.Item> items, String lang) {
    if (items.isEmpty()) {
      return;
    }
    md.append(heading).append("\n\n");
    for (DigestStore.Item i : items) {
      md.append("- ").append(plain(i.name())).append(i.at() == null ? "" : " — " + voice.date(lang, i.at()))
          .append('\n');
    }
    md.append('\n');
  }

  /** Text safe inside the digest's Markdown: no link brackets, emphasis or mentions of its own. */
  static String plain(String s) {
    return s == null ? "" : s.replaceAll("[\\[\\]()*_`<>\\\\]", " ").replace("@", "@\u200b").replaceAll("\\s+", " ")
        .strip();
  }

  private static CoreException invalid(String code, String message) {
    return new CoreException(CoreException.Kind.INVALID, code, message);
  }
}
