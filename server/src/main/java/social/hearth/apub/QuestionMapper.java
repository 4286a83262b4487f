package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Poll;
import social.hearth.core.port.OwnQuestions;
import social.hearth.core.text.Html;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Polls on the wire, as Mastodon writes and reads them (and FEP-9967): a {@code Question} whose options are
 * {@code oneOf} (one choice) or {@code anyOf} (several), each a {@code Note} with its {@code name} and
 * {@code replies.totalItems} (its votes), with {@code endTime}, {@code votersCount} and, once over, {@code closed}.
 * Domain -> wire for the polls written here (addressed as {@link NoteMapper} addresses posts), wire -> domain for the
 * remote polls members post (their options and counts as their author sends them).
 */
public final class QuestionMapper implements OwnQuestions {

  private static final int MAX_OPTIONS = 20;

  private final Uris uris;

  public QuestionMapper(Uris uris) {
    this.uris = uris;
  }

  @Override
  public String pollIri(String key) {
    return uris.poll(key);
  }

  @Override
  public String authorIri(Community community, String staffUsername) {
    return staffUsername == null ? uris.community(community.slug()) : uris.staff(staffUsername);
  }

  @Override
  public String question(Community c, Poll p, OffsetDateTime now) {
    return node(c, p, now).toString();
  }

  ObjectNode node(Community c, Poll p, OffsetDateTime now) {
    ObjectNode q = JsonLimits.MAPPER.createObjectNode();
    ArrayNode context = q.putArray("@context").add(As.NS);
    context.addObject().put("toot", "http://joinmastodon.org/ns#").put("votersCount", "toot:votersCount")
        .put("sensitive", "as:sensitive");
    q.put("id", p.iri());
    q.put("type", "Question");
    q.put("attributedTo", authorIri(c, p.author()));
    q.putArray("to").add(As.PUBLIC);
    ArrayNode cc = q.putArray("cc");
    cc.add(p.asCommunity() ? uris.communityFollowers(c.slug()) : uris.community(c.slug()));
    if (!p.asCommunity()) {
      cc.add(uris.staffFollowers(p.author()));
    }
    q.put("audience", uris.community(c.slug()));
    String html = "<p>" + Html.escape(p.question()) + "</p>";
    q.put("content", html);
    q.put("sensitive", false);
    q.put("url", p.iri());
    q.put("published", time(p.createdAt()));
    if (p.voters() > 0 || p.closedAt() != null) {
      q.put("updated", time(now));
    }
    ArrayNode options = q.putArray(p.multiple() ? "anyOf" : "oneOf");
    for (int i = 0; i < p.options().size(); i++) {
      ObjectNode o = options.addObject();
      o.put("type", "Note");
      o.put("name", p.options().get(i));
      o.putObject("replies").put("type", "Collection").put("totalItems", p.votes().get(i));
    }
    q.put("votersCount", p.voters());
    if (p.endTime() != null) {
      q.put("endTime", time(p.endTime()));
    }
    if (p.closed(now)) {
      q.put("closed", time(p.closedAt() != null ? p.closedAt() : p.endTime()));
    }
    q.putArray("tag");
    q.putArray("attachment");
    return q;
  }

  /**
   * A remote Question as the domain's poll (not stored yet: id 0, no key), when it has options; its question is its
   * text content.
   */
  public static Optional<Poll> remote(JsonNode json) {
    if (json == null || !"Question".equals(json.path("type").asText()) || !json.path("id").isTextual()) {
      return Optional.empty();
    }
    boolean multiple = json.has("anyOf");
    JsonNode choices = multiple ? json.get("anyOf") : json.get("oneOf");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    List<Integer> votes = new ArrayList<>();
    for (JsonNode o : choices) {
      if (names.size() >= MAX_OPTIONS) {
        break;
      }
      String name = o.path("name").asText("").strip();
      if (name.isEmpty() || names.contains(name)) {
        continue;
      }
      names.add(name.length() > 200 ? name.substring(0, 200) : name);
      votes.add(Math.max(0, o.path("replies").path("totalItems").asInt(0)));
    }
    if (names.isEmpty()) {
      return Optional.empty();
    }
    int voters = json.path("votersCount").isNumber() ? Math.max(0, json.get("votersCount").asInt())
        : votes.stream().mapToInt(Integer::intValue).sum();
    String text = Html.text(json.path("content").asText(json.path("name").asText("")), 500);
    OffsetDateTime end = instant(json.get("endTime"));
    JsonNode closed = json.get("closed");
    OffsetDateTime closedAt = closed == null || closed.isNull() ? null
        : closed.isBoolean() ? (closed.asBoolean() ? (end != null ? end : OffsetDateTime.now(ZoneOffset.UTC)) : null)
        : Optional.ofNullable(instant(closed)).orElse(end != null ? end : OffsetDateTime.now(ZoneOffset.UTC));
    return Optional.of(new Poll(0, json.get("id").asText(), null, null, null, text, names, votes, multiple, false,
        voters, end, closedAt, null, null, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private static OffsetDateTime instant(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String time(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant().toString();
  }
}
