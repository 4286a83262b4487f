package social.hearth.core.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.hearth.core.domain.Community;

/**
 * The one filter chain every incoming post, update and like passes before anything is re-shared: the instance's
 * domain limits, then the community's filters. Pure and synchronous (the facts it needs are gathered first), so it
 * costs microseconds and can be measured on its own.
 */
public final class FilterChain {

  private FilterChain() {}

  public static Verdict evaluate(Submission s, AuthorFacts facts, Community community, List<FilterRule> rules, Instant now) {
    List<Reason> reasons = new ArrayList<>();
    if (facts.domainLimited()) {
      reasons.add(new Reason("domain_limited", "comes from " + s.authorHost()
          + ", a server this instance limits: its new content waits for review", null, "hold", "domain_limited",
          java.util.Map.of("domain", String.valueOf(s.authorHost()))));
    }
    for (FilterRule rule : rules) {
      rule.check(s, facts, community, now).ifPresent(reasons::add);
    }
    return Verdict.of(reasons);
  }
}
