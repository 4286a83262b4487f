package social.hearth.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.domain.Community;

/**
 * Server-rendered pages from the web-ui module's Pebble templates (auto-escaping on). Templates are compiled
 * once and cached by Pebble.
 */
public final class Pages {

  private final PebbleEngine engine;
  private final Uris uris;
  private final String handleHost;

  public Pages(Uris uris, String handleHost) {
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix("web/templates");
    loader.setSuffix(".peb");
    this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true).build();
    this.uris = uris;
    this.handleHost = handleHost;
  }

  /** Static assets from web-ui's {@code web/static}, by exact name only (no paths, so no traversal). */
  public void asset(RoutingContext ctx) {
    Asset asset = ASSETS.get(ctx.pathParam("name"));
    if (asset == null) {
      ctx.fail(404);
      return;
    }
    ctx.response().putHeader("Content-Type", asset.type()).putHeader("Cache-Control", "public, max-age=3600")
        .putHeader("X-Content-Type-Options", "nosniff").end(asset.body());
  }

  private record Asset(String type, io.vertx.core.buffer.Buffer body) {}

  private static final Map<String, Asset> ASSETS = loadAssets(Map.of("hearth.css", "text/css; charset=utf-8"));

  private static Map<String, Asset> loadAssets(Map<String, String> types) {
    Map<String, Asset> out = new HashMap<>();
    types.forEach((name, type) -> {
      try (var in = Pages.class.getClassLoader().getResourceAsStream("web/static/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing asset web/static/" + name);
        }
        out.put(name, new Asset(type, io.vertx.core.buffer.Buffer.buffer(in.readAllBytes())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return Map.copyOf(out);
  }

  public void community(RoutingContext ctx, Community c) {
    Map<String, Object> model = base();
    model.put("name", c.name());
    model.put("slug", c.slug());
    model.put("summary", c.summary());
    model.put("handle", "@" + c.slug() + "@" + handleHost);
    model.put("actor", uris.community(c.slug()));
    render(ctx, "community", model);
  }

  public void home(RoutingContext ctx, List<Community> communities) {
    Map<String, Object> model = base();
    model.put("communities", communities.stream().map(c -> Map.of(
        "name", c.name(), "url", uris.community(c.slug()), "handle", "@" + c.slug() + "@" + handleHost,
        "summary", c.summary())).toList());
    render(ctx, "home", model);
  }

  private Map<String, Object> base() {
    Map<String, Object> model = new HashMap<>();
    model.put("host", handleHost);
    model.put("base", uris.base());
    return model;
  }

  private void render(RoutingContext ctx, String name, Map<String, Object> model) {
    PebbleTemplate template = engine.getTemplate(name);
    StringWriter out = new StringWriter();
    try {
      template.evaluate(out, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .end(out.toString());
  }
}
