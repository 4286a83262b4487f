package social.hearth.core.port;

import java.util.Optional;

/**
 * Our own addresses of posts, as people copy them from our pages into a message: which post of which community a
 * link names. The shapes of these addresses are the web adapter's; the core only asks.
 */
public interface PostAddresses {

  /** A community's post page: the community's slug and the post's id there. */
  record PostPage(String slug, long postId) {}

  /** The post page a link names ({@code /c/{slug}/posts/{id}}, with or without a query or fragment), if it is one. */
  Optional<PostPage> postPage(String url);

  /** Whether the IRI is that of a post written in Hearth by a community's staff ({@code /p/{key}}). */
  boolean written(String objectId);
}
