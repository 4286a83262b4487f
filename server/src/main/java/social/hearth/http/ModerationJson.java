package social.hearth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import social.hearth.core.domain.AuditEntry;
import social.hearth.core.domain.DryRunResult;
import social.hearth.core.domain.Filter;
import social.hearth.json.FilterConfigJson;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.domain.Report;
import social.hearth.core.moderation.QueueItem;
import social.hearth.core.moderation.Reason;
import social.hearth.federation.vocab.JsonLimits;

/** The JSON forms of the moderation records in the admin API (docs/admin-api.md). */
final class ModerationJson {

  private ModerationJson() {}

  /** A filter's configuration as the core takes it; none when none was sent. */
  static FilterConfig config(JsonNode b) {
    return FilterConfigJson.read(b.get("config"));
  }

  static JsonNode filterJson(Filter f) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode().put("id", f.id()).put("kind", f.kind())
        .put("action", f.action()).put("enabled", f.enabled()).put("updatedAt", f.updatedAt().toString());
    n.set("config", FilterConfigJson.write(f.config()));
    return n;
  }

  static JsonNode dryRunJson(DryRunResult r) {
    ObjectNode out = JsonLimits.MAPPER.createObjectNode();
    ArrayNode matches = JsonLimits.MAPPER.createArrayNode();
    for (DryRunResult.Match m : r.matches()) {
      matches.addObject().put("item", m.item()).put("object", m.object()).put("author", m.author()).put("was", m.was())
          .put("wouldBe", m.wouldBe()).put("reason", m.reason()).put("receivedAt", m.receivedAt().toString())
          .put("excerpt", m.excerpt());
    }
    out.put("days", r.days()).put("examined", r.examined()).put("matched", r.matched());
    out.set("matches", matches);
    return out;
  }

  static JsonNode queueJson(List<QueueItem> items) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (QueueItem i : items) {
      ObjectNode n = out.addObject().put("id", i.id()).put("kind", i.kind()).put("object", i.objectId())
          .put("author", i.authorId()).put("content", i.content()).put("summary", i.summary())
          .put("state", i.state()).put("createdAt", i.createdAt().toString());
      n.put("decidedBy", i.decidedBy());
      ArrayNode reasons = n.putArray("reasons");
      i.reasons().forEach(r -> reasons.add(reasonJson(r)));
    }
    return out;
  }

  /** A reason as stored and shown: without its null fields. */
  static ObjectNode reasonJson(Reason r) {
    ObjectNode n = JsonLimits.MAPPER.createObjectNode();
    if (r.code() != null) {
      n.put("code", r.code());
    }
    if (r.message() != null) {
      n.put("message", r.message());
    }
    if (r.filterId() != null) {
      n.put("filterId", r.filterId());
    }
    if (r.action() != null) {
      n.put("action", r.action());
    }
    if (r.key() != null) {
      n.put("key", r.key());
    }
    if (r.args() != null) {
      ObjectNode args = n.putObject("args");
      r.args().forEach(args::put);
    }
    return n;
  }

  static JsonNode reportsJson(List<Report> list) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (Report r : list) {
      ObjectNode n = out.addObject().put("id", r.id()).put("community", r.community()).put("reporter", r.reporterId())
          .put("comment", r.comment()).put("state", r.state()).put("source", r.source())
          .put("createdAt", r.createdAt().toString()).put("resolution", r.resolution())
          .put("resolvedBy", r.resolvedBy()).put("forwarded", r.forwarded());
      ArrayNode accounts = n.putArray("accounts");
      r.accounts().forEach(accounts::add);
      ArrayNode objects = n.putArray("objects");
      r.objects().forEach(objects::add);
    }
    return out;
  }

  static JsonNode auditJson(List<AuditEntry> entries) {
    ArrayNode out = JsonLimits.MAPPER.createArrayNode();
    for (AuditEntry e : entries) {
      ObjectNode n = out.addObject().put("id", e.id()).put("community", e.community()).put("actor", e.actor())
          .put("action", e.action()).put("target", e.target()).put("reason", e.reason())
          .put("rule", e.rule()).put("at", e.at().toString());
      n.set("detail", e.detail() == null ? null : JsonLimits.MAPPER.valueToTree(e.detail()));
    }
    return out;
  }
}
