package social.hearth.core.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;

/**
 * What a community says to people comes from one bundle per language, with the same keys in each, and a language
 * is added by adding its bundle: the test classpath carries {@code i18n/community_eo.properties}, which no code
 * names.
 */
class VoiceTest {

  static final Voice VOICE = Voice.standard();
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

  static Set<String> placeholders(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void everyBundleHasExactlyTheEnglishKeysWithTheSamePlaceholdersAndNoEmptyText() {
    Set<String> english = VOICE.keys("en");
    assertTrue(english.contains("welcome.rules") && english.contains("report.outcome.ban_member"), english.toString());
    for (String lang : VOICE.languages()) {
      assertEquals(english, VOICE.keys(lang), lang + " has other keys than English");
      for (String key : english) {
        String text = VOICE.text(lang, key);
        assertFalse(text.isBlank(), lang + " " + key + " is empty");
        assertEquals(placeholders(VOICE.text("en", key)), placeholders(text), lang + " " + key + " has other placeholders");
      }
    }
  }

  @Test
  void englishAndRussianAreSpokenAndAThirdLanguageIsFoundByItsFileAlone() {
    assertEquals("en", VOICE.languages().get(0), "English first");
    assertTrue(VOICE.languages().containsAll(List.of("en", "ru", "eo")), VOICE.languages().toString());
    assertEquals("Reguloj de Legantoj:", VOICE.text("eo", "welcome.rules", "Legantoj"));
    assertFalse(VOICE.speaks("fr"), "no bundle, no language");
  }

  @Test
  void aMemberIsWrittenToInTheirLanguageElseTheCommunitysElseEnglish() {
    Community russian = community("ru");
    Community french = community("fr"); // a default whose bundle is gone: English
    assertEquals("eo", VOICE.languageFor(russian, actor("eo")));
    assertEquals("ru", VOICE.languageFor(russian, actor(null)), "unknown: the community's default");
    assertEquals("ru", VOICE.languageFor(russian, actor("fr")), "no bundle for theirs: the community's default");
    assertEquals("en", VOICE.languageFor(french, actor(null)));
  }

  @Test
  void valuesAreEscapedAndDatesWrittenAsTheLanguageWritesThem() {
    assertEquals("<p>Rules of &lt;b&gt;Club&lt;/b&gt;:</p>", VOICE.paragraph("en", "welcome.rules", "<b>Club</b>"));
    OffsetDateTime day = OffsetDateTime.of(2027, 3, 5, 12, 0, 0, 0, ZoneOffset.UTC);
    assertEquals("5 March 2027", VOICE.date("en", day));
    assertEquals("5 марта 2027", VOICE.date("ru", day));
    assertEquals("Русский", Voice.nameOf("ru"));
  }

  static Community community(String language) {
    return new Community(1, "c", "C", "", "pem", OffsetDateTime.now(), true, false, Community.JoinPolicy.OPEN,
        Community.PostingPolicy.MEMBERS, true, null, "", 7, 7, null, false, language, Community.QuotePolicy.EVERYONE);
  }

  static RemoteActor actor(String language) {
    return new RemoteActor("https://x.example/u/a", "Person", "x.example", "a", "A", "https://x.example/u/a/inbox",
        null, null, null, OffsetDateTime.now(), language);
  }
}
