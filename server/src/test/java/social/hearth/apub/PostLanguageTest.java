package social.hearth.apub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import social.hearth.federation.vocab.JsonLimits;

/** The language a received post is written in, as the community will write back to its author. */
class PostLanguageTest {

  static String language(String json) throws Exception {
    JsonNode node = JsonLimits.MAPPER.readTree(json);
    return InboundMapper.language(node);
  }

  @Test
  void mastodonsContentMapAndLemmysLanguageAreRead() throws Exception {
    assertEquals("ru", language("{\"content\":\"x\",\"contentMap\":{\"ru\":\"x\"}}"));
    assertEquals("pt", language("{\"contentMap\":{\"pt-BR\":\"x\"}}"), "the primary subtag");
    assertEquals("de", language("{\"contentMap\":{\"und\":\"x\",\"de\":\"y\"}}"), "undetermined is skipped");
    assertEquals("fr", language("{\"language\":{\"identifier\":\"fr\",\"name\":\"Français\"}}"), "Lemmy, PieFed");
  }

  @Test
  void nothingUsableIsNoLanguage() throws Exception {
    assertNull(language("{\"content\":\"x\"}"));
    assertNull(language("{\"language\":{\"identifier\":\"und\"}}"));
    assertNull(language("{\"contentMap\":{\"<script>\":\"x\"}}"));
    assertNull(language("{\"contentMap\":\"ru\"}"));
  }
}
