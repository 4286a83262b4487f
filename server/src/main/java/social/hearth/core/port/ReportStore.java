package social.hearth.core.port;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import social.hearth.core.domain.Post;
import social.hearth.core.domain.Report;

/** SQL for reports: received Flags and members' reports by direct message. */
public interface ReportStore {

  /** Stores a report; false when this Flag was already stored. */
  Future<Boolean> insert(String flagId, Long communityId, String reporterId, List<String> accounts,
                                List<String> objects, String comment);

  /** Stores a report sent as a direct message ({@code messageId}); false when it was already stored. */
  Future<Boolean> insertMessage(String messageId, long communityId, String reporterId, List<String> accounts,
                                List<String> objects, String comment);

  /**
   * Reports in a state, oldest first, skipping {@code offset}: of one community; with a null {@code communityId}, of
   * all communities, or (with {@code noCommunity}) only those that concern no community here.
   */
  Future<List<Report>> list(Long communityId, boolean noCommunity, String state, int offset, int limit);

  Future<Optional<Report>> find(long id);

  /** Whether the report concerns the community (with a null {@code communityId}: concerns no community). */
  Future<Boolean> belongsTo(long id, Long communityId);

  /** Closes a report with its outcome. */
  Future<Void> resolve(long id, String state, String resolution, String byWhom, boolean forwarded);

  /**
   * The posts of a community that links name, removed ones too: by their page's id ({@code postIds}), or by their id
   * or their original's url ({@code links}).
   */
  Future<List<Post>> postsNamed(long communityId, List<Long> postIds, List<String> links);

  /** A post of the report's community that a report names, and whether it has been removed. */
  record ReportedPost(long reportId, long postId, String objectId, String authorId, boolean removed) {}

  /** The posts of their communities the reports name, in the order each report names them. */
  Future<List<ReportedPost>> reportedPosts(List<Long> reportIds);
}
