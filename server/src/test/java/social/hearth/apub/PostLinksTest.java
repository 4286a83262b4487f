package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.hearth.core.port.PostAddresses.PostPage;

/** The post page address a visitor copies is read back as the community's post it shows. */
class PostLinksTest {

  final PostLinks links = new PostLinks(new Uris(URI.create("https://hearth.example")));

  @Test
  void aCopiedPostPageNamesTheCommunityAndThePost() {
    assertEquals(Optional.of(new PostPage("book-club", 42)), links.postPage("https://hearth.example/c/book-club/posts/42"));
    assertEquals(Optional.of(new PostPage("book-club", 42)), links.postPage("https://HEARTH.example:443/c/book-club/posts/42/?x=1#replies"));
  }

  @Test
  void otherAddressesAreNotPostPages() {
    assertEquals(Optional.empty(), links.postPage("https://other.example/c/book-club/posts/42"));
    assertEquals(Optional.empty(), links.postPage("http://hearth.example:8080/c/book-club/posts/42"));
    assertEquals(Optional.empty(), links.postPage("https://hearth.example/c/book-club"));
    assertEquals(Optional.empty(), links.postPage("https://hearth.example/c/book-club/posts/new"));
    assertEquals(Optional.empty(), links.postPage("not a url"));
  }

  @Test
  void postsWrittenInHearthAreKnownByTheirAddress() {
    assertTrue(links.written("https://hearth.example/p/abc123"));
    assertFalse(links.written("https://social.example/p/abc123"));
  }
}
