package social.hearth.apub;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.hearth.core.port.PostAddresses;
import social.hearth.core.text.Links;

/** Reads our own post addresses ({@link Uris#communityPost}, {@link Uris#authoredPost}) back from links people copied. */
public final class PostLinks implements PostAddresses {

  private static final Pattern POST_PAGE = Pattern.compile("^/c/([a-z0-9_.-]+)/posts/([0-9]{1,18})/?$");

  private final Uris uris;
  private final String origin;

  public PostLinks(Uris uris) {
    this.uris = uris;
    this.origin = Links.origin(uris.base());
  }

  @Override
  public Optional<PostPage> postPage(String url) {
    String path = localPath(url);
    if (path == null) {
      return Optional.empty();
    }
    Matcher m = POST_PAGE.matcher(path);
    return m.matches() ? Optional.of(new PostPage(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
  }

  @Override
  public boolean written(String objectId) {
    return objectId != null && objectId.startsWith(uris.authoredPost(""));
  }

  /** The path of a link to our own origin (what follows the base, without query or fragment), else null. */
  private String localPath(String url) {
    if (url == null || origin == null || !origin.equals(Links.origin(url))) {
      return null;
    }
    try {
      String path = URI.create(url).getRawPath();
      String basePath = URI.create(uris.base()).getRawPath();
      if (path == null) {
        return null;
      }
      if (basePath != null && !basePath.isEmpty() && !basePath.equals("/")) {
        return path.startsWith(basePath) ? path.substring(basePath.length()) : null;
      }
      return path;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
