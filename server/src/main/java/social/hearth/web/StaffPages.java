package social.hearth.web;

import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Invite;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import social.hearth.Services;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.InviteStore;
import social.hearth.core.port.RuleStore;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Member;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;

/**
 * The staff's workroom: sign-in, the dashboard of what needs attention, a community's members (requests with
 * their answers, approvals, removals, bans, expiry, roles), invites, and settings (profile, images, rules, topics,
 * welcome message, join question, policies, pins). Every route checks the signed-in account's role in that
 * community: moderators decide about people, owners also change the community. Instance admins may do anything.
 */
public final class StaffPages {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  static final int MEMBERS_PAGE = 50;

  private final Services s;
  private final Pages pages;
  private final Auth auth;
  private final StaffQueries q;
  private final WebQueries wq;
  private final Media media;
  private final Topics topics;

  public StaffPages(Services s, Pages pages, Auth auth, StaffQueries q, WebQueries wq, Media media, Topics topics) {
    this.s = s;
    this.pages = pages;
    this.auth = auth;
    this.q = q;
    this.wq = wq;
    this.media = media;
    this.topics = topics;
  }

  // ------------------------------------------------------------------ access

  /** Route handler for every /staff page: a session is required (GET goes to the login page), and POSTs need the CSRF token. */
  public void requireStaff(RoutingContext ctx) {
    auth.session(ctx).onSuccess(session -> {
      if (session.isEmpty()) {
        if (ctx.request().method().name().equals("GET")) {
          redirect(ctx, "/login?next=" + Pages.encode(ctx.request().uri()));
        } else {
          pages.error(ctx, 403);
        }
        return;
      }
      ctx.next();
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Route handler for state-changing requests: the session's CSRF token must come with them. */
  public void requireCsrf(RoutingContext ctx) {
    Auth.Session session = ctx.get(Auth.SESSION_KEY);
    if (!auth.csrfValid(ctx, session, s.uris().base())) {
      if (fetch(ctx)) {
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("ok", false).put("message", pages.i18n().t(Pages.lang(ctx), "error.csrf")).encode());
        return;
      }
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    ctx.next();
  }

  static Auth.Session session(RoutingContext ctx) {
    return ctx.get(Auth.SESSION_KEY);
  }

  /** The community in the path, if the session may moderate it (or own it, when {@code owner}). */
  Future<Community> community(RoutingContext ctx, boolean owner) {
    Auth.Session session = session(ctx);
    return s.communities().bySlug(ctx.pathParam("slug")).compose(c -> {
      if (c.isEmpty()) {
        return Future.failedFuture(WebException.notFound());
      }
      boolean allowed = owner ? session.owns(c.get()) : session.mayModerate(c.get());
      return allowed ? Future.succeededFuture(c.get()) : Future.failedFuture(WebException.forbidden());
    });
  }

  /** The model of a community's staff page: header, tabs, and what the session may do there. */
  Map<String, Object> model(RoutingContext ctx, Community c, String tab) {
    Map<String, Object> m = pages.model(ctx);
    Map<String, Object> cm = new HashMap<>();
    cm.put("slug", c.slug());
    cm.put("name", c.name());
    cm.put("url", s.uris().community(c.slug()));
    cm.put("handle", "@" + c.slug() + "@" + s.handleHost());
    cm.put("joinQuestion", c.joinQuestion());
    m.put("community", cm);
    m.put("tab", tab);
    m.put("owner", session(ctx).owns(c));
    return m;
  }

  // ------------------------------------------------------------------ sign-in

  public void loginForm(RoutingContext ctx) {
    auth.session(ctx).onSuccess(session -> {
      if (session.isPresent()) {
        redirect(ctx, "/staff");
        return;
      }
      renderLogin(ctx, 200, null, "");
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void renderLogin(RoutingContext ctx, int status, String error, String username) {
    Map<String, Object> m = pages.model(ctx);
    m.put("loginToken", auth.loginToken(ctx));
    String next = ctx.request().getFormAttribute("next");
    m.put("next", safeNext(next != null ? next : ctx.request().getParam("next")));
    m.put("error", error);
    m.put("username", username);
    pages.render(ctx, status, "login", m);
  }

  public void login(RoutingContext ctx) {
    if (!auth.loginTokenMatches(ctx)) {
      pages.error(ctx, new WebException(403, "error.csrf"));
      return;
    }
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    auth.login(ctx, username, password).onSuccess(result -> {
      switch (result) {
        case OK -> redirect(ctx, next);
        case LIMITED -> {
          ctx.response().putHeader("Retry-After", String.valueOf(Auth.WINDOW.toSeconds()));
          renderLogin(ctx, 429, "error.login.limited", username == null ? "" : username);
        }
        default -> renderLogin(ctx, 401, "error.login.invalid", username == null ? "" : username);
      }
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Where to go after signing in: only our own staff pages. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/staff") || next.contains("//") || next.contains("\\") || next.length() > 300
        || next.chars().anyMatch(ch -> ch < 0x20)) {
      return "/staff";
    }
    return next;
  }

  public void logout(RoutingContext ctx) {
    auth.logout(ctx, session(ctx)).onSuccess(v -> redirect(ctx, "/?notice=signed_out")).onFailure(e -> pages.error(ctx, e));
  }

  public void passwordForm(RoutingContext ctx) {
    Map<String, Object> m = pages.model(ctx);
    pages.render(ctx, "password", m);
  }

  public void changePassword(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    auth.changePassword(ctx, session(ctx), f.get("current"), f.get("password"), f.get("repeat")).onSuccess(result -> {
      if (result == Auth.PasswordResult.OK) {
        redirect(ctx, "/staff?notice=password_changed");
        return;
      }
      Map<String, Object> m = pages.model(ctx);
      m.put("error", "error.password." + result.name().toLowerCase(Locale.ROOT));
      pages.render(ctx, result == Auth.PasswordResult.LIMITED ? 429 : 400, "password", m);
    }).onFailure(e -> pages.error(ctx, e));
  }

  // ------------------------------------------------------------------ dashboards

  /** Every community the account works in, with what needs attention in each. */
  public void dashboard(RoutingContext ctx) {
    Auth.Session session = session(ctx);
    pages.handle(ctx, s.communities().list().compose(all -> {
      List<Community> mine = all.stream().filter(session::mayModerate).toList();
      return q.counts(mine.stream().map(Community::id).toList()).map(counts -> {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Community c : mine) {
          Map<String, Object> row = new HashMap<>();
          row.put("slug", c.slug());
          row.put("name", c.name());
          row.put("role", session.role(c.id()));
          row.put("counts", counts.get(c.id()));
          rows.add(row);
        }
        return rows;
      });
    }), rows -> {
      Map<String, Object> m = pages.model(ctx);
      m.put("communities", rows);
        pages.render(ctx, "staff/dashboard", m);
    });
  }

  /** One community: join requests, held posts, open reports, memberships ending soon. */
  public void communityDashboard(RoutingContext ctx) {
    pages.handle(ctx, community(ctx, false).compose(c -> Future.all(
        q.members(c.id(), "pending", 0, 10), q.expiring(c.id(), 10), q.counts(List.of(c.id())),
        s.members().count(c.id())).map(all -> {
          Map<String, Object> m = model(ctx, c, "overview");
          m.put("pending", all.resultAt(0));
          m.put("expiring", all.resultAt(1));
          m.put("counts", all.<Map<Long, StaffQueries.Counts>>resultAt(2).get(c.id()));
          m.put("memberCount", all.resultAt(3));
          return m;
        })), m -> pages.render(ctx, "staff/overview", m));
  }

  // ------------------------------------------------------------------ members

  public void members(RoutingContext ctx) {
    String state = ctx.request().getParam("state", "pending");
    if (!List.of("pending", "accepted", "banned").contains(state)) {
      state = "pending";
    }
    String tab = state;
    int page = PublicPages.page(ctx);
    pages.handle(ctx, community(ctx, false).compose(c -> {
      Future<?> list = tab.equals("banned") ? q.bans(c.id()) : q.members(c.id(), tab, (page - 1) * MEMBERS_PAGE, MEMBERS_PAGE + 1);
      return Future.all(list, q.count(c.id(), "pending"), q.count(c.id(), "accepted")).map(all -> {
        Map<String, Object> m = model(ctx, c, "members");
        m.put("state", tab);
        List<?> rows = all.resultAt(0);
        m.put("rows", rows.size() > MEMBERS_PAGE ? rows.subList(0, MEMBERS_PAGE) : rows);
        m.put("more", rows.size() > MEMBERS_PAGE);
        m.put("page", page);
        m.put("pendingCount", all.resultAt(1));
        m.put("acceptedCount", all.resultAt(2));
        m.put("joinQuestion", c.joinQuestion());
        return m;
      });
    }), m -> pages.render(ctx, "staff/members", m));
  }

  /** One person: their membership, its history, and what can be done. */
  public void member(RoutingContext ctx) {
    String actor = ctx.request().getParam("actor", "");
    pages.handle(ctx, community(ctx, false).compose(c -> Future.all(q.member(c.id(), actor), q.history(c.id(), actor),
        s.bans().active(c.id(), actor)).compose(all -> {
          List<StaffQueries.MemberRow> rows = all.resultAt(0);
          List<StaffQueries.Event> history = all.resultAt(1);
          if (rows.isEmpty() && history.isEmpty()) {
            return Future.failedFuture(WebException.notFound());
          }
          Map<String, Object> m = model(ctx, c, "members");
          m.put("actor", actor);
          m.put("member", rows.isEmpty() ? null : rows.get(0));
          m.put("history", history);
          m.put("ban", all.<java.util.Optional<?>>resultAt(2).orElse(null));
          m.put("person", rows.isEmpty() ? WebQueries.person(actor, null, null, null, actor) : rows.get(0).person());
          return Future.succeededFuture(m);
        })), m -> pages.render(ctx, "staff/member", m));
  }

  /** POST /staff/c/{slug}/members/{action} with the form field {@code actor}. */
  public void memberAction(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    var f = ctx.request().formAttributes();
    String actor = f.get("actor");
    String by = "staff:" + session(ctx).username();
    boolean ownerOnly = action.equals("role") || action.equals("expiry");
    act(ctx, ownerOnly, (session, c) -> {
      if (actor == null || WebQueries.httpUrl(actor) == null) {
        return Future.failedFuture(WebException.badRequest("error.actor"));
      }
      String reason = clip(f.get("reason"), 500);
      return switch (action) {
        case "approve" -> s.membership().approve(c, actor, by).map("approved");
        case "reject" -> s.membership().reject(c, actor, by).map("rejected");
        case "remove" -> s.membership().remove(c, actor, reason, by).map("removed");
        case "ban" -> s.membership().ban(c, actor, reason, date(f.get("until"), "error.date"), by).map("banned");
        case "unban" -> s.membership().unban(c, actor, by).map("unbanned");
        case "role" -> {
          String role = f.get("role");
          if (!"member".equals(role) && !"moderator".equals(role)) {
            yield Future.failedFuture(WebException.badRequest("error.role"));
          }
          yield s.membership().setRole(c, actor, Member.Role.valueOf(role.toUpperCase(Locale.ROOT)), by).map("role_set");
        }
        case "expiry" -> {
          String days = f.get("addDays");
          if (days != null && !days.isBlank()) {
            yield s.membership().renew(c, actor, null, number(days, 1, 3650, "error.days"), by).map("renewed");
          }
          yield s.membership().renew(c, actor, date(f.get("until"), "error.date"), null, by).map("renewed");
        }
        default -> Future.failedFuture(WebException.notFound());
      };
    }, c -> back(ctx, "/staff/c/" + c.slug() + "/members"));
  }

  // ------------------------------------------------------------------ invites

  public void invites(RoutingContext ctx) {
    pages.handle(ctx, community(ctx, false).compose(c -> s.invites().list(c.id()).map(list -> {
      Map<String, Object> m = model(ctx, c, "invites");
      OffsetDateTime now = OffsetDateTime.now(s.clock());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Invite i : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("invite", i);
        row.put("usable", i.usable(now));
        row.put("link", s.uris().community(c.slug()) + "/invite/" + i.code());
        rows.add(row);
      }
      m.put("invites", rows);
      m.put("joinPolicy", c.joinPolicy().name().toLowerCase(Locale.ROOT));
      return m;
    })), m -> pages.render(ctx, "staff/invites", m));
  }

  public void createInvite(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    act(ctx, false, (session, c) -> {
      Integer maxUses = optionalNumber(f.get("maxUses"), 1, 100_000, "error.number");
      Integer days = optionalNumber(f.get("expiresDays"), 1, 3650, "error.days");
      Integer grant = optionalNumber(f.get("grantDays"), 1, 3650, "error.days");
      String note = clip(f.get("note"), 200);
      OffsetDateTime expires = days == null ? null : OffsetDateTime.now(s.clock()).plusDays(days);
      return s.invites().create(c.id(), newCode(), maxUses, expires, grant, note).map("invite_created");
    }, c -> "/staff/c/" + c.slug() + "/invites");
  }

  public void revokeInvite(RoutingContext ctx) {
    act(ctx, false, (session, c) -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        return Future.failedFuture(WebException.notFound());
      }
      return s.invites().revoke(c.id(), id).compose(done -> done ? Future.succeededFuture("invite_revoked")
          : Future.failedFuture(WebException.notFound()));
    }, c -> "/staff/c/" + c.slug() + "/invites");
  }

  /** Pre-approves an account named by its handle (found by WebFinger) or actor IRI. */
  public void preapprove(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    act(ctx, false, (session, c) -> {
      Integer grant = optionalNumber(f.get("grantDays"), 1, 3650, "error.days");
      OffsetDateTime until = grant == null ? null : OffsetDateTime.now(s.clock()).plusDays(grant);
      return resolveActor(f.get("actor"))
          .compose(actor -> s.membership().preapprove(c, actor, until, "staff:" + session.username()).map("preapproved"));
    }, c -> "/staff/c/" + c.slug() + "/invites");
  }

  /** An actor IRI, or a handle resolved by WebFinger; never a local or non-http(s) address. */
  Future<String> resolveActor(String typed) {
    String who = typed == null ? "" : typed.strip();
    if (who.startsWith("http://") || who.startsWith("https://")) {
      return WebQueries.httpUrl(who) == null || s.uris().isLocal(who)
          ? Future.failedFuture(WebException.badRequest("error.actor")) : Future.succeededFuture(who);
    }
    if (!who.matches("@?[A-Za-z0-9_.+-]{1,64}@[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?")) {
      return Future.failedFuture(WebException.badRequest("error.actor"));
    }
    return s.webfinger().resolve(who).recover(e -> Future.failedFuture(new WebException(422, "error.unresolvable")));
  }

  static String newCode() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ settings

  public void settings(RoutingContext ctx) {
    pages.handle(ctx, community(ctx, true).compose(c -> settingsModel(ctx, c, null)), m -> pages.render(ctx, "staff/settings", m));
  }

  Future<Map<String, Object>> settingsModel(RoutingContext ctx, Community c, Map<String, Object> form) {
    return Future.all(List.of(s.rules().list(c.id()), topics.list(c.id()), media.info(c.id()), wq.pinned(c.id()),
        q.recentForPins(c.id(), 10))).map(all -> {
          Map<String, Object> m = model(ctx, c, "settings");
          m.put("form", form == null ? form(c) : form);
          List<Rule> rules = new ArrayList<>(all.<List<Rule>>resultAt(0));
          for (int i = 0; i < 3; i++) {
            rules.add(new Rule("", ""));
          }
          m.put("rules", rules);
          List<Topics.Topic> topicRows = new ArrayList<>(all.<List<Topics.Topic>>resultAt(1));
          for (int i = 0; i < 3; i++) {
            topicRows.add(new Topics.Topic("", ""));
          }
          m.put("topics", topicRows);
          Map<String, String[]> info = all.resultAt(2);
          m.put("avatar", info.containsKey("avatar") ? s.uris().community(c.slug()) + "/media/avatar?v=" + info.get("avatar")[0] : null);
          m.put("avatarAlt", info.containsKey("avatar") ? info.get("avatar")[1] : "");
          m.put("banner", info.containsKey("banner") ? s.uris().community(c.slug()) + "/media/banner?v=" + info.get("banner")[0] : null);
          m.put("bannerAlt", info.containsKey("banner") ? info.get("banner")[1] : "");
          m.put("pinned", all.resultAt(3));
          m.put("candidates", all.resultAt(4));
          m.put("maxAvatarKb", Media.MAX_AVATAR / 1024);
          m.put("maxBannerKb", Media.MAX_BANNER / 1024);
          return m;
        });
  }

  private static Map<String, Object> form(Community c) {
    Map<String, Object> f = new HashMap<>();
    f.put("name", c.name());
    f.put("summary", c.summary());
    f.put("joinPolicy", c.joinPolicy().name().toLowerCase(Locale.ROOT));
    f.put("postingPolicy", c.postingPolicy().name().toLowerCase(Locale.ROOT));
    f.put("membersMayReply", c.membersMayReply());
    f.put("joinQuestion", c.joinQuestion() == null ? "" : c.joinQuestion());
    f.put("welcomeMessage", c.welcomeMarkdown());
    f.put("newcomerDays", c.newcomerDays());
    f.put("reminderDays", c.reminderDays());
    f.put("hideFollowers", c.hideFollowers());
    f.put("announceLikes", c.announceLikes());
    return f;
  }

  public void saveSettings(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, Object> form = new HashMap<>();
    form.put("name", nz(f.get("name")));
    form.put("summary", nz(f.get("summary")));
    form.put("joinPolicy", nz(f.get("joinPolicy")));
    form.put("postingPolicy", nz(f.get("postingPolicy")));
    form.put("membersMayReply", f.get("membersMayReply") != null);
    form.put("joinQuestion", nz(f.get("joinQuestion")));
    form.put("welcomeMessage", nz(f.get("welcomeMessage")));
    form.put("newcomerDays", nz(f.get("newcomerDays")));
    form.put("reminderDays", nz(f.get("reminderDays")));
    form.put("hideFollowers", f.get("hideFollowers") != null);
    form.put("announceLikes", f.get("announceLikes") != null);
    pages.handle(ctx, community(ctx, true), c -> {
      String error = null;
      CommunityStore.Changes changes = null;
      try {
        String name = ((String) form.get("name")).strip();
        String summary = ((String) form.get("summary")).replace("\r\n", "\n").strip();
        if (name.isEmpty() || name.length() > CommunityService.MAX_NAME) {
          throw WebException.badRequest("error.settings.name");
        }
        if (summary.length() > CommunityService.MAX_SUMMARY) {
          throw WebException.badRequest("error.settings.summary");
        }
        String question = ((String) form.get("joinQuestion")).strip();
        if (question.length() > 500) {
          throw WebException.badRequest("error.settings.question");
        }
        String welcome = ((String) form.get("welcomeMessage")).replace("\r\n", "\n");
        if (welcome.length() > 10_000) {
          throw WebException.badRequest("error.settings.welcome");
        }
        changes = new CommunityStore.Changes(name, summary, (Boolean) form.get("announceLikes"), (Boolean) form.get("hideFollowers"),
            choice(Community.JoinPolicy.class, (String) form.get("joinPolicy")),
            choice(Community.PostingPolicy.class, (String) form.get("postingPolicy")), (Boolean) form.get("membersMayReply"),
            question, welcome, number((String) form.get("newcomerDays"), 0, 365, "error.settings.newcomer"),
            number((String) form.get("reminderDays"), 0, 90, "error.settings.reminder"));
      } catch (WebException e) {
        error = e.messageKey();
      }
      if (error != null) {
        String key = error;
        pages.handle(ctx, settingsModel(ctx, c, form), m -> {
          m.put("error", key);
          pages.render(ctx, 400, "staff/settings", m);
        });
        return;
      }
      pages.handle(ctx, s.curation().update(c, changes), updated -> redirect(ctx, "/staff/c/" + c.slug() + "/settings?notice=saved"));
    });
  }

  public void saveRules(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    act(ctx, true, (session, c) -> {
      List<String> texts = f.getAll("rule");
      List<String> consequences = f.getAll("consequence");
      List<Rule> rules = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i).strip();
        String consequence = i < consequences.size() ? consequences.get(i).strip() : "";
        if (text.isEmpty()) {
          continue;
        }
        if (text.length() > 500 || consequence.length() > 200) {
          return Future.failedFuture(WebException.badRequest("error.rules.long"));
        }
        rules.add(new Rule(text, consequence));
      }
      if (rules.size() > 50) {
        return Future.failedFuture(WebException.badRequest("error.rules.many"));
      }
      return s.rules().replace(c.id(), rules).map("rules_saved");
    }, c -> "/staff/c/" + c.slug() + "/settings#rules");
  }

  public void saveTopics(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    act(ctx, true, (session, c) -> {
      List<String> tags = f.getAll("tag");
      List<String> descriptions = f.getAll("description");
      List<Topics.Topic> list = new ArrayList<>();
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i).strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        String description = i < descriptions.size() ? descriptions.get(i).strip() : "";
        if (tag.isEmpty()) {
          continue;
        }
        if (!PublicPages.TAG.matcher(tag).matches() || description.length() > 200) {
          return Future.failedFuture(WebException.badRequest("error.topics.invalid"));
        }
        if (list.stream().noneMatch(t -> t.tag().equals(tag))) {
          list.add(new Topics.Topic(tag, description));
        }
      }
      if (list.size() > Topics.MAX) {
        return Future.failedFuture(WebException.badRequest("error.topics.many"));
      }
      return topics.replace(c.id(), list).map("topics_saved");
    }, c -> "/staff/c/" + c.slug() + "/settings#topics");
  }

  public void pin(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    act(ctx, true, (session, c) -> {
      String object = f.get("object");
      if (object == null || WebQueries.httpUrl(object) == null) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      if ("unpin".equals(f.get("do"))) {
        return s.curation().unpin(c, object).map("unpinned");
      }
      return s.curation().pin(c, object).map("pinned").recover(e -> Future.failedFuture(
          e instanceof CoreException api && api.kind() == CoreException.Kind.CONFLICT ? new WebException(409, "error.pins.full") : e));
    }, c -> "/staff/c/" + c.slug() + "/settings#pins");
  }

  /** Avatar or banner upload (multipart), checked by content and size; or removal, or a new alt text. */
  public void uploadMedia(RoutingContext ctx) {
    String kind = ctx.request().getFormAttribute("kind");
    String alt = clip(ctx.request().getFormAttribute("alt"), 300);
    String todo = ctx.request().getFormAttribute("do");
    act(ctx, true, (session, c) -> {
      if (!"avatar".equals(kind) && !"banner".equals(kind)) {
        return Future.failedFuture(WebException.badRequest("error.bad_request"));
      }
      if ("remove".equals(todo)) {
        return media.remove(c.id(), kind).compose(v -> s.curation().announceProfile(c)).map("image_removed");
      }
      FileUpload upload = ctx.fileUploads().stream().filter(u -> u.name().equals("file")).findFirst().orElse(null);
      if (upload == null || upload.size() == 0) {
        return media.setAlt(c.id(), kind, alt).compose(v -> s.curation().announceProfile(c)).map("saved");
      }
      if (upload.size() > Media.limit(kind)) {
        return Future.failedFuture(new WebException(413, "error.image.large"));
      }
      return s.vertx().executeBlocking(() -> Files.readAllBytes(Path.of(upload.uploadedFileName())), false).compose(bytes -> {
        String type = Media.sniff(bytes);
        if (type == null) {
          return Future.failedFuture(new WebException(415, "error.image.type"));
        }
        return media.store(c.id(), kind, type, bytes, alt).compose(v -> s.curation().announceProfile(c)).map("image_saved");
      });
    }, c -> "/staff/c/" + c.slug() + "/settings#images");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Runs a staff action on the path's community and answers: a redirect back with a notice for a form POST, or
   * JSON {@code {ok, message}} for the page script's fetch (the same form, sent without a reload).
   */
  void act(RoutingContext ctx, boolean ownerOnly, BiFunction<Auth.Session, Community, Future<String>> action,
           java.util.function.Function<Community, String> back) {
    community(ctx, ownerOnly).compose(c -> {
      Future<String> done;
      try {
        done = action.apply(session(ctx), c);
      } catch (WebException e) {
        done = Future.failedFuture(e);
      }
      return done.map(notice -> new String[] {notice, back.apply(c)});
    }).onSuccess(r -> {
      String lang = Pages.lang(ctx);
      if (fetch(ctx)) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("ok", true).put("message", pages.i18n().t(lang, "notice." + r[0])).encode());
        return;
      }
      redirect(ctx, withNotice(r[1], r[0]));
    }).onFailure(e -> failed(ctx, e));
  }

  void failed(RoutingContext ctx, Throwable e) {
    if (fetch(ctx)) {
      int status = e instanceof WebException w ? w.status() : e instanceof CoreException a ? Pages.status(a) : 500;
      String key = e instanceof WebException w && w.messageKey() != null ? w.messageKey()
          : status == 404 ? "error.not_found" : status == 409 ? "error.conflict" : status == 403 ? "error.forbidden"
          : status < 500 ? "error.bad_request" : "error.internal";
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("ok", false).put("message", pages.i18n().t(Pages.lang(ctx), key)).encode());
      return;
    }
    pages.error(ctx, e);
  }

  static String withNotice(String path, String notice) {
    int hash = path.indexOf('#');
    String fragment = hash < 0 ? "" : path.substring(hash);
    String p = hash < 0 ? path : path.substring(0, hash);
    return p + (p.contains("?") ? "&" : "?") + "notice=" + notice + fragment;
  }

  /** The local page a form asks to return to (field {@code back}), or the default. */
  static String back(RoutingContext ctx, String fallback) {
    String back = ctx.request().getFormAttribute("back");
    if (back == null || !back.startsWith("/staff/") || back.contains("//") || back.contains("\\") || back.length() > 300
        || back.contains("notice=") || back.chars().anyMatch(ch -> ch < 0x20)) {
      return fallback;
    }
    return back;
  }

  static boolean fetch(RoutingContext ctx) {
    return "fetch".equals(ctx.request().getHeader("X-Requested-With"));
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static String clip(String s, int max) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return t.length() > max ? t.substring(0, max) : t;
  }

  static int number(String s, int min, int max, String key) {
    try {
      int n = Integer.parseInt(s == null ? "" : s.strip());
      if (n < min || n > max) {
        throw WebException.badRequest(key);
      }
      return n;
    } catch (NumberFormatException e) {
      throw WebException.badRequest(key);
    }
  }

  static Integer optionalNumber(String s, int min, int max, String key) {
    return s == null || s.isBlank() ? null : number(s, min, max, key);
  }

  /** A date from a date input (yyyy-mm-dd, the end of that day UTC), or null when empty. */
  static OffsetDateTime date(String s, String key) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip()).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusSeconds(1);
    } catch (DateTimeParseException e) {
      throw WebException.badRequest(key);
    }
  }

  static <E extends Enum<E>> E choice(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw WebException.badRequest("error.bad_request");
    }
  }
}
