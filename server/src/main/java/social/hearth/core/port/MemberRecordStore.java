package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import social.hearth.core.domain.ModeratorNote;
import social.hearth.core.domain.Warning;

/**
 * What staff know about one member of a community: their posts there, the reports about them, the warnings they were
 * given and the moderators' private notes (V32). Read only by staff pages and the admin API; nothing here federates.
 */
public interface MemberRecordStore {

  /** Notes are at most this long (the table checks it too). */
  int NOTE_MAX = 2_000;

  /** One of the member's posts in the community: its text (the start of it), when, and whether it was removed. */
  record PostRow(long id, String objectId, String text, OffsetDateTime at, boolean removed) {}

  /** A report that names the member or one of their posts in the community. */
  record ReportRow(long id, String reporterId, String comment, String state, String resolution, OffsetDateTime at) {}

  Future<ModeratorNote> addNote(long communityId, String actorId, String author, String text);

  /** Deletes one note of the member; false when there is no such note. */
  Future<Boolean> deleteNote(long communityId, String actorId, long noteId);

  /** The member's notes, newest first. */
  Future<List<ModeratorNote>> notes(long communityId, String actorId, int limit);

  /** Stores a warning in the caller's transaction; returns it with its id and time. */
  Future<Warning> addWarning(Tx tx, long communityId, Warning warning);

  /** The member's warnings, newest first. */
  Future<List<Warning>> warnings(long communityId, String actorId, int limit);

  /** The member's posts in the community, removed ones too, newest first. */
  Future<List<PostRow>> posts(long communityId, String actorId, int limit);

  /** The object ids of the member's live posts received since {@code since}, newest first. */
  Future<List<String>> liveSince(long communityId, String actorId, OffsetDateTime since, int limit);

  /** Reports in the community naming the member or one of their posts there, newest first. */
  Future<List<ReportRow>> reports(long communityId, String actorId, int limit);
}
