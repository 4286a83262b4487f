package social.hearth.core.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A poll (an ActivityStreams Question): written here by a community's staff ({@code key} set; {@code author} null
 * when the community asks, else the staff member's username; votes counted here), or a remote poll a member posted
 * ({@code key} null; options and counts as its author last sent them). {@code votes} has one count per option, in
 * order; {@code voters} counts people (a person choosing two options of a several-choice poll is one voter).
 */
public record Poll(long id, String iri, String key, Long communityId, String author, String question,
                   List<String> options, List<Integer> votes, boolean multiple, boolean membersOnly, int voters,
                   OffsetDateTime endTime, OffsetDateTime closedAt, Long postId, String createdBy,
                   OffsetDateTime createdAt) {

  public Poll {
    options = List.copyOf(options);
    votes = List.copyOf(votes);
  }

  public boolean local() {
    return key != null;
  }

  public boolean asCommunity() {
    return author == null;
  }

  /** Over: closed, or its end time has passed. */
  public boolean closed(OffsetDateTime now) {
    return closedAt != null || endTime != null && !endTime.isAfter(now);
  }

  /** The index of the option with exactly this name, or -1. */
  public int option(String name) {
    return name == null ? -1 : options.indexOf(name);
  }
}
