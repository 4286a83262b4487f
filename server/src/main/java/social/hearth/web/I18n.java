package social.hearth.web;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The web UI's languages: one UTF-8 message bundle per language ({@code web/i18n/messages_<lang>.properties} in the
 * web-ui module), the choice of language per request (the {@code lang} cookie, then Accept-Language), and plural
 * forms by the CLDR rules of each language ({@code key.one}, {@code key.few}, {@code key.many}, {@code key.other}).
 */
public final class I18n {

  /** Languages in the order the switch shows them; the first is the default. */
  public static final List<String> LANGUAGES = List.of("en", "ru");
  public static final String COOKIE = "lang";

  private final Map<String, Map<String, String>> bundles = new HashMap<>();

  public I18n() {
    for (String lang : LANGUAGES) {
      bundles.put(lang, load(lang));
    }
  }

  /** Reads {@code web/i18n/messages_<lang>.properties} as UTF-8. */
  public static Map<String, String> load(String lang) {
    String path = "web/i18n/messages_" + lang + ".properties";
    try (InputStream in = I18n.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing message bundle " + path);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> out = new HashMap<>();
      p.forEach((k, v) -> out.put((String) k, (String) v));
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> keys(String lang) {
    return new TreeSet<>(bundles.get(lang).keySet());
  }

  public boolean has(String key) {
    return bundles.get(LANGUAGES.get(0)).containsKey(key);
  }

  /** The language for this request: a valid {@code lang} cookie, else the best Accept-Language match, else English. */
  public static String choose(RoutingContext ctx) {
    var cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null && LANGUAGES.contains(cookie.getValue())) {
      return cookie.getValue();
    }
    for (LanguageHeader h : ctx.acceptableLanguages()) {
      String tag = h.tag() == null ? "" : h.tag().toLowerCase(Locale.ROOT);
      if (h.weight() > 0 && LANGUAGES.contains(tag)) {
        return tag;
      }
    }
    return LANGUAGES.get(0);
  }

  /** The message for a key, with {@code {0}}-style arguments; a missing key is a programming error. */
  public String t(String lang, String key, Object... args) {
    String pattern = bundles.getOrDefault(lang, bundles.get(LANGUAGES.get(0))).get(key);
    if (pattern == null) {
      throw new IllegalArgumentException("no message '" + key + "' in " + lang);
    }
    if (args == null || args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
  }

  /** The plural form of {@code key} for the count n, with n as argument {0}. */
  public String tn(String lang, String key, long n) {
    return t(lang, key + "." + pluralCategory(lang, n), n);
  }

  /** CLDR plural categories for integers: English one/other; Russian one/few/many. */
  public static String pluralCategory(String lang, long n) {
    long abs = Math.abs(n);
    if (lang.equals("ru")) {
      long mod10 = abs % 10;
      long mod100 = abs % 100;
      if (mod10 == 1 && mod100 != 11) {
        return "one";
      }
      if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
        return "few";
      }
      return "many";
    }
    return abs == 1 ? "one" : "other";
  }

  /** The plural categories a language uses, so tests can check that each plural key has all of them. */
  public static List<String> pluralCategories(String lang) {
    return lang.equals("ru") ? List.of("one", "few", "many") : List.of("one", "other");
  }
}
