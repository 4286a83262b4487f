package social.hearth.core.port;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import social.hearth.core.domain.Person;

/** What the instance admin's pages read: staff accounts with their roles, and instance bans. */
public interface AdminPageQueries {

  /** A staff account with its roles, each {community slug, role}. */
  record AccountRow(long id, String username, boolean instanceAdmin, OffsetDateTime createdAt, List<String[]> roles) {}

  /** An active instance ban. */
  record InstanceBan(Person person, String reason, OffsetDateTime until) {}

  Future<List<AccountRow>> accounts();

  /** Active instance bans, newest first. */
  Future<List<InstanceBan>> instanceBans();
}
