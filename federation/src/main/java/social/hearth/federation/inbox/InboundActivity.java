package social.hearth.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import social.hearth.federation.vocab.Activity;

/** A verified activity as received: the parsed form, the exact JSON, and the recipient inbox's owner (or null for the shared inbox). */
public record InboundActivity(Activity activity, JsonNode json, String recipient) {}
