package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.WikiPage;
import social.hearth.core.domain.WikiRevision;

/** The community's wiki pages and their revisions. */
public interface WikiStore {

  /** A page by its current name. */
  Future<Optional<WikiPage>> byName(long communityId, String name);

  /** A page by its id. */
  Future<Optional<WikiPage>> byId(long pageId);

  /** The page an old name now leads to, if the page was moved. */
  Future<Optional<WikiPage>> redirect(long communityId, String name);

  /** The community's pages, by name, without their text (content ''). */
  Future<List<WikiPage>> list(long communityId);

  /** Creates an empty page, or returns the one with this name (a concurrent save). Locks the page's row. */
  Future<WikiPage> lockOrCreate(Tx tx, long communityId, String name);

  /** Adds the next revision and makes it current; returns the page as it is now. */
  Future<WikiPage> addRevision(Tx tx, WikiPage page, String content, String summary, String author);

  /** Marks whether new revisions are announced, in the transaction that sends the Create. */
  Future<Void> setAnnounced(Tx tx, long pageId, boolean announced);

  /** Renames a page, leaving its old name as a redirect; false when the new name is taken. */
  Future<Boolean> move(Tx tx, WikiPage page, String newName);

  /** A page's revisions, newest first, without their text (content ''). */
  Future<List<WikiRevision>> revisions(long pageId);

  /** One revision. */
  Future<Optional<WikiRevision>> revision(long pageId, int number);
}
