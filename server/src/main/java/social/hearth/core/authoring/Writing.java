package social.hearth.core.authoring;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostBody;
import social.hearth.core.port.AccountStore;
import social.hearth.core.port.Handles;
import social.hearth.core.port.OwnNotes;

/**
 * What writing a post and writing a recurring post share: the checks of the text, who the post is by (the community
 * or one of its staff), and the rendering with its mentions looked up.
 */
public final class Writing {

  /** The most characters of a content warning. */
  public static final int MAX_SUMMARY = 500;
  /** A language tag: ISO 639 with optional subtags ({@code en}, {@code pt-BR}, {@code zh-Hant}). */
  static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");
  /** The value of {@code as} that makes the community the author. */
  public static final String AS_COMMUNITY = "community";

  private final AccountStore accounts;
  private final Handles handles;
  private final OwnNotes notes;

  public Writing(AccountStore accounts, Handles handles, OwnNotes notes) {
    this.accounts = accounts;
    this.handles = handles;
    this.notes = notes;
  }

  OwnNotes notes() {
    return notes;
  }

  /** The Markdown, checked: not empty, at most {@link PostText#MAX_MARKDOWN} characters (line ends as \n). */
  static String content(String markdown) {
    String text = PostText.normalise(markdown);
    if (text.isBlank()) {
      throw CoreException.badRequest("content is empty: write something to publish");
    }
    if (text.length() > PostText.MAX_MARKDOWN) {
      throw CoreException.badRequest("content is " + text.length() + " characters long; at most "
          + PostText.MAX_MARKDOWN + " are allowed");
    }
    return text;
  }

  /** The content warning, checked (null when blank). */
  static String summary(String summary) {
    if (summary == null || summary.isBlank()) {
      return null;
    }
    String s = summary.strip();
    if (s.length() > MAX_SUMMARY) {
      throw CoreException.badRequest("summary (the content warning) must be at most " + MAX_SUMMARY + " characters");
    }
    return s;
  }

  /** The language tag, checked (null when blank), primary subtag in lower case. */
  static String language(String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    String l = language.strip();
    if (!LANGUAGE.matcher(l).matches()) {
      throw CoreException.badRequest("language must be a language tag like en, ru or pt-BR");
    }
    int dash = l.indexOf('-');
    return dash < 0 ? l.toLowerCase(Locale.ROOT) : l.substring(0, dash).toLowerCase(Locale.ROOT) + l.substring(dash);
  }

  /**
   * Who a post is by: null for the community ({@code as} empty or "community"), else the username of a staff
   * member of the community (an owner, a moderator, or an instance admin); a 400 for anyone else.
   */
  Future<String> author(Community c, String as) {
    if (as == null || as.isBlank() || as.strip().equalsIgnoreCase(AS_COMMUNITY)) {
      return Future.succeededFuture(null);
    }
    String username = as.strip();
    return accounts.byUsername(username).compose(account -> {
      if (account.isEmpty()) {
        return Future.failedFuture(CoreException.badRequest("unknown staff user: " + username));
      }
      if (account.get().instanceAdmin()) {
        return Future.succeededFuture(account.get().username());
      }
      return accounts.role(account.get().id(), c.id()).compose(role -> role.isPresent()
          ? Future.succeededFuture(account.get().username())
          : Future.failedFuture(CoreException.badRequest(username + " is not staff of " + c.slug())));
    });
  }

  /**
   * Renders the Markdown for the community: its mentions are looked up first (at most {@link PostText#MAX_MENTIONS},
   * all at once; each lookup is bounded by the outbound client's deadline), those not found stay text.
   */
  public Future<PostText.Rendered> render(Community c, String markdown) {
    List<PostText.Handle> found = PostText.handles(markdown);
    List<Future<Optional<PostBody.Mention>>> lookups = new ArrayList<>();
    for (PostText.Handle h : found.subList(0, Math.min(found.size(), PostText.MAX_MENTIONS))) {
      lookups.add(handles.resolve(h.name(), h.host()).otherwise(Optional.empty()));
    }
    return Future.join(lookups).transform(done -> {
      Map<String, PostBody.Mention> resolved = new HashMap<>();
      for (int i = 0; i < lookups.size(); i++) {
        Optional<PostBody.Mention> m = lookups.get(i).result();
        if (lookups.get(i).succeeded() && m.isPresent()) {
          resolved.put(found.get(i).text(), m.get());
        }
      }
      return Future.succeededFuture(PostText.render(markdown, tag -> notes.tagPage(c, tag), resolved));
    });
  }
}
