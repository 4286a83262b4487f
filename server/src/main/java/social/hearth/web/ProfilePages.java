package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.hearth.apub.Uris;
import social.hearth.core.CoreException;
import social.hearth.core.account.StaffProfiles;
import social.hearth.core.domain.StaffProfile;
import social.hearth.core.port.PersonStore;

/**
 * Staff as people: the account's own profile form ({@code /staff/profile}: display name, bio, avatar with alt text;
 * each problem shown next to its field), its public page at its Person IRI for browsers ({@code /u/{username}}: name,
 * bio, avatar, the communities it helps run) and its avatar.
 */
public final class ProfilePages {

  private static final List<String> FIELDS = List.of("display_name", "bio", "alt", "avatar");

  private final StaffSession staff;
  private final Pages pages;
  private final StaffProfiles profiles;
  private final Vertx vertx;
  private final Uris uris;

  public ProfilePages(StaffSession staff, StaffProfiles profiles, Vertx vertx) {
    this.staff = staff;
    this.pages = staff.pages();
    this.profiles = profiles;
    this.vertx = vertx;
    this.uris = pages.uris();
  }

  /** GET /staff/profile. */
  public void form(RoutingContext ctx) {
    pages.handle(ctx, mine(ctx).compose(p -> model(ctx, p, null, new HashMap<>())),
        m -> pages.render(ctx, "staff/profile", m));
  }

  /** POST /staff/profile (multipart): the profile, checked field by field; saving sends Update{Person}. */
  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, Object> form = new HashMap<>();
    form.put("displayName", Forms.nz(f.get("displayName")));
    form.put("bio", Forms.nz(f.get("bio")));
    form.put("alt", Forms.nz(f.get("alt")));
    boolean remove = f.get("removeAvatar") != null;
    Map<String, String> errors = new HashMap<>();
    for (String field : StaffProfiles.problems((String) form.get("displayName"), (String) form.get("bio"),
        (String) form.get("alt"))) {
      errors.put(field, "error.profile." + field);
    }
    FileUpload upload = remove ? null : ctx.fileUploads().stream().filter(u -> u.name().equals("avatar") && u.size() > 0)
        .findFirst().orElse(null);
    Future<PersonStore.Avatar> avatar = Future.succeededFuture();
    if (upload != null && upload.size() > Media.MAX_AVATAR) {
      errors.put("avatar", "error.image.large");
    } else if (upload != null) {
      avatar = vertx.executeBlocking(() -> Files.readAllBytes(Path.of(upload.uploadedFileName())), false).map(bytes -> {
        String type = Media.sniff(bytes);
        if (type == null) {
          errors.put("avatar", "error.image.type");
          return null;
        }
        return new PersonStore.Avatar(type, bytes, Media.digest(bytes));
      });
    }
    pages.handle(ctx, avatar.compose(a -> mine(ctx).map(p -> new Object[] {p, a})), pair -> {
      StaffProfile p = (StaffProfile) pair[0];
      if (!errors.isEmpty()) {
        invalid(ctx, p, form, errors);
        return;
      }
      profiles.edit(p.accountId(), new StaffProfiles.Edit((String) form.get("displayName"), (String) form.get("bio"),
              (PersonStore.Avatar) pair[1], remove, (String) form.get("alt")))
          .onSuccess(saved -> StaffSession.redirect(ctx, "/staff/profile?notice=profile_saved"))
          .onFailure(e -> {
            if (e instanceof CoreException c && c.kind() == CoreException.Kind.INVALID && FIELDS.contains(c.code())) {
              errors.put(c.code(), "error.profile." + c.code());
              invalid(ctx, p, form, errors);
            } else {
              pages.error(ctx, e);
            }
          });
    });
  }

  private void invalid(RoutingContext ctx, StaffProfile p, Map<String, Object> form, Map<String, String> errors) {
    pages.handle(ctx, model(ctx, p, form, errors), m -> {
      m.put("error", "error.profile.invalid");
      pages.render(ctx, 400, "staff/profile", m);
    });
  }

  private Future<StaffProfile> mine(RoutingContext ctx) {
    return profiles.find(StaffSession.session(ctx).username()).compose(p -> p.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(WebException.notFound())));
  }

  private Future<Map<String, Object>> model(RoutingContext ctx, StaffProfile p, Map<String, Object> form,
                                            Map<String, String> errors) {
    return profiles.followers(p.accountId()).map(followers -> {
      Map<String, Object> m = pages.model(ctx);
      Map<String, Object> values = form;
      if (values == null) {
        values = new HashMap<>();
        values.put("displayName", p.displayName());
        values.put("bio", p.bio());
        values.put("alt", p.avatar() == null ? "" : p.avatar().alt());
      }
      m.put("form", values);
      Map<String, String> all = new LinkedHashMap<>();
      FIELDS.forEach(field -> all.put(field, errors.get(field)));
      m.put("errors", all);
      m.put("person", person(p));
      m.put("followers", followers);
      m.put("maxName", StaffProfiles.MAX_DISPLAY_NAME);
      m.put("maxBio", StaffProfiles.MAX_BIO);
      m.put("maxAlt", StaffProfiles.MAX_ALT);
      m.put("maxAvatarKb", Media.MAX_AVATAR / 1024);
      return m;
    });
  }

  /** GET /u/{username} for browsers: the staff member's public page. */
  public void page(RoutingContext ctx) {
    pages.handle(ctx, profiles.find(ctx.pathParam("username")).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(WebException.notFound());
      }
      StaffProfile p = found.get();
      return Future.all(profiles.roles(p.accountId()), profiles.followers(p.accountId())).map(all -> {
        Map<String, Object> m = pages.model(ctx);
        Map<String, Object> person = person(p);
        m.put("person", person);
        List<Map<String, Object>> communities = new ArrayList<>();
        for (PersonStore.Role r : all.<List<PersonStore.Role>>resultAt(0)) {
          communities.add(Map.of("name", r.name(), "role", r.role(), "url", uris.community(r.slug()),
              "handle", "@" + r.slug() + "@" + pages.handleHost()));
        }
        m.put("communities", communities);
        m.put("followers", all.resultAt(1));
        m.put("alternate", uris.staff(p.username()));
        m.put("meta", pages.meta(ctx, p.shownName(), social.hearth.core.text.Html.text(p.bioHtml(), 300),
            uris.staff(p.username()), (String) person.get("avatar")));
        return m;
      });
    }), m -> {
      ctx.response().putHeader("Vary", "Accept");
      pages.render(ctx, "person", m);
    });
  }

  /** GET /u/{username}/avatar. */
  public void avatar(RoutingContext ctx) {
    pages.handle(ctx, profiles.avatar(ctx.pathParam("username")), image -> {
      if (image.isEmpty()) {
        pages.error(ctx, 404);
      } else {
        Media.serve(ctx, image.get());
      }
    });
  }

  private Map<String, Object> person(StaffProfile p) {
    Map<String, Object> m = new HashMap<>();
    m.put("username", p.username());
    m.put("name", p.shownName());
    m.put("initial", p.shownName().substring(0, p.shownName().offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT));
    m.put("handle", "@" + p.username() + "@" + pages.handleHost());
    m.put("iri", uris.staff(p.username()));
    m.put("bio", Pages.safe(p.bioHtml()));
    m.put("hasBio", !p.bioHtml().isBlank());
    m.put("avatar", p.avatar() == null ? null : uris.staffAvatar(p.username(), p.avatar().digest()));
    m.put("avatarAlt", p.avatar() == null ? "" : p.avatar().alt());
    return m;
  }
}
