package social.hearth.core.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.hearth.core.domain.Community;

/**
 * The one filter chain every incoming post, update and like passes before anything is re-shared: the instance's
 * domain limits, then the community's filters. Pure and synchronous (the facts it needs are gathered first), so it
 * costs microseconds and can be measured on its own. The rules share a time budget of {@link #TIME_BUDGET} of processor time per
 * post; a rule that runs out of it, or fails in any way, holds the post with the reason (see {@link FilterRule}).
 */
public final class FilterChain {

  /** How long the filters may look at one post, all rules together: processor time of the thread that runs them. */
  public static final Duration TIME_BUDGET = Duration.ofMillis(100);

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final boolean CPU_CLOCK = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

  /**
   * The clock the budget is kept by: the current thread's processor time where the JVM measures it (Linux, macOS,
   * Windows all do), so a post is not held as undecided because a busy machine left its thread waiting for a core;
   * elsewhere the monotonic wall clock. Deadlines are values of this clock, read on the same thread.
   */
  static long clock() {
    return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private FilterChain() {}

  public static Verdict evaluate(Submission s, AuthorFacts facts, Community community, List<FilterRule> rules, Instant now) {
    long deadline = clock() + TIME_BUDGET.toNanos();
    List<Reason> reasons = new ArrayList<>();
    if (facts.domainLimited()) {
      reasons.add(new Reason("domain_limited", "comes from " + s.authorHost()
          + ", a server this instance limits: its new content waits for review", null, "hold", "domain_limited",
          Map.of("domain", String.valueOf(s.authorHost()))));
    }
    for (FilterRule rule : rules) {
      rule.check(s, facts, community, now, deadline).ifPresent(reasons::add);
    }
    return Verdict.of(reasons);
  }
}
