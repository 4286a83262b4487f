package social.hearth.core.membership;

import java.util.List;
import social.hearth.core.community.Voice;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Rule;
import social.hearth.core.text.Html;

/** The welcome a new member is sent: the community's welcome message, its rules with their consequences, its pins. */
final class Welcome {

  private Welcome() {}

  /** The message in {@code lang} (safe HTML), or null when the community has nothing to say. */
  static String html(Community c, List<Rule> rules, List<String> pins, Voice voice, String lang) {
    if (c.welcomeMarkdown().isBlank() && rules.isEmpty() && pins.isEmpty()) {
      return null;
    }
    StringBuilder html = new StringBuilder(Html.markdown(c.welcomeMarkdown()));
    if (!rules.isEmpty()) {
      html.append(voice.paragraph(lang, "welcome.rules", c.name())).append("<ol>");
      for (Rule r : rules) {
        html.append("<li>").append(Html.escape(r.text()));
        if (!r.consequence().isBlank()) {
          html.append(" (").append(Html.escape(r.consequence())).append(")");
        }
        html.append("</li>");
      }
      html.append("</ol>");
    }
    if (!pins.isEmpty()) {
      html.append(voice.paragraph(lang, "welcome.pinned")).append("<ul>");
      for (String pin : pins) {
        html.append("<li><a href=\"").append(Html.escape(pin)).append("\">").append(Html.escape(pin)).append("</a></li>");
      }
      html.append("</ul>");
    }
    return html.toString();
  }
}
