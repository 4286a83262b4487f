package social.hearth.apub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import social.hearth.core.domain.AuthoredPost;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.PostBody;
import social.hearth.core.domain.PostImage;
import social.hearth.core.port.OwnNotes;
import social.hearth.federation.vocab.As;
import social.hearth.federation.vocab.JsonLimits;

/**
 * The Note of a post written in Hearth (domain -> wire), as Mastodon and Lemmy read one: {@code content} (sanitised
 * HTML) and {@code contentMap} in its language, {@code summary} with {@code sensitive} for a content warning,
 * {@code Hashtag} tags linking to the community's tag pages, {@code Mention} tags, image {@code attachment}s as
 * {@code Document}s with {@code name} = the alt text and their size, the Markdown as {@code source}, and
 * {@code audience} = the community (FEP-1b12). Addressed to the public; as the community, to its followers too; as
 * a staff member, to the community (Lemmy finds a post's community in {@code to}/{@code cc}).
 */
public final class NoteMapper implements OwnNotes {

  private final Uris uris;

  public NoteMapper(Uris uris) {
    this.uris = uris;
  }

  @Override
  public String postIri(String key) {
    return uris.authoredPost(key);
  }

  @Override
  public String authorIri(Community community, String staffUsername) {
    return staffUsername == null ? uris.community(community.slug()) : uris.staff(staffUsername);
  }

  @Override
  public String tagPage(Community community, String tag) {
    return uris.communityTag(community.slug(), tag);
  }

  @Override
  public String note(Community c, AuthoredPost p, OffsetDateTime published, OffsetDateTime updated) {
    return noteNode(c, p, published, updated).toString();
  }

  ObjectNode noteNode(Community c, AuthoredPost p, OffsetDateTime published, OffsetDateTime updated) {
    ObjectNode note = JsonLimits.MAPPER.createObjectNode();
    ArrayNode context = note.putArray("@context").add(As.NS);
    context.addObject().put("sensitive", "as:sensitive").put("Hashtag", "as:Hashtag");
    note.put("id", p.iri());
    note.put("type", "Note");
    note.put("attributedTo", authorIri(c, p.author()));
    // a post for members only goes to the followers collection and never to Public (issue 17; MembersOnly)
    note.putArray("to").add(p.membersOnly() ? uris.communityFollowers(c.slug()) : As.PUBLIC);
    ArrayNode cc = note.putArray("cc");
    if (!p.membersOnly()) {
      cc.add(p.asCommunity() ? uris.communityFollowers(c.slug()) : uris.community(c.slug()));
    }
    if (!p.asCommunity()) {
      cc.add(uris.staffFollowers(p.author())); // the Person's followers get it too (Publisher.staffOwn)
    }
    p.body().mentions().forEach(m -> cc.add(m.id()));
    note.put("audience", uris.community(c.slug()));
    if (p.asCommunity() && !p.membersOnly()) { // a post for members only is quoted by nobody (Mastodon: not public)
      // who may quote it without asking (FEP-044f, the community's canQuote setting); QuoteRequestListener answers
      context.add(InteractionPolicies.context());
      note.set("interactionPolicy", new InteractionPolicies(uris).forCommunity(c));
    }
    note.put("content", p.body().html());
    if (p.language() != null) {
      note.putObject("contentMap").put(p.language(), p.body().html());
    }
    if (p.summary() != null) {
      note.put("summary", p.summary());
    }
    note.put("sensitive", p.summary() != null);
    note.put("url", p.iri());
    note.put("published", time(published));
    if (updated != null) {
      note.put("updated", time(updated));
    }
    ArrayNode tags = note.putArray("tag");
    for (String tag : p.body().hashtags()) {
      tags.addObject().put("type", "Hashtag").put("href", uris.communityTag(c.slug(), tag.toLowerCase(java.util.Locale.ROOT)))
          .put("name", "#" + tag);
    }
    for (PostBody.Mention m : p.body().mentions()) {
      tags.addObject().put("type", "Mention").put("href", m.id()).put("name", m.handle());
    }
    ArrayNode attachments = note.putArray("attachment");
    for (PostImage image : p.images()) {
      attachments.addObject().put("type", "Document").put("mediaType", image.contentType())
          .put("url", uris.postImage(c.slug(), image.key())).put("name", image.alt() == null ? "" : image.alt())
          .put("width", image.width()).put("height", image.height());
    }
    note.putObject("source").put("content", p.markdown()).put("mediaType", "text/markdown");
    return note;
  }

  /** The Tombstone a deleted post's IRI answers with. */
  public String tombstone(AuthoredPost p) {
    ObjectNode t = JsonLimits.MAPPER.createObjectNode();
    t.putArray("@context").add(As.NS);
    t.put("id", p.iri());
    t.put("type", "Tombstone");
    t.put("formerType", "Note");
    return t.toString();
  }

  private static String time(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant().toString();
  }
}
