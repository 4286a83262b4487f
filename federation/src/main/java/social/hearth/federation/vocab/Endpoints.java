package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoints(String sharedInbox) {}
