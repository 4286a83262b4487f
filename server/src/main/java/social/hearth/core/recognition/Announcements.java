package social.hearth.core.recognition;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Achievement;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Level;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.AchievementStore;
import social.hearth.core.port.Actors;
import social.hearth.core.port.ShoutOuts;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.text.Html;
import social.hearth.core.util.Worker;

/**
 * The worker behind levels and achievements (issue 18): records what the members the ledger marked have earned (the
 * database does it, {@link AchievementStore#evaluate}, a batch at a time, off the accept path), looks for day-counted
 * achievements once an hour, and announces what was earned the way the community chose: a direct message to the
 * member or a shout-out post by the community (for the members only in a private community). An announcement is
 * claimed by a conditional update in the transaction that writes its activity to the outbox, so it is written once,
 * across restarts and on any number of nodes.
 */
public final class Announcements extends Worker {

  private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);
  static final int BATCH = 64;
  static final long TENURE_NANOS = Duration.ofHours(1).toNanos();
  private static final String MENTION = "@@@";

  /** What the announcements are made with. */
  public record Parts(AchievementStore store, Achievements achievements, CommunityService communities, Actors actors,
                      Voice voice, TransactionalOutbox out, ShoutOuts shouts) {}

  private final Parts p;
  private long lastTenure = System.nanoTime() - 2 * TENURE_NANOS;
  public Announcements(Vertx vertx, Duration poll, Parts parts) {
    super(vertx, poll.toMillis());
    this.p = parts;
  }

  @Override
  protected Future<Integer> batch() {
    return runOnce();
  }

  /** One pass: the day-counted achievements when due, a batch of marked members, then the announcements due. */
  public Future<Integer> runOnce() {
    Future<Integer> tenure = Future.succeededFuture(0);
    if (System.nanoTime() - lastTenure >= TENURE_NANOS) {
      lastTenure = System.nanoTime();
      tenure = p.store().tenure();
    }
    return tenure.compose(t -> p.store().evaluate(BATCH))
        .compose(taken -> p.store().due(BATCH).compose(this::announceAll).map(sent -> taken + sent));
  }

  /**
   * An announcement that failed (a member's account that cannot be read, a database error) waits in its row, a minute
   * after the first failure doubling to six hours, so a few that cannot be sent never hold up the ones behind them.
   */
  private Future<Integer> failed(AchievementStore.Due d, Throwable e) {
    return p.store().failed(d).map(tries -> {
      if (tries == 1 || tries % 10 == 0) {
        LOG.warn("could not announce {} to {} ({} tries): {}", d.key(), d.actor(), tries, e.toString());
      }
      return tries;
    }).otherwise(f -> {
      LOG.warn("could not announce {} to {} nor put it off: {}", d.key(), d.actor(), f.toString());
      return 0;
    });
  }

  private Future<Integer> announceAll(List<AchievementStore.Due> due) {
    Future<Integer> done = Future.succeededFuture(0);
    for (AchievementStore.Due d : due) {
      done = done.compose(n -> announce(d).map(sent -> sent ? n + 1 : n)
          .recover(e -> failed(d, e).map(n)));
    }
    return done;
  }

  private Future<Boolean> announce(AchievementStore.Due d) {
    return p.communities().byId(d.communityId()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      Community c = found.get();
      return p.actors().get(d.actor()).compose(who -> p.achievements().levels(c).compose(levels -> {
        boolean post = "post".equals(d.mode());
        String lang = post ? p.voice().languageFor(c, null) : p.voice().languageFor(c, who);
        return p.achievements().achievements(c, lang).compose(list -> post ? shout(c, who, d, lang, list, levels)
            : message(c, who, d, lang, list, levels));
      }));
    });
  }

  /** The text's key and arguments: the community, what was earned, and its description or the level's number. */
  private static String[] args(Community c, AchievementStore.Due d, List<Achievement> list, List<Level> levels) {
    String title = Achievements.title(d.key(), list, levels);
    String about = d.key().startsWith(Achievements.LEVEL_KEY)
        ? Achievements.level(d.key(), levels).map(l -> String.valueOf(l.number())).orElse("")
        : list.stream().filter(a -> a.key().equals(d.key())).map(Achievement::description).findFirst().orElse("");
    return new String[] {c.name(), title, about == null ? "" : about};
  }

  private static String key(AchievementStore.Due d, String kind) {
    return "recognition." + kind + (d.key().startsWith(Achievements.LEVEL_KEY) ? ".level" : ".achievement");
  }

  private Future<Boolean> message(Community c, RemoteActor who, AchievementStore.Due d, String lang,
                                  List<Achievement> list, List<Level> levels) {
    String html = p.voice().paragraph(lang, key(d, "dm"), args(c, d, list, levels));
    return p.out().send(t -> p.store().announced(t, d).compose(first -> first
        ? p.out().outbound().directMessage(t, c, who, html, "notice", null, lang).map(true)
        : Future.succeededFuture(false)));
  }

  private Future<Boolean> shout(Community c, RemoteActor who, AchievementStore.Due d, String lang,
                                List<Achievement> list, List<Level> levels) {
    String handle = "@" + who.preferredUsername() + "@" + who.host();
    String[] args = args(c, d, list, levels);
    String[] withMention = {MENTION, args[1], args[2]};
    String card = "<span class=\"h-card\"><a href=\"" + Html.escape(who.id()) + "\" class=\"u-url mention\">@<span>"
        + Html.escape(who.preferredUsername()) + "</span></a></span>";
    String html = p.voice().paragraph(lang, key(d, "shout"), withMention).replace(MENTION, card);
    String markdown = p.voice().text(lang, key(d, "shout"), handle, args[1], args[2]);
    PostBody body = new PostBody(html, List.of(), List.of(new PostBody.Mention(who.id(), handle, who.id(),
        who.deliveryInbox(), who.host())));
    return p.out().send(t -> p.store().announced(t, d).compose(first -> first
        ? p.shouts().publish(t, c, markdown, body, lang, c.isPrivate()).map(true)
        : Future.succeededFuture(false)));
  }
}
