package social.hearth.federation.webfinger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A WebFinger JSON Resource Descriptor (RFC 7033). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Jrd(String subject, List<String> aliases, List<Link> links) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Link(String rel, String type, String href, String template) {}

  public static final String MEDIA_TYPE = "application/jrd+json";
}
