package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Image(String type, String mediaType, String url) {}
