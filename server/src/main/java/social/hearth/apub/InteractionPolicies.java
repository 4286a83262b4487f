package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.QuoteAuthorization;
import social.hearth.core.domain.QuoteRequest;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * Quotes on the community's terms, on the wire (FEP-044f, as Mastodon 4.5 reads and writes it): the
 * {@code interactionPolicy} of what the community authors, the {@code QuoteAuthorization} stamp it grants, and the
 * JSON-LD terms they need. Mastodon writes only {@code automaticApproval}: the public collection for "anyone", the
 * author's followers collection for "followers", the author alone for "nobody"; the community does the same with its
 * followers collection (its members).
 */
public final class InteractionPolicies {

  /** FEP-044f's namespace, for QuoteRequest and QuoteAuthorization. */
  public static final String FEP_044F = "https://w3id.org/fep/044f#";
  /** GoToSocial's namespace, where interactionPolicy and its terms are defined. */
  public static final String GTS = "https://gotosocial.org/ns#";

  private final Uris uris;

  public InteractionPolicies(Uris uris) {
    this.uris = uris;
  }

  /**
   * The {@code interactionPolicy} of a public Note the community authors: who may quote it without asking, by the
   * community's {@code canQuote} setting. Add {@link #context()} to the document's {@code @context}.
   */
  public ObjectNode forCommunity(Community c) {
    return canQuote(switch (c.canQuote()) {
      case EVERYONE -> As.PUBLIC;
      case MEMBERS -> uris.communityFollowers(c.slug());
      case NOBODY -> uris.community(c.slug());
    });
  }

  /** The policy of what only its recipients may read (the community's direct messages): nobody but the community. */
  public ObjectNode authorOnly(Community c) {
    return canQuote(uris.community(c.slug()));
  }

  private static ObjectNode canQuote(String approved) {
    ObjectNode policy = JsonLimits.MAPPER.createObjectNode();
    policy.putObject("canQuote").putArray("automaticApproval").add(approved);
    return policy;
  }

  /** The terms a document carrying an {@code interactionPolicy} defines in its {@code @context} (as Mastodon). */
  public static ObjectNode context() {
    ObjectNode terms = JsonLimits.MAPPER.createObjectNode();
    terms.put("gts", GTS);
    for (String term : new String[] {"interactionPolicy", "canQuote", "automaticApproval", "manualApproval"}) {
      terms.putObject(term).put("@id", "gts:" + term).put("@type", "@id");
    }
    return terms;
  }

  /** The terms of a QuoteRequest, its Accept or Reject, a QuoteAuthorization and its Delete. */
  static ObjectNode quoteContext() {
    ObjectNode terms = JsonLimits.MAPPER.createObjectNode();
    terms.put("gts", GTS);
    terms.put("QuoteRequest", FEP_044F + "QuoteRequest");
    terms.put("QuoteAuthorization", FEP_044F + "QuoteAuthorization");
    terms.putObject("quoteAuthorization").put("@id", FEP_044F + "quoteAuthorization").put("@type", "@id");
    terms.putObject("interactingObject").put("@id", "gts:interactingObject").put("@type", "@id");
    terms.putObject("interactionTarget").put("@id", "gts:interactionTarget").put("@type", "@id");
    return terms;
  }

  /** The stamp, as served at its IRI and embedded in its Delete. */
  ObjectNode stamp(String slug, QuoteAuthorization a, boolean withContext) {
    ObjectNode stamp = JsonLimits.MAPPER.createObjectNode();
    if (withContext) {
      stamp.set("@context", contexts());
    }
    stamp.put("id", uris.quoteAuthorization(slug, a.id()));
    stamp.put("type", "QuoteAuthorization");
    stamp.put("attributedTo", uris.community(slug));
    stamp.put("interactingObject", a.interactingObject());
    stamp.put("interactionTarget", a.interactionTarget());
    return stamp;
  }

  /** The QuoteRequest as received, embedded in the answer (ids only, as Mastodon embeds it). */
  static ObjectNode request(QuoteRequest q) {
    ObjectNode request = JsonLimits.MAPPER.createObjectNode();
    request.put("id", q.id());
    request.put("type", "QuoteRequest");
    request.put("actor", q.actorId());
    request.put("object", q.objectId());
    if (q.instrumentId() != null) {
      request.put("instrument", q.instrumentId());
    }
    return request;
  }

  static ArrayNode contexts() {
    ArrayNode context = JsonLimits.MAPPER.createArrayNode();
    context.add(As.NS);
    context.add(quoteContext());
    return context;
  }
}
