package social.hearth.apub;

import java.util.Set;

/**
 * The inbox's two lanes, each claimed by its own worker: what changes who belongs and what exists (control) is
 * never queued behind posts, likes and announces (content). A sender's activities stay in arrival order across the
 * lanes: the claim hands out an activity only when no earlier one of its sender is still waiting in either lane.
 */
public enum InboxLane {
  /** Follow, Undo, Delete, Block, Move, Flag, Accept, Reject: few, cheap, and urgent for the people concerned. */
  CONTROL(0),
  /** Create, Update, Like, Announce and the rest: the bulk, and what a flood is made of. */
  CONTENT(1);

  static final Set<String> CONTROL_TYPES = Set.of("Follow", "Undo", "Delete", "Block", "Move", "Flag", "Accept", "Reject");

  private final int id;

  InboxLane(int id) {
    this.id = id;
  }

  /** The lane's number in the {@code inbox.lane} column. */
  public int id() {
    return id;
  }

  /**
   * Items in flight at once in this lane, of {@code total} for both ({@link InboxProcessor#concurrency(int)}: half the
   * node's database connections, 8 of 16 by default): a quarter (at least one) for control, the rest for content. An
   * item that holds one connection while it asks for another always finds one free (see docs/architecture.md,
   * "Connections").
   */
  public int concurrency(int total) {
    int control = Math.max(1, total / 4);
    return this == CONTROL ? control : Math.max(1, total - control);
  }

  /** The lane of an activity type. */
  public static InboxLane of(String type) {
    return CONTROL_TYPES.contains(type) ? CONTROL : CONTENT;
  }
}
