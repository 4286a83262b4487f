package social.hearth.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import social.hearth.core.text.Html;
import social.hearth.federation.vocab.JsonLimits;

/**
 * A post's content rendered once ({@link Html#render}) into the rendering columns of {@code posts}: when it is
 * stored or edited, and for a post stored by an older renderer ({@code rendered < Html.VERSION}) when it is first
 * read. Rendering a large post takes a tenth of a second, so it runs on a worker thread, never on an event loop.
 */
final class PostRendering {

  /** The columns, in this order: see {@link #set} and {@link #add}. */
  record Columns(Html.Rendered content, String summary) {}

  /** A post read before it was rendered by this version: its raw content and raw summary. */
  record Pending(long id, String content, String summary) {}

  /** The SQL condition of a row that needs rendering, for a statement's select list. */
  static final String STALE = "p.rendered < " + Html.VERSION;

  private PostRendering() {}

  /** {@code content_html = $first, ...}: the rendering columns set from parameters {@code first} to {@code first + 4}. */
  static String set(int first) {
    return "content_html = $" + first + ", preview_html = $" + (first + 1) + ", excerpt = $" + (first + 2)
        + ", summary_text = $" + (first + 3) + ", rendered = $" + (first + 4);
  }

  /** The five values for {@link #set}, added to {@code tuple}. */
  static Tuple add(Tuple tuple, Columns c) {
    return tuple.addString(c.content().html()).addString(c.content().truncated() ? c.content().preview() : null)
        .addString(c.content().excerpt()).addString(c.summary()).addShort((short) Html.VERSION);
  }

  static Columns compute(String content, String summaryHtml) {
    return new Columns(Html.render(content), summaryHtml == null ? null : Html.text(summaryHtml, Html.EXCERPT));
  }

  /** The rendering of a post being stored, with its summary (content warning) read from the object's JSON. */
  static Future<Columns> of(String content, String objectJson) {
    return offLoop(() -> {
      JsonNode summary;
      try {
        summary = objectJson == null ? null : JsonLimits.MAPPER.readTree(objectJson).get("summary");
      } catch (Exception e) {
        summary = null;
      }
      return compute(content, summary != null && summary.isTextual() ? summary.asText() : null);
    });
  }

  /**
   * Renders posts read before they were rendered by this version, and stores the result (unless an edit stored a
   * newer one meanwhile). The page is not held up by the write, and a failed write only means rendering again.
   */
  static Future<Map<Long, Columns>> backfill(Pool pool, List<Pending> pending) {
    if (pending.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return offLoop(() -> {
      Map<Long, Columns> out = new HashMap<>();
      for (Pending p : pending) {
        out.put(p.id(), compute(p.content(), p.summary()));
      }
      return out;
    }).onSuccess(done -> {
      List<Tuple> batch = new ArrayList<>();
      done.forEach((id, c) -> batch.add(add(Tuple.of(id), c)));
      pool.preparedQuery("UPDATE posts SET " + set(2) + " WHERE id = $1 AND rendered < $6 AND deleted_at IS NULL")
          .executeBatch(batch);
    });
  }

  /** Runs costly work on a worker thread of the current Vert.x context (inline when there is none). */
  static <T> Future<T> offLoop(Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(work, false);
  }
}
