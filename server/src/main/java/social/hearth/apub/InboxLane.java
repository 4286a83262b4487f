package social.hearth.apub;

import java.util.Set;

/**
 * The inbox's two lanes, each claimed by its own worker: what changes who belongs and what exists (control) is
 * never queued behind posts, likes and announces (content). A sender's activities stay in arrival order across the
 * lanes: the claim hands out an activity only when no earlier one of its sender is still waiting in either lane.
 */
public enum InboxLane {
  /** Follow, Undo, Delete, Block, Move, Flag, Accept, Reject: few, cheap, and urgent for the people concerned. */
  CONTROL(0, 2),
  /** Create, Update, Like, Announce and the rest: the bulk, and what a flood is made of. */
  CONTENT(1, 6);

  static final Set<String> CONTROL_TYPES = Set.of("Follow", "Undo", "Delete", "Block", "Move", "Flag", "Accept", "Reject");

  private final int id;
  private final int concurrency;

  InboxLane(int id, int concurrency) {
    this.id = id;
    this.concurrency = concurrency;
  }

  /** The lane's number in the {@code inbox.lane} column. */
  public int id() {
    return id;
  }

  /**
   * Items in flight at once in this lane. Both lanes together run 8, half of the node's 16 database connections: an
   * item that holds one connection while it asks for another always finds one free (see docs/architecture.md,
   * "Connections").
   */
  public int concurrency() {
    return concurrency;
  }

  /** The lane of an activity type. */
  public static InboxLane of(String type) {
    return CONTROL_TYPES.contains(type) ? CONTROL : CONTENT;
  }
}
