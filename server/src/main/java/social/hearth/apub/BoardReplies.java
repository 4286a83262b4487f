package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.RemoteActor;
import social.hearth.core.port.BoardWire;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The board's status replies on the wire: a public {@code Note} by the community's Group, {@code inReplyTo} the idea,
 * with the idea's author mentioned ({@code tag} Mention, in {@code to}) and its voters in {@code cc} with the
 * followers. Served at {@code /c/{slug}/board/{key}/status/{uuid}} (BoardRoutes).
 */
public final class BoardReplies implements BoardWire {

  private final Uris uris;
  private final Clock clock;

  public BoardReplies(Uris uris, Clock clock) {
    this.uris = uris;
    this.clock = clock;
  }

  @Override
  public String replyIri(Community c, String key) {
    return uris.community(c.slug()) + "/board/" + key + "/status/" + UUID.randomUUID();
  }

  @Override
  public String author(Community c) {
    return uris.community(c.slug());
  }

  @Override
  public String boardPage(Community c) {
    return uris.community(c.slug()) + "/board";
  }

  @Override
  public String reply(Community c, String iri, String inReplyTo, String html, RemoteActor author, List<String> voters) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    n.putArray("@context").add(As.NS);
    String group = uris.community(c.slug());
    String handle = "@" + (author.preferredUsername() == null ? "" : author.preferredUsername()) + "@" + author.host();
    n.put("id", iri);
    n.put("type", "Note");
    n.put("attributedTo", group);
    n.put("audience", group);
    n.put("inReplyTo", inReplyTo);
    ArrayNode to = n.putArray("to");
    if (!c.isPrivate()) { // a private community's answer goes to its author, the voters and the members only
      to.add(As.PUBLIC);
    }
    to.add(author.id());
    ArrayNode cc = n.putArray("cc").add(uris.communityFollowers(c.slug()));
    voters.stream().filter(v -> !v.equals(author.id())).forEach(cc::add);
    String mention = "<p><span class=\"h-card\"><a href=\"" + author.id() + "\" class=\"u-url mention\">"
        + social.hearth.core.text.Html.escape(handle) + "</a></span></p>";
    n.put("content", mention + html);
    if (c.language() != null) {
      n.putObject("contentMap").put(c.language(), mention + html);
    }
    n.putArray("tag").addObject().put("type", "Mention").put("href", author.id()).put("name", handle);
    n.put("url", iri);
    n.put("published", Instant.now(clock).toString());
    return n.toString();
  }
}
