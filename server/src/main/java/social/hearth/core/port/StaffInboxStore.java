package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import social.hearth.core.domain.ReceivedMention;
import social.hearth.core.domain.StaffMention;

/** The replies and mentions staff accounts receive. */
public interface StaffInboxStore {

  /** At most this many are kept per account; storing a new one forgets the oldest beyond it. */
  int KEPT = 2_000;

  /** Stores the mention for each account (once per account and post); {@code html} is already sanitised. */
  Future<Void> store(List<Long> accountIds, ReceivedMention mention, String html);

  /** Replaces the content of the author's stored post; false when none is stored. */
  Future<Boolean> revise(String objectId, String authorId, String summary, String html);

  /** Forgets the author's post wherever it is stored. */
  Future<Void> remove(String objectId, String authorId);

  /** The newest mentions of the account, older than {@code before} when it is not null. */
  Future<List<StaffMention>> page(long accountId, Long before, int limit);

  Future<Long> unread(long accountId);

  /** Marks the account's mentions up to {@code upTo} read. */
  Future<Void> markRead(long accountId, long upTo);
}
