package social.hearth.core.domain;

/**
 * What a staff Person tells its followers (see {@code core.port.StaffOutbound#toFollowers}): its own profile changed
 * ({@code Update{Person}}), or a note of its was created, edited or deleted.
 */
public sealed interface StaffActivity {

  /** What happened to a note. */
  enum Verb { CREATE, UPDATE, DELETE }

  /** {@code Update{Person}} with the Person's current profile. */
  record ProfileUpdate(StaffProfile person) implements StaffActivity {}

  /** {@code Create}, {@code Update} or {@code Delete} (with a {@code Tombstone}) of the Person's note. */
  record NoteChange(Verb verb, StaffNote note) implements StaffActivity {}

  static StaffActivity profileUpdate(StaffProfile person) {
    return new ProfileUpdate(person);
  }

  static StaffActivity note(Verb verb, StaffNote note) {
    return new NoteChange(verb, note);
  }
}
