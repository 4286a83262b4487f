package social.hearth.core.moderation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.text.Html;

/**
 * Runs a new or changed rule over a community's recent incoming posts and says what it would have held or refused,
 * replaying the facts stored with each decision. Nothing is changed.
 */
public final class DryRun {

  private static final Logger LOG = LoggerFactory.getLogger(DryRun.class);

  private final ModerationItems items;
  private final SubmissionReader reader;

  public DryRun(ModerationItems items, SubmissionReader reader) {
    this.items = items;
    this.reader = reader;
  }

  /** The rule over the last {@code days} of posts and updates. */
  public Future<DryRunResult> run(Community c, String kind, FilterConfig config, String action, int days) {
    FilterRule rule;
    try {
      rule = Filters.compileOr400(kind, config, action);
    } catch (CoreException e) {
      return Future.failedFuture(e);
    }
    return items.recent(c.id(), days, 5000).map(rows -> {
      List<DryRunResult.Match> matches = new ArrayList<>();
      int examined = 0;
      int matched = 0;
      for (ModerationItems.Replay r : rows) {
        examined++;
        try {
          Optional<SubmissionReader.Read> read = reader.read("post".equals(r.kind()) ? Submission.Kind.POST
              : Submission.Kind.UPDATE, r.object(), DomainNames.hostOf(r.authorId()));
          if (read.isEmpty() || r.facts() == null) {
            LOG.debug("dry-run skipped item {}: unreadable", r.id());
            continue;
          }
          Optional<Reason> reason = rule.check(read.get().submission(), r.facts(), c, r.createdAt());
          if (reason.isPresent()) {
            matched++;
            if (matches.size() < 200) {
              matches.add(new DryRunResult.Match(r.id(), r.objectId(), r.authorId(), r.state(),
                  action.equals("hold") ? "held" : "rejected", reason.get().message(), r.createdAt(),
                  excerpt(read.get().content())));
            }
          }
        } catch (Exception e) {
          LOG.debug("dry-run skipped item {}: {}", r.id(), e.getMessage());
        }
      }
      return new DryRunResult(days, examined, matched, List.copyOf(matches));
    });
  }

  private static String excerpt(String html) {
    String text = Html.text(html);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
