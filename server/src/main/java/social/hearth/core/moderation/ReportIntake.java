package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.ReceivedReport;
import social.hearth.core.port.PostStore;
import social.hearth.core.port.ReportStore;

/**
 * Reports from other servers (Flag), stored for the community they concern: one they name, or one that re-shared
 * a post they name. What they name is sorted into re-shared posts and (the rest) accounts.
 */
public final class ReportIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ReportIntake.class);
  /** Longest comment kept. */
  public static final int MAX_COMMENT = 5_000;

  private final CommunityService communities;
  private final PostStore posts;
  private final ReportStore reports;

  public ReportIntake(CommunityService communities, PostStore posts, ReportStore reports) {
    this.communities = communities;
    this.posts = posts;
    this.reports = reports;
  }

  /** Stores the report (once per Flag). */
  public Future<Void> receive(ReceivedReport report) {
    String comment = report.comment();
    String text = comment != null && comment.length() > MAX_COMMENT ? comment.substring(0, MAX_COMMENT) : comment;
    return communityOf(report).compose(communityId -> {
      List<String> accounts = new ArrayList<>();
      List<String> reported = new ArrayList<>();
      List<Future<Void>> lookups = new ArrayList<>();
      for (String iri : report.objects()) {
        lookups.add(posts.byObject(iri).map(copies -> {
          (copies.isEmpty() ? accounts : reported).add(iri);
          return null;
        }));
      }
      return Future.all(lookups).compose(x -> reports.insert(report.id(), communityId.orElse(null), report.reporterId(),
          accounts, reported, text)).map(inserted -> {
            if (inserted) {
              LOG.info("report {} from {} about {} {}", report.id(), report.reporterId(), report.communities(),
                  report.objects());
            }
            return null;
          });
    });
  }

  /** The community the report concerns: the first one it names, or the first that re-shared a named post. */
  private Future<Optional<Long>> communityOf(ReceivedReport report) {
    if (!report.communities().isEmpty()) {
      return communities.bySlug(report.communities().get(0)).map(c -> c.map(Community::id));
    }
    Future<Optional<Long>> found = Future.succeededFuture(Optional.empty());
    for (String iri : report.objects()) {
      found = found.compose(f -> f.isPresent() ? Future.succeededFuture(f)
          : posts.byObject(iri).map(copies -> copies.stream().findFirst().map(p -> p.communityId())));
    }
    return found;
  }
}
