package social.hearth.core.domain;

/**
 * A request to quote something the community authored (FEP-044f): {@code actorId} wants to quote
 * {@code objectId} in its own post {@code instrumentId}; {@code id} is the request activity's IRI.
 */
public record QuoteRequest(String id, String actorId, String objectId, String instrumentId) {}
