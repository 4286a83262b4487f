package social.hearth.apub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import social.hearth.core.domain.Addressing;
import social.hearth.core.domain.ReceivedMention;
import social.hearth.core.domain.ReceivedPost;
import social.hearth.core.domain.ReceivedReport;
import social.hearth.core.domain.Verbatim;
import social.hearth.core.port.PostReader;
import social.hearth.federation.inbox.InboundActivity;
import social.hearth.federation.vocab.ApObject;
import social.hearth.federation.vocab.InvalidActivityException;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;
import social.hearth.federation.vocab.Tag;

/** The one place where received ActivityStreams data becomes domain values. */
public final class InboundMapper implements PostReader {

  /** A normalised object as the core's post, keeping its JSON verbatim. */
  public static ReceivedPost post(ApObject post, JsonNode json) {
    return new ReceivedPost(post.id(), post.type(), post.attributedTo(), post.content(), post.inReplyTo(),
        new Verbatim(post.id(), json.toString()), language(json));
  }

  /**
   * The language a post is written in, as a primary language subtag ("ru" for "ru-RU"): the first key of its
   * {@code contentMap} (Mastodon, GoToSocial, Fedify), else its {@code language} (Lemmy and PieFed send
   * {@code {"identifier": "ru"}}); null when it says none, or only "und" (undetermined).
   */
  public static String language(JsonNode json) {
    JsonNode map = json.get("contentMap");
    if (map != null && map.isObject()) {
      var names = map.fieldNames();
      for (int i = 0; names.hasNext() && i < 8; i++) {
        String lang = primaryTag(names.next());
        if (lang != null) {
          return lang;
        }
      }
    }
    JsonNode language = json.get("language");
    if (language != null) {
      return primaryTag(language.isObject() ? language.path("identifier").asText("") : language.asText(""));
    }
    return null;
  }

  private static String primaryTag(String tag) {
    int cut = tag.length();
    for (int i = 0; i < tag.length(); i++) {
      if (tag.charAt(i) == '-' || tag.charAt(i) == '_') {
        cut = i;
        break;
      }
    }
    String primary = tag.substring(0, cut).toLowerCase(java.util.Locale.ROOT);
    return primary.matches("[a-z]{2,3}") && !primary.equals("und") ? primary : null;
  }

  /** A received activity, verbatim, known by the id it carries. */
  public static Verbatim verbatim(JsonNode activity) {
    return new Verbatim(Normalizer.firstText(activity.get("id")), activity.toString());
  }

  /** A received activity, verbatim, known by its normalised id (derived when it carried none). */
  public static Verbatim verbatim(InboundActivity in) {
    return new Verbatim(in.activity().id(), in.json().toString());
  }

  /**
   * Whom a post is for: the local communities it names in to, cc, audience or a Mention; whether it is public or
   * unlisted; and, when it came to one community's inbox ({@code recipient}), that community.
   */
  public static Addressing addressing(ApObject post, String recipient, Uris uris) {
    List<String> candidates = new ArrayList<>(post.to());
    candidates.addAll(post.cc());
    if (post.audience() != null) {
      candidates.add(post.audience());
    }
    for (Tag t : post.tag()) {
      if ("Mention".equals(t.type()) && t.href() != null) {
        candidates.add(t.href());
      }
    }
    Set<String> slugs = new LinkedHashSet<>();
    for (String iri : candidates) {
      uris.communitySlug(iri).ifPresent(slugs::add);
    }
    String inbox = recipient == null ? null : uris.communitySlug(recipient).orElse(null);
    return new Addressing(slugs, post.isPublicOrUnlisted(), inbox);
  }

  /** The staff accounts a post names in to, cc, audience or a Mention (by username). */
  public static Set<String> staffNamed(ApObject post, Uris uris) {
    Set<String> names = new LinkedHashSet<>();
    List<String> candidates = new ArrayList<>(post.to());
    candidates.addAll(post.cc());
    if (post.audience() != null) {
      candidates.add(post.audience());
    }
    for (Tag t : post.tag()) {
      if ("Mention".equals(t.type()) && t.href() != null) {
        candidates.add(t.href());
      }
    }
    for (String iri : candidates) {
      uris.staffUsername(iri).ifPresent(names::add);
    }
    return names;
  }

  /** A post as the staff inbox takes it. */
  public static ReceivedMention mention(ApObject post) {
    java.time.OffsetDateTime published = null;
    if (post.published() != null) {
      try {
        published = java.time.OffsetDateTime.parse(post.published());
      } catch (java.time.format.DateTimeParseException e) {
        published = null; // the Normalizer checked the shape; a form OffsetDateTime cannot read is left out
      }
    }
    String url = social.hearth.core.text.Links.httpUrl(post.url());
    return new ReceivedMention(post.id(), post.attributedTo(), post.content(), post.summary(), url, post.inReplyTo(),
        published, !post.isPublicOrUnlisted());
  }

  /** A Flag naming {@code objects}: the local communities among them, and the rest. */
  public static ReceivedReport report(InboundActivity in, List<String> objects, Uris uris) {
    List<String> communities = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String iri : objects) {
      Optional<String> slug = uris.communitySlug(iri);
      if (slug.isPresent()) {
        communities.add(slug.get());
      } else {
        others.add(iri);
      }
    }
    return new ReceivedReport(in.activity().id(), in.activity().actor(), communities, others, in.activity().comment());
  }

  /**
   * The moderation pass as the core's publishing sees it, until {@link Moderation#review} takes verbatim values
   * itself: the received JSON is read back for it.
   */
  @Override
  public Optional<ReceivedPost> read(Verbatim object) {
    try {
      JsonNode json = JsonLimits.MAPPER.readTree(object.json());
      ApObject post = Normalizer.object(json);
      return Optional.of(new ReceivedPost(post.id(), post.type(), post.attributedTo(), post.content(), post.inReplyTo(),
          object, language(json)));
    } catch (InvalidActivityException | JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
