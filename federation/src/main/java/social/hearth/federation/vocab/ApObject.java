package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A content object: Note, Page (Lemmy posts), Article or Question. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"@context", "id", "type"})
public record ApObject(
    @JsonProperty("@context") Object context,
    String id,
    String type,
    String attributedTo,
    List<String> to,
    List<String> cc,
    String audience,
    String name,
    String summary,
    String content,
    Boolean sensitive,
    String inReplyTo,
    String published,
    String updated,
    String url,
    List<Tag> tag) {

  public static final List<String> TYPES = List.of("Note", "Page", "Article", "Question", "Event");

  /** Public (to Public) or unlisted (cc Public): the only posts a community may re-share. */
  public boolean isPublicOrUnlisted() {
    return to.stream().anyMatch(As::isPublic) || cc.stream().anyMatch(As::isPublic);
  }

  /** True when the object names the actor in to/cc/audience or mentions it in a tag. */
  public boolean addresses(String actorId) {
    return to.contains(actorId) || cc.contains(actorId) || actorId.equals(audience)
        || tag.stream().anyMatch(t -> "Mention".equals(t.type()) && actorId.equals(t.href()));
  }
}
