package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A {@code tag} entry: Mention (href = actor), Hashtag (name = "#topic") or Emoji. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tag(String type, String href, String name) {}
