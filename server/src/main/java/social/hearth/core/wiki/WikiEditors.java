package social.hearth.core.wiki;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import social.hearth.core.CoreException;
import social.hearth.core.audit.AuditLog;
import social.hearth.core.domain.Community;
import social.hearth.core.port.MemberStore;
import social.hearth.core.port.TransactionalOutbox;
import social.hearth.core.port.WikiEditorStore;

/**
 * Who may edit a community's wiki (issue 19): its staff, and the members its staff trust (the wiki's editors, set by
 * staff). {@link #mayEdit} is the one check every edit path makes, whoever is signed in: a staff session today, a
 * member's session (signed in by a code sent to them) when there is one. A trusted member edits while they are a member:
 * removed, banned or gone, their name on the list no longer lets them. Their revisions record their actor IRI.
 */
public final class WikiEditors {

  /** The most editors a community keeps. */
  public static final int MAX = 200;

  /**
   * Who asks to edit. {@code by}: what the revision and the audit log record ({@code staff:alice}, or a member's actor
   * IRI); {@code actor}: the actor the editors' list names (a staff account's Person, a member's actor; null for the
   * admin token); {@code moderates}: staff of this community (they may always edit).
   */
  public record Principal(String by, String actor, boolean moderates) {

    /** A signed-in staff account ({@code person}: its Person's IRI) that moderates the community or not. */
    public static Principal staff(String username, String person, boolean moderates) {
      return new Principal("staff:" + username, person, moderates);
    }

    /** A member signed in as their actor (a remote account). */
    public static Principal member(String actorId) {
      return new Principal(actorId, actorId, false);
    }
  }

  private final TransactionalOutbox out;
  private final WikiEditorStore store;
  private final MemberStore members;
  private final Function<String, Future<Boolean>> staffPerson;
  private final Wiki wiki;
  private final AuditLog audit;

  /** {@code staffPerson}: whether an IRI is the Person of a staff account of this server (not a member). */
  public WikiEditors(TransactionalOutbox out, WikiEditorStore store, MemberStore members,
                     Function<String, Future<Boolean>> staffPerson, Wiki wiki, AuditLog audit) {
    this.out = out;
    this.store = store;
    this.members = members;
    this.staffPerson = staffPerson;
    this.wiki = wiki;
    this.audit = audit;
  }

  /**
   * The one check: the community's staff may edit; anyone else only when staff listed their actor and they are still
   * an accepted member of the community (or a staff account's Person of this server).
   */
  public Future<Boolean> mayEdit(Community c, Principal who) {
    if (who == null) {
      return Future.succeededFuture(false);
    }
    if (who.moderates()) {
      return Future.succeededFuture(true);
    }
    if (who.actor() == null) {
      return Future.succeededFuture(false);
    }
    return store.isEditor(c.id(), who.actor()).compose(listed -> !listed ? Future.succeededFuture(false)
        : members.isAccepted(c.id(), who.actor()).compose(member -> member ? Future.succeededFuture(true)
            : staffPerson.apply(who.actor())));
  }

  /** Saves a page as {@code who} after {@link #mayEdit}: 403 {@code wiki.forbidden} when they may not. */
  public Future<Wiki.Saved> edit(Community c, Principal who, String name, String content, String summary) {
    return mayEdit(c, who).compose(may -> may ? wiki.save(c, name, content, summary, who.by())
        : Future.failedFuture(new CoreException(CoreException.Kind.FORBIDDEN, "wiki.forbidden",
            "only the community's staff and the members they trust edit its wiki")));
  }

  /** The community's trusted editors. */
  public Future<List<String>> list(Community c) {
    return store.list(c.id());
  }

  /**
   * Replaces the trusted editors: each an actor IRI of an accepted member of the community (or a staff account's
   * Person); 400 {@code wiki.editors.member} naming the first that is not.
   */
  public Future<List<String>> set(Community c, List<String> raw, String by) {
    List<String> actors = new ArrayList<>();
    for (String a : raw == null ? List.<String>of() : raw) {
      String iri = a == null ? "" : a.strip();
      if (!iri.matches("https?://[^\\s]{1,2000}")) {
        return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "wiki.editors.actor",
            "actors: each is an actor IRI (https://...), not \"" + iri + "\""));
      }
      if (!actors.contains(iri)) {
        actors.add(iri);
      }
    }
    if (actors.size() > MAX) {
      return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "wiki.editors.many",
          "actors: at most " + MAX));
    }
    List<Future<Boolean>> checks = actors.stream().map(a -> members.isAccepted(c.id(), a)
        .compose(m -> m ? Future.succeededFuture(true) : staffPerson.apply(a))).toList();
    return Future.all(checks).compose(all -> {
      for (int i = 0; i < actors.size(); i++) {
        if (!checks.get(i).result()) {
          return Future.failedFuture(new CoreException(CoreException.Kind.INVALID, "wiki.editors.member",
              "actors: " + actors.get(i) + " is not a member of the community"));
        }
      }
      return out.inTransaction(tx -> store.replace(tx, c.id(), actors, by)
          .compose(v -> audit.record(tx, c.id(), by, "wiki.editors", null, null, null,
              AuditLog.detail("count", actors.size())))).map(actors);
    });
  }
}
