package social.hearth.core.events;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Event;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.text.Html;

/**
 * What the community says about an event, in a language ({@link Voice}'s bundles): the line with its date, time and
 * place (the Event's {@code summary}, which Mastodon shows under the name), the post the community page lists, and
 * the direct messages to attendees.
 */
public final class EventTexts {

  private final Voice voice;

  public EventTexts(Voice voice) {
    this.voice = voice;
  }

  public Voice voice() {
    return voice;
  }

  /** The event's language for everyone: its own, else the community's. */
  String languageOf(Community c, Event e) {
    return voice.speaks(e.language()) ? e.language() : voice.languageFor(c, null);
  }

  /** "Sat 14 June 2025, 18:00–20:00 (Europe/Berlin)" in the language, in the event's zone. */
  public String when(String lang, Event e) {
    Locale locale = Locale.forLanguageTag(lang);
    DateTimeFormatter day = DateTimeFormatter.ofPattern(voice.text(lang, "event.datetime.pattern"), locale);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
    ZonedDateTime start = e.start().atZoneSameInstant(e.zone());
    ZonedDateTime end = e.end().atZoneSameInstant(e.zone());
    String until = start.toLocalDate().equals(end.toLocalDate()) ? "–" + time.format(end) : " – " + day.format(end);
    return day.format(start) + until + " (" + e.timezone() + ")";
  }

  /** The place: its name and address, or the online link. */
  public String where(String lang, Event e) {
    StringBuilder out = new StringBuilder();
    if (e.placeName() != null) {
      out.append(e.placeName());
    }
    if (e.placeAddress() != null) {
      out.append(out.length() > 0 ? ", " : "").append(e.placeAddress());
    }
    if (e.onlineUrl() != null) {
      out.append(out.length() > 0 ? " · " : "").append(voice.text(lang, "event.online", e.onlineUrl()));
    }
    return out.toString();
  }

  /**
   * The plain-text summary: status when cancelled, date and time, place, and how to answer from any app. Mastodon
   * shows an Event's name, this summary and the link.
   */
  public String summary(Community c, Event e) {
    String lang = languageOf(c, e);
    String line = when(lang, e) + " · " + where(lang, e);
    if (e.cancelled()) {
      return voice.text(lang, "event.status.cancelled") + " · " + line;
    }
    return line + " · " + voice.text(lang, "event.rsvp.howto");
  }

  /** The HTML of the community's post of the event (its page lists it like any post). */
  public String postHtml(Community c, Event e, String page) {
    String lang = languageOf(c, e);
    StringBuilder html = new StringBuilder();
    html.append("<p><strong>").append(Html.escape(e.name())).append("</strong></p>");
    if (e.cancelled()) {
      html.append("<p><strong>").append(Html.escape(voice.text(lang, "event.status.cancelled"))).append("</strong></p>");
    }
    html.append("<p>").append(Html.escape(when(lang, e))).append("<br>").append(Html.escape(where(lang, e))).append("</p>");
    html.append(e.html());
    html.append("<p><a href=\"").append(Html.escape(page)).append("\">")
        .append(Html.escape(voice.text(lang, "event.details"))).append("</a></p>");
    return html.toString();
  }

  /** A direct message about the event in {@code who}'s language: the key's paragraph and the event's line. */
  public String message(Community c, Event e, RemoteActor who, String key) {
    String lang = voice.languageFor(c, who);
    return voice.paragraph(lang, key, e.name(), c.name()) + "<p>" + Html.escape(when(lang, e)) + "<br>"
        + Html.escape(where(lang, e)) + "</p>";
  }

  /** The language a direct message to {@code who} is written in. */
  public String languageFor(Community c, RemoteActor who) {
    return voice.languageFor(c, who);
  }
}
