package social.hearth.core.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import social.hearth.core.domain.Community;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.Tag;
import social.hearth.core.text.Html;

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

  /** Reads a post's plain facts: text, content warning, hashtags, link hosts, mentions, attachments. */
  public static Submission submission(Submission.Kind kind, ApObject post, JsonNode json, String authorHost) {
    String html = post.content() == null ? "" : post.content();
    StringBuilder text = new StringBuilder();
    if (post.name() != null) {
      text.append(post.name()).append('\n');
    }
    text.append(Html.text(html));
    Set<String> hashtags = new LinkedHashSet<>();
    int mentions = 0;
    for (Tag t : post.tag()) {
      if ("Hashtag".equals(t.type()) && t.name() != null) {
        hashtags.add(t.name().replaceFirst("^#", "").toLowerCase(Locale.ROOT));
      } else if ("Mention".equals(t.type())) {
        mentions++;
      }
    }
    List<String> hosts = new ArrayList<>();
    for (Element a : Jsoup.parse(html).select("a[href]")) {
      String cls = a.className();
      String label = a.text();
      if (cls.contains("mention") || cls.contains("hashtag") || label.startsWith("@") || label.startsWith("#")) {
        if (label.startsWith("#")) {
          hashtags.add(label.substring(1).toLowerCase(Locale.ROOT));
        }
        continue;
      }
      String host = DomainNames.hostOf(a.attr("href"));
      if (host != null && hosts.size() < 100) {
        hosts.add(host);
      }
    }
    JsonNode attachment = json == null ? null : json.get("attachment");
    int attachments = attachment == null || attachment.isNull() ? 0 : attachment.isArray() ? attachment.size() : 1;
    return new Submission(kind, post.attributedTo(), authorHost, text.toString(), post.summary(),
        Boolean.TRUE.equals(post.sensitive()), List.copyOf(hashtags), List.copyOf(hosts), mentions, attachments,
        post.inReplyTo() != null);
  }
}
