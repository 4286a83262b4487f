package social.hearth.core.moderation;

import social.hearth.federation.vocab.Iris;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import social.hearth.federation.vocab.Normalizer;

/** Forwarded reports name only posts on the reported account's server, judged exactly as the normaliser judges origins. */
class ReportsOriginTest {

  @Test
  void sameOriginAgreesWithTheNormaliser() {
    List<String> iris = List.of("https://a.example/u/x", "https://A.example:443/p/1", "https://a.example:8443/p/2",
        "http://a.example/p/3", "http://a.example:80/p/4", "https://b.example/p", "https://bücher.example/p",
        "https://user@a.example/p", "https://[::1]/p", "not an iri", "/relative", "https://a.example./p", "https://a_b.example/p");
    for (String a : iris) {
      for (String b : iris) {
        assertEquals(Iris.sameOrigin(a, b), social.hearth.core.text.Links.sameOrigin(a, b), a + " / " + b);
      }
    }
  }
}
