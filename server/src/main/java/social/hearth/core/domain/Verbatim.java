package social.hearth.core.domain;

/**
 * An activity or object exactly as a remote server sent it, kept as an opaque value where FEP-1b12 needs it
 * verbatim (a group-aware server receives the member's own Create, Update, Delete or Like wrapped in the
 * community's Announce). The core carries it and stores it; only the ActivityPub adapter looks inside.
 *
 * @param id the activity's or object's id
 * @param json its JSON text
 */
public record Verbatim(String id, String json) {

  public Verbatim {
    if (json == null) {
      throw new IllegalArgumentException("verbatim JSON is required");
    }
  }
}
