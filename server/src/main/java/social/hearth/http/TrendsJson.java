package social.hearth.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import social.hearth.core.port.TrendStore;

/**
 * The trends' fields of {@code GET /analytics} (issue 18, item 6; docs/admin-api.md), added to the daily figures:
 * {@code timeZone}, {@code busiestHours} (24 counts, hour 0 first, in that zone), {@code topTopics}, {@code topPosts}
 * and {@code retention} (weekly cohorts, newest first: joined, and posted in the join week and each week after).
 */
final class TrendsJson {

  private TrendsJson() {}

  static ObjectNode add(ObjectNode out, TrendStore.Trends t) {
    out.put("timeZone", t.timeZone());
    ArrayNode hours = out.putArray("busiestHours");
    for (long h : t.hours()) {
      hours.add(h);
    }
    ArrayNode topics = out.putArray("topTopics");
    t.topics().forEach(x -> topics.addObject().put("tag", x.tag()).put("posts", x.posts()));
    ArrayNode posts = out.putArray("topPosts");
    t.posts().forEach(p -> posts.addObject().put("object", p.object()).put("excerpt", p.excerpt())
        .put("likes", p.likes()).put("replies", p.replies()));
    ArrayNode retention = out.putArray("retention");
    for (TrendStore.Cohort k : t.retention()) {
      ArrayNode posted = retention.addObject().put("week", k.week().toString()).put("joined", k.joined())
          .putArray("posted");
      k.posted().forEach(posted::add);
    }
    return out;
  }
}
