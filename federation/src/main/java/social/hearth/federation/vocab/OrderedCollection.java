package social.hearth.federation.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An OrderedCollection or OrderedCollectionPage, paged by {@code first}/{@code next}. Hearth builds them with
 * {@link #summary} and {@link #page}; {@link Normalizer#collection} reads peers' collections (and plain Collections)
 * into the same record, with each entry of {@code orderedItems} kept as the JSON the peer sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"@context", "id", "type", "totalItems"})
public record OrderedCollection(
    @JsonProperty("@context") Object context,
    String id,
    String type,
    Long totalItems,
    String partOf,
    String first,
    String next,
    String prev,
    List<?> orderedItems) {

  public static OrderedCollection summary(String id, long total, String first) {
    return new OrderedCollection(As.NS, id, "OrderedCollection", total, null, first, null, null, null);
  }

  public static OrderedCollection page(String id, String partOf, long total, String next, String prev, List<?> items) {
    return new OrderedCollection(As.NS, id, "OrderedCollectionPage", total, partOf, null, next, prev, items);
  }
}
