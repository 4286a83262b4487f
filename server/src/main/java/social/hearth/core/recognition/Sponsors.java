package social.hearth.core.recognition;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.Onboarding;
import social.hearth.core.port.PairingStore;
import social.hearth.core.port.PublishHooks;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.Tx;
import social.hearth.core.text.Html;
import social.hearth.core.text.MessageText;

/**
 * Sponsors for newcomers (issue 18, item 5). When a newcomer is admitted, the least loaded sponsor on the roster who
 * is not away is suggested in the welcome message, with the others numbered, and paired at once; the sponsor is asked
 * by direct message to greet the newcomer. A reply with a number chooses another of those offered (that sponsor is
 * asked in turn). A sponsor's "away" / "back" message takes them off offers and back. The newcomer's first accepted
 * post is flagged to their sponsor once. Every message is written in the transaction of the change it reports.
 */
public final class Sponsors implements Onboarding, PublishHooks {

  /** At most this many sponsors are listed in a welcome message. */
  public static final int MAX_OFFERED = 5;
  public static final String AUDIT_AWAY = "sponsors.away";
  public static final String AUDIT_PAIRING = "sponsors.pairing";
  private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");

  private final PairingStore store;
  private final TransactionalOutbox out;
  private final AuditLog audit;
  private final Voice voice;

  public Sponsors(PairingStore store, TransactionalOutbox out, AuditLog audit, Voice voice) {
    this.store = store;
    this.out = out;
    this.audit = audit;
    this.voice = voice;
  }

  /** How a message names an actor: a mention link to them, as HTML. */
  static String handle(RemoteActor a) {
    String name = "@" + (a.preferredUsername() == null ? "member" : a.preferredUsername()) + "@" + a.host();
    return "<span class=\"h-card\"><a href=\"" + Html.escape(a.id()) + "\" class=\"u-url mention\">"
        + Html.escape(name) + "</a></span>";
  }

  private String para(String lang, String key, String... htmlArgs) {
    return "<p>" + voice.text(lang, key, htmlArgs) + "</p>";
  }

  @Override
  public Future<String> admitted(Tx tx, Community c, RemoteActor newcomer, String lang) {
    return store.pairing(tx, c.id()).compose(on -> !on ? Future.succeededFuture(null)
        : store.available(tx, c.id(), newcomer.id(), MAX_OFFERED).compose(offered -> {
          if (offered.isEmpty()) {
            return Future.succeededFuture(null);
          }
          RemoteActor first = offered.get(0);
          List<String> ids = offered.stream().map(RemoteActor::id).toList();
          StringBuilder html = new StringBuilder(para(lang, "sponsor.offer", handle(first)));
          if (offered.size() > 1) {
            html.append(para(lang, "sponsor.others")).append("<ol>");
            for (RemoteActor a : offered) {
              html.append("<li>").append(handle(a)).append("</li>");
            }
            html.append("</ol>").append(para(lang, "sponsor.howto"));
          }
          return store.pair(tx, c.id(), newcomer.id(), first.id(), ids)
              .compose(v -> greet(tx, c, first, newcomer)).map(html.toString());
        }));
  }

  /** Asks the sponsor, in their language, to greet the newcomer (both mentioned). */
  private Future<Void> greet(Tx tx, Community c, RemoteActor sponsor, RemoteActor newcomer) {
    String lang = voice.languageFor(c, sponsor);
    return out.outbound().directMessage(tx, c, sponsor, para(lang, "sponsor.greet", handle(newcomer),
        Html.escape(c.name())), "sponsor", null, lang).mapEmpty();
  }

  /** The first accepted post of a paired newcomer is flagged to their sponsor, once. */
  @Override
  public Future<Void> published(Tx tx, Community c, long postId, ReceivedPost post) {
    return store.firstPost(tx, c.id(), post.authorId()).compose(sponsor -> sponsor.isEmpty() ? Future.succeededFuture()
        : store.actor(tx, sponsor.get()).compose(s -> store.actor(tx, post.authorId()).compose(n -> {
          if (s.isEmpty() || n.isEmpty()) {
            return Future.succeededFuture();
          }
          String lang = voice.languageFor(c, s.get());
          String link = "<a href=\"" + Html.escape(post.id()) + "\">" + Html.escape(post.id()) + "</a>";
          return out.outbound().directMessage(tx, c, s.get(), para(lang, "sponsor.first_post", handle(n.get()), link),
              "sponsor", null, lang).mapEmpty();
        })));
  }

  @Override
  public Future<Void> liked(Tx tx, Community c, String objectId, String actor) {
    return Future.succeededFuture();
  }

  private List<String> words(String key) {
    List<String> words = new ArrayList<>();
    for (String lang : voice.languages()) {
      String w = voice.text(lang, key).strip().toLowerCase(Locale.ROOT);
      if (!w.isEmpty() && !words.contains(w)) {
        words.add(w);
      }
    }
    return words;
  }

  /**
   * A direct message to the community: a newcomer's number choosing another sponsor they were offered, or a
   * sponsor's "away" / "back". Empty when the message is none of these.
   */
  public Future<Optional<String>> onDirectMessage(Community c, RemoteActor who, String html, String messageId) {
    String text = MessageText.afterLeadingMentions(html);
    if (NUMBER.matcher(text).matches()) {
      return store.pairOf(c.id(), who.id()).compose(pair -> pair.isEmpty() ? Future.succeededFuture(Optional.empty())
          : choose(c, who, Integer.parseInt(text), messageId).map(Optional::of));
    }
    boolean away = MessageText.startsWithWord(html, words("sponsor.away.keyword"));
    if (!away && !MessageText.startsWithWord(html, words("sponsor.back.keyword"))) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.isSponsor(c.id(), who.id()).compose(is -> !is ? Future.succeededFuture(Optional.<String>empty())
        : out.send(t -> store.setAway(t, c.id(), who.id(), away)
            .compose(v -> audit.record(t, c.id(), who.id(), AUDIT_AWAY, who.id(), null, null,
                AuditLog.detail("away", away)))
            .compose(v -> tell(t, c, who, away ? "sponsor.away.done" : "sponsor.back.done", messageId)))
            .map(Optional.of(away ? "sponsor away" : "sponsor back")));
  }

  private Future<Void> tell(Tx t, Community c, RemoteActor who, String key, String messageId, String... args) {
    String lang = voice.languageFor(c, who);
    return out.outbound().directMessage(t, c, who, para(lang, key, args), "notice", messageId, lang).mapEmpty();
  }

  private Future<String> choose(Community c, RemoteActor newcomer, int number, String messageId) {
    return out.send(t -> store.pairOf(t, c.id(), newcomer.id()).compose(pair -> {
      if (pair.isEmpty()) {
        return Future.succeededFuture("no sponsor to choose");
      }
      List<String> offered = pair.get().offered();
      if (number < 1 || number > offered.size()) {
        return tell(t, c, newcomer, "sponsor.choice.unknown", messageId, String.valueOf(offered.size()))
            .map("sponsor number out of range");
      }
      String chosen = offered.get(number - 1);
      if (chosen.equals(pair.get().sponsor())) {
        return store.actor(t, chosen).compose(s -> tell(t, c, newcomer, "sponsor.choice.done", messageId,
            s.map(Sponsors::handle).orElse(Html.escape(chosen)))).map("sponsor kept");
      }
      return store.available(t, c.id(), newcomer.id(), 100).compose(free -> {
        Optional<RemoteActor> s = free.stream().filter(a -> a.id().equals(chosen)).findFirst();
        if (s.isEmpty()) {
          return tell(t, c, newcomer, "sponsor.choice.away", messageId).map("sponsor not available");
        }
        return store.choose(t, c.id(), newcomer.id(), chosen)
            .compose(v -> greet(t, c, s.get(), newcomer))
            .compose(v -> tell(t, c, newcomer, "sponsor.choice.done", messageId, handle(s.get())))
            .map("chose sponsor " + number);
      });
    }));
  }

  // ------------------------------------------------------------------ staff

  public Future<List<PairingStore.RosterEntry>> roster(Community c) {
    return store.roster(c.id());
  }

  public Future<Boolean> pairing(Community c) {
    return store.pairing(c.id());
  }

  public Future<Optional<PairingStore.Pair>> pairOf(Community c, String newcomer) {
    return store.pairOf(c.id(), newcomer);
  }

  public Future<List<PairingStore.Pair>> pairs(Community c) {
    return store.pairs(c.id(), 100);
  }

  public Future<Void> setPairing(Community c, boolean on, String byWhom) {
    return out.inTransaction(t -> store.setPairing(t, c.id(), on)
        .compose(v -> audit.record(t, c.id(), byWhom, AUDIT_PAIRING, c.slug(), null, null, AuditLog.detail("pairing", on))))
        .mapEmpty();
  }

  /** Staff mark a sponsor away or back; 404 when the actor is not on the roster. */
  public Future<Void> setAway(Community c, String actor, boolean away, String byWhom) {
    if (actor == null || actor.isBlank()) {
      return Future.failedFuture(CoreException.badRequest("actor is required: the sponsor's actor IRI"));
    }
    return out.inTransaction(t -> store.setAway(t, c.id(), actor.strip(), away).compose(found -> !found
        ? Future.failedFuture(CoreException.notFound("not on the roster of sponsors: " + actor.strip()))
        : audit.record(t, c.id(), byWhom, AUDIT_AWAY, actor.strip(), null, null, AuditLog.detail("away", away))))
        .mapEmpty();
  }
}
