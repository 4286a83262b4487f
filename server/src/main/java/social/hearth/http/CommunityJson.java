package social.hearth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import social.hearth.apub.Uris;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.JsonLimits;

/** A community as the admin API shows it. */
public final class CommunityJson {

  private final Uris uris;
  private final String handleHost;

  public CommunityJson(Uris uris, String handleHost) {
    this.uris = uris;
    this.handleHost = handleHost;
  }

  public ObjectNode of(Community c) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("slug", c.slug());
    n.put("name", c.name());
    n.put("summary", c.summary());
    n.put("actor", uris.community(c.slug()));
    n.put("handle", "@" + c.slug() + "@" + handleHost);
    n.put("announceLikes", c.announceLikes());
    n.put("hideFollowers", c.hideFollowers());
    n.put("joinPolicy", c.joinPolicy().name().toLowerCase(Locale.ROOT));
    n.put("postingPolicy", c.postingPolicy().name().toLowerCase(Locale.ROOT));
    n.put("membersMayReply", c.membersMayReply());
    n.put("joinQuestion", c.joinQuestion());
    n.put("welcomeMessage", c.welcomeMarkdown());
    n.put("newcomerDays", c.newcomerDays());
    n.put("reminderDays", c.reminderDays());
    n.put("language", c.language());
    n.put("canQuote", c.canQuote().name().toLowerCase(Locale.ROOT));
    n.put("visibility", c.visibility().name().toLowerCase(Locale.ROOT));
    n.put("archived", c.archived());
    n.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(c.createdAt().toInstant()));
    return n;
  }
}
