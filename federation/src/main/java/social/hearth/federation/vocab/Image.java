package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An actor's {@code icon} or {@code image}: only an http(s) {@code url} is kept; see {@link Normalizer#image}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Image(String type, String mediaType, String url) {}
