package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.community.CommunityService;
import social.hearth.core.domain.LedgerEntry;
import social.hearth.core.domain.Member;
import social.hearth.core.membership.Membership;
import social.hearth.core.port.LedgerStore;
import social.hearth.core.recognition.Achievements;
import social.hearth.core.domain.BoardEntry;
import social.hearth.core.recognition.Insights;
import social.hearth.core.recognition.Recognition;

/**
 * Recognition and insight pages (issue 18): for staff, {@code /staff/c/{slug}/recognition} with the leaderboard of
 * the week, month or all time, the leaders (newcomers answered, median time to answer, replies, events; made a moderator or a sponsor from there), the last 30
 * days as SVG charts with a CSV download, points given or taken with a reason and the public board switch; a member's
 * history ({@code /recognition/member?actor=}) listing each entry and why. For everyone, {@code /c/{slug}/leaderboard}
 * when the community turned it on, without the members who asked to leave it.
 */
public final class RecognitionPages {

  static final int CHART_DAYS = 30;

  private final StaffSession staff;
  private final Pages pages;
  private final CommunityService communities;
  private final Recognition recognition;
  private final Insights insights;
  private final Clock clock;
  private final Membership membership;
  private final Achievements achievements;

  public RecognitionPages(StaffSession staff, CommunityService communities, Recognition recognition, Insights insights,
                          Clock clock, Membership membership, Achievements achievements) {
    this.membership = membership;
    this.achievements = achievements;
    this.staff = staff;
    this.pages = staff.pages();
    this.communities = communities;
    this.recognition = recognition;
    this.insights = insights;
    this.clock = clock;
  }

  public void mount(Router router) {
    String root = "/staff/c/:slug/recognition";
    router.get(root).handler(this::overview);
    router.get(root + "/member").handler(this::member);
    router.get(root + "/analytics.csv").handler(this::csv);
    router.post(root + "/points").handler(ctx -> staff.act(ctx, false, (session, c) -> {
      var form = ctx.request().formAttributes();
      int points;
      try {
        points = Integer.parseInt(Forms.nz(form.get("points")).strip());
      } catch (NumberFormatException e) {
        return Future.failedFuture(CoreException.badRequest("points must be a whole number"));
      }
      return recognition.award(c, form.get("actor"), points, form.get("reason"), StaffSession.by(ctx))
          .map("points_changed");
    }, c -> "/staff/c/" + c.slug() + "/recognition/member?actor=" + Pages.encode(
        Forms.nz(ctx.request().formAttributes().get("actor")).strip())));
    router.post(root + "/board").handler(ctx -> staff.act(ctx, true, (session, c) -> recognition.settings(c)
        .compose(s -> recognition.saveSettings(c, new LedgerStore.Settings(s.weights(), s.caps(),
            ctx.request().formAttributes().get("publicBoard") != null), StaffSession.by(ctx)))
        .map("recognition_saved"), c -> "/staff/c/" + c.slug() + "/recognition"));
    router.post(root + "/leaders/role").handler(ctx -> {
      String actor = Forms.nz(ctx.request().formAttributes().get("actor")).strip();
      String role = Forms.nz(ctx.request().formAttributes().get("role"));
      staff.act(ctx, role.equals("moderator"), (session, c) -> switch (role) {
        case "moderator" -> membership.setRole(c, actor, Member.Role.MODERATOR, StaffSession.by(ctx)).map("leader_moderator");
        case "sponsor" -> insights.addSponsor(c, actor, StaffSession.by(ctx)).map("leader_sponsor");
        default -> Future.failedFuture(CoreException.badRequest("role must be moderator or sponsor"));
      }, c -> "/staff/c/" + c.slug() + "/recognition");
    });
    router.get("/c/:slug/leaderboard").handler(this::publicBoard);
  }

  private static Recognition.Period period(RoutingContext ctx) {
    try {
      return Recognition.Period.parse(ctx.request().getParam("period"));
    } catch (CoreException e) {
      return Recognition.Period.WEEK;
    }
  }

  private void overview(RoutingContext ctx) {
    String lang = Pages.lang(ctx);
    Recognition.Period period = ctx.request().getParam("period") == null ? Recognition.Period.WEEK : period(ctx);
    LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate from = to.minusDays(CHART_DAYS - 1);
    pages.handle(ctx, staff.community(ctx, false).compose(c -> {
      // independent reads, run together
      Future<List<BoardEntry>> board = recognition.board(c, period, false);
      Future<List<social.hearth.core.domain.Leader>> leaders = recognition.leaders(c);
      Future<Insights.Figures> figures = insights.figures(c, from, to);
      Future<List<String>> sponsors = insights.sponsors(c);
      Future<LedgerStore.Settings> settings = recognition.settings(c);
      Future<social.hearth.core.port.TrendStore.Trends> trended = trends == null ? Future.succeededFuture()
          : trends.of(c, from, to);
      return Future.all(List.of(board, leaders, figures, sponsors, settings, trended)).map(all -> {
        Map<String, Object> m = staff.model(ctx, c, "recognition");
        m.put("period", period.name().toLowerCase(Locale.ROOT));
        m.put("board", board.result());
        m.put("leaders", leaders.result());
        m.put("sponsors", sponsors.result());
        m.put("publicBoard", settings.result().publicBoard());
        m.put("from", from.toString());
        m.put("to", to.toString());
        Insights.Figures f = figures.result();
        m.put("median", f.newcomerReplyMedianSeconds());
        I18n t = pages.i18n();
        String days = t.t(lang, "recognition.chart.days", CHART_DAYS);
        List<Map<String, Object>> charts = new ArrayList<>();
        charts.add(chart("joins", t.t(lang, "recognition.chart.joins"), days, f, d -> d.joins()));
        charts.add(chart("members", t.t(lang, "recognition.chart.members"), days, f, d -> d.members()));
        charts.add(chart("posts", t.t(lang, "recognition.chart.posts"), days, f, d -> d.postsAccepted()));
        charts.add(chart("active", t.t(lang, "recognition.chart.active"), days, f, d -> d.activeMembers7d()));
        m.put("charts", charts);
        if (trends != null) {
          social.hearth.core.port.TrendStore.Trends tr = trended.result();
          m.put("hoursChart", Pages.safe(TrendCharts.hours("chart-hours", t.t(lang, "trends.hours", tr.timeZone()),
              days, tr.hours())));
          m.put("timeZone", tr.timeZone());
          m.put("retention", TrendCharts.retention(tr));
          m.put("followWeeks", java.util.stream.IntStream.rangeClosed(0, social.hearth.core.recognition.Trends
              .FOLLOW_WEEKS).boxed().toList());
          m.put("topics", tr.topics());
          m.put("topPosts", tr.posts());
        }
        return m;
      });
    }), m -> pages.render(ctx, "staff/recognition", m));
  }

  private static Map<String, Object> chart(String id, String title, String label, Insights.Figures f,
                                           java.util.function.ToLongFunction<social.hearth.core.domain.CommunityDay> v) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("svg", Pages.safe(RecognitionCharts.bars("chart-" + id, title, label, f.days(), v)));
    return m;
  }

  private void member(RoutingContext ctx) {
    String actor = Forms.nz(ctx.request().getParam("actor")).strip();
    pages.handle(ctx, staff.community(ctx, false).compose(c -> recognition.history(c, actor)
        .compose(entries -> recognition.total(c, actor).compose(total -> recognition.level(c, total).map(level -> {
          Map<String, Object> m = staff.model(ctx, c, "recognition");
          m.put("actor", actor);
          m.put("total", total);
          m.put("level", level.number());
          m.put("levelName", level.name());
          List<Map<String, Object>> rows = new ArrayList<>();
          for (LedgerEntry e : entries) {
            Map<String, Object> r = new HashMap<>();
            r.put("points", e.points());
            r.put("kind", e.kind());
            r.put("reason", e.reason());
            r.put("reasonKey", e.kind().equals("reversal") ? "recognition.reason." + e.reason() : null);
            r.put("source", e.source() != null && e.source().startsWith("http") ? e.source() : null);
            r.put("post", e.post());
            r.put("from", e.fromActor() != null && !e.fromActor().equals(actor) ? e.fromActor() : null);
            r.put("by", e.byWhom());
            r.put("at", e.at());
            rows.add(r);
          }
          m.put("entries", rows);
          return m;
        }))).compose(m -> achievements.earnedNames(c, List.of(actor), Pages.lang(ctx)).map(earned -> {
          m.put("earned", earned.getOrDefault(actor, List.of()));
          return m;
        }))), m -> pages.render(ctx, "staff/points", m));
  }

  /** The dashboard's days as CSV, or with {@code ?table=} one of the trends' tables: one community look-up, one query. */
  private void csv(RoutingContext ctx) {
    String table = ctx.request().getParam("table");
    boolean trendTable = table != null && trends != null;
    Future<String> body;
    if (trendTable && !TrendCharts.TABLES.contains(table)) {
      body = Future.failedFuture(CoreException.badRequest("table must be one of " + String.join(", ", TrendCharts.TABLES)));
    } else {
      try {
        LocalDate to = Insights.date("to", ctx.request().getParam("to"), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate from = Insights.date("from", ctx.request().getParam("from"), to.minusDays(CHART_DAYS - 1));
        body = staff.community(ctx, false).compose(c -> trendTable
            ? trends.of(c, from, to).map(t -> TrendCharts.csv(table, t))
            : insights.figures(c, from, to).map(f -> RecognitionCharts.csv(f.days())));
      } catch (CoreException e) {
        body = Future.failedFuture(e);
      }
    }
    String name = trendTable ? table : "analytics";
    pages.handle(ctx, body, text -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("slug") + "-" + name + ".csv\"")
        .putHeader("Cache-Control", "no-store").end(text));
  }

  private social.hearth.core.recognition.Trends trends;

  /** The dashboard with the trends (retention, topics, posts, busiest hours; issue 18). */
  public RecognitionPages withTrends(social.hearth.core.recognition.Trends trends) {
    this.trends = trends;
    return this;
  }

  private void publicBoard(RoutingContext ctx) {
    Recognition.Period period = ctx.request().getParam("period") == null ? Recognition.Period.MONTH : period(ctx);
    pages.handle(ctx, communities.require(ctx.pathParam("slug")).compose(c -> recognition.publicBoard(c, period)
        .compose(board -> achievements.earnedNames(c, board.stream().map(BoardEntry::actor).toList(), Pages.lang(ctx))
            .map(earned -> {
              Map<String, Object> m = pages.model(ctx);
              Map<String, Object> cm = new HashMap<>();
              cm.put("slug", c.slug());
              cm.put("name", c.name());
              cm.put("url", pages.uris().community(c.slug()));
              m.put("community", cm);
              m.put("period", period.name().toLowerCase(Locale.ROOT));
              m.put("board", board);
              m.put("earned", earned);
              return m;
            }))), m -> pages.render(ctx, "leaderboard", m));
  }
}
