package social.hearth.core.community;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.text.Html;

/**
 * What a community says to people (its direct messages: the join question, the welcome, invite replies, reminders,
 * notices), in their language. The texts are {@link ResourceBundle}s on the classpath,
 * {@code i18n/community_<lang>.properties} (UTF-8, in the server module), one file per language with the same keys;
 * a language is spoken when its file is there, so a third language is added by adding its file, without any code
 * change. Placeholders {@code {0}}, {@code {1}}... are replaced as they are (no {@link java.text.MessageFormat}
 * quoting), and every value is HTML-escaped.
 *
 * <p>A member is written to in the language they last wrote in ({@link RemoteActor#language()}, from the
 * {@code contentMap} of their posts or their answer) when it is spoken, else in the community's default language,
 * else in English.
 */
public final class Voice {

  /** The bundles' base name: {@code i18n/community_en.properties}, {@code i18n/community_ru.properties}... */
  public static final String BUNDLE = "i18n/community";
  /** The language every community can fall back on. */
  public static final String FALLBACK = "en";

  private static final Voice STANDARD = new Voice(Voice.class.getClassLoader());

  private final ClassLoader loader;
  private final List<String> languages;
  private final Map<String, ResourceBundle> bundles = new ConcurrentHashMap<>();

  /** The languages whose bundle {@code loader} finds (every two-letter ISO 639 code is looked for). */
  public Voice(ClassLoader loader) {
    this.loader = loader;
    List<String> found = new ArrayList<>();
    for (String code : Locale.getISOLanguages()) {
      if (loader.getResource(BUNDLE + "_" + code + ".properties") != null) {
        found.add(code);
      }
    }
    found.sort((a, b) -> a.equals(FALLBACK) ? -1 : b.equals(FALLBACK) ? 1 : a.compareTo(b));
    if (!found.contains(FALLBACK)) {
      throw new IllegalStateException("missing the message bundle " + BUNDLE + "_" + FALLBACK + ".properties");
    }
    this.languages = List.copyOf(found);
  }

  /** The bundles on the server's own classpath. */
  public static Voice standard() {
    return STANDARD;
  }

  /** The spoken languages, English first. */
  public List<String> languages() {
    return languages;
  }

  public boolean speaks(String lang) {
    return lang != null && languages.contains(lang);
  }

  /** The language to write to {@code who} in: theirs when spoken, else the community's, else English. */
  public String languageFor(Community c, RemoteActor who) {
    if (who != null && speaks(who.language())) {
      return who.language();
    }
    return speaks(c.language()) ? c.language() : FALLBACK;
  }

  /** Every key of a language's bundle. */
  public Set<String> keys(String lang) {
    return new TreeSet<>(bundle(lang).keySet());
  }

  /** The plain text of a key in a language, its placeholders replaced by {@code args} as they are. */
  public String text(String lang, String key, String... args) {
    String pattern = bundle(lang).getString(key);
    for (int i = 0; i < args.length; i++) {
      pattern = pattern.replace("{" + i + "}", args[i]);
    }
    return pattern;
  }

  /** One HTML paragraph: the key's text with its placeholders replaced by {@code args}, all escaped. */
  public String paragraph(String lang, String key, String... args) {
    String[] escaped = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      escaped[i] = Html.escape(args[i]);
    }
    return "<p>" + text(lang, key, escaped) + "</p>";
  }

  /** A date as the language writes it ({@code date.pattern} of its bundle), in UTC. */
  public String date(String lang, OffsetDateTime when) {
    return DateTimeFormatter.ofPattern(text(lang, "date.pattern"), Locale.forLanguageTag(lang))
        .format(when.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** A language's name, written in that language (for the settings' choice). */
  public static String nameOf(String lang) {
    Locale l = Locale.forLanguageTag(lang);
    String name = l.getDisplayLanguage(l);
    return name.isEmpty() ? lang : name.substring(0, 1).toUpperCase(l) + name.substring(1);
  }

  private ResourceBundle bundle(String lang) {
    String spoken = speaks(lang) ? lang : FALLBACK;
    return bundles.computeIfAbsent(spoken, l -> {
      try {
        // UTF-8 (Java 9 and later read property bundles as UTF-8); no fallback to the JVM's own locale
        return ResourceBundle.getBundle(BUNDLE.replace('/', '.'), Locale.forLanguageTag(l), loader,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
      } catch (MissingResourceException e) {
        throw new IllegalStateException("missing the message bundle " + BUNDLE + "_" + l + ".properties", e);
      }
    });
  }
}
