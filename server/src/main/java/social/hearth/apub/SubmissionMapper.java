package social.hearth.apub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.moderation.DomainNames;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.SubmissionReader;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.vocab.Tag;

/**
 * Received posts as the filter chain sees them: text, content warning, hashtags, link hosts, mentions, attachments.
 * Used by the inbox listeners for what arrives, and (as the core's {@link SubmissionReader}) by dry runs for what
 * was stored.
 */
public final class SubmissionMapper implements SubmissionReader {

  private static final Evaluator LINKS = QueryParser.parse("a[href]");

  /** Reads a post's plain facts from its normalised form and its JSON (for the attachments). */
  public static Submission submission(Submission.Kind kind, ApObject post, JsonNode json, String authorHost) {
    String html = post.content() == null ? "" : post.content();
    // parsed once, for the text and the links
    Document doc = Jsoup.parse(html);
    StringBuilder text = new StringBuilder();
    if (post.name() != null) {
      text.append(post.name()).append('\n');
    }
    text.append(doc.text().strip());
    Set<String> hashtags = new LinkedHashSet<>();
    Set<String> mentionHosts = new HashSet<>();
    Set<String> hashtagHosts = new HashSet<>();
    int mentions = 0;
    for (Tag t : post.tag()) {
      if ("Hashtag".equals(t.type()) && t.name() != null) {
        hashtags.add(t.name().replaceFirst("^#", "").toLowerCase(Locale.ROOT));
        String host = t.href() == null ? null : DomainNames.hostOf(t.href());
        if (host != null) {
          hashtagHosts.add(host);
        }
      } else if ("Mention".equals(t.type())) {
        mentions++;
        String host = t.href() == null ? null : DomainNames.hostOf(t.href());
        if (host != null) {
          mentionHosts.add(host);
        }
      }
    }
    if (authorHost != null) {
      hashtagHosts.add(authorHost); // hashtag links lead to the tag's page on the author's server
    }
    List<String> hosts = new ArrayList<>();
    List<String> tagHosts = new ArrayList<>();
    for (Element a : doc.select(LINKS)) {
      String cls = a.className();
      String label = a.text();
      String href = a.attr("href");
      if (label.startsWith("#")) {
        hashtags.add(label.substring(1).toLowerCase(Locale.ROOT));
      }
      String host = DomainNames.hostOf(href);
      if (host == null) {
        continue;
      }
      // Every link counts by its real host, whatever its class or text says. Only the post's own mentions (a link to
      // the server of an account its tags mention) and hashtags (a link to the server of one of its Hashtag tags, or
      // the author's) are not counted as links and need not be allowed; a denied domain catches them too.
      boolean looksLikeMention = cls.contains("mention") || label.startsWith("@");
      boolean looksLikeHashtag = cls.contains("hashtag") || label.startsWith("#");
      boolean ownTag = looksLikeMention && mentionHosts.contains(host) || looksLikeHashtag && hashtagHosts.contains(host);
      List<String> into = ownTag ? tagHosts : hosts;
      if (into.size() < 100) {
        into.add(host);
      }
    }
    JsonNode attachment = json == null ? null : json.get("attachment");
    int attachments = attachment == null || attachment.isNull() ? 0 : attachment.isArray() ? attachment.size() : 1;
    return new Submission(kind, post.attributedTo(), authorHost, text.toString(), post.summary(),
        Boolean.TRUE.equals(post.sensitive()), List.copyOf(hashtags), List.copyOf(hosts), List.copyOf(tagHosts), mentions, attachments,
        post.inReplyTo() != null);
  }

  @Override
  public Optional<Read> read(Submission.Kind kind, Verbatim object, String authorHost) {
    try {
      JsonNode json = JsonLimits.MAPPER.readTree(object.json());
      ApObject post = Normalizer.object(json);
      return Optional.of(new Read(submission(kind, post, json, authorHost), post.content()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
