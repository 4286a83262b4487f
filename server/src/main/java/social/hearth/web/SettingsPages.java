package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.community.CommunityService;
import social.hearth.core.community.Curation;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.MediaRef;
import social.hearth.core.domain.Rule;
import social.hearth.core.domain.Topic;
import social.hearth.core.port.CommunityStore;
import social.hearth.core.port.MediaStore;
import social.hearth.core.port.PublicPageQueries;
import social.hearth.core.port.RuleStore;
import social.hearth.core.port.StaffPageQueries;
import social.hearth.core.port.TopicStore;
import social.hearth.core.community.Voice;

/**
 * A community's settings page (profile, welcome message, join question, policies; with the forms for images, rules,
 * topics and pins, which {@link ImagePages}, {@link RulesAndTopicsPages} and {@link PinPages} save), for owners.
 */
public final class SettingsPages {

  /** What the page reads. */
  public record Reads(RuleStore rules, TopicStore topics, MediaStore media, PublicPageQueries posts,
                      StaffPageQueries staffQueries) {}

  private final StaffSession staff;
  private final Pages pages;
  private final Reads reads;
  private final Curation curation;
  private RulesAndTopicsPages rulesAndTopics;

  public SettingsPages(StaffSession staff, Reads reads, Curation curation) {
    this.staff = staff;
    this.pages = staff.pages();
    this.reads = reads;
    this.curation = curation;
  }

  public void settings(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, true), c -> show(ctx, c, 200, new FormState()));
  }

  /** Called once by {@link WebRoutes}: the rules, topics and images forms save through these. */
  void attach(RulesAndTopicsPages rulesAndTopicsPages) {
    this.rulesAndTopics = rulesAndTopicsPages;
  }

  /**
   * The settings page with a form's state: what it sent (profile fields, {@code rules}, {@code topics}, an image's
   * alt text) shown as sent with its problems; every other part as stored.
   */
  void show(RoutingContext ctx, Community c, int status, FormState sent) {
    pages.handle(ctx, settingsModel(ctx, c, sent), m -> pages.render(ctx, status, "staff/settings", m));
  }

  Future<Map<String, Object>> settingsModel(RoutingContext ctx, Community c, FormState sent) {
    return Future.all(List.of(reads.rules().list(c.id()), reads.topics().list(c.id()), reads.media().info(c.id()),
        reads.posts().pinned(c.id()), reads.staffQueries().recentForPins(c.id(), 10))).map(all -> {
          Map<String, Object> m = staff.model(ctx, c, "settings");
          form(c).forEach((k, v) -> {
            if (sent.value(k) == null) {
              sent.put(k, v);
            }
          });
          @SuppressWarnings("unchecked")
          List<Rule> sentRules = (List<Rule>) sent.value("rules");
          List<Rule> rules = new ArrayList<>(sentRules != null ? sentRules : all.<List<Rule>>resultAt(0));
          for (int i = 0; i < 3; i++) {
            rules.add(new Rule("", ""));
          }
          m.put("rules", rules);
          @SuppressWarnings("unchecked")
          List<Topic> sentTopics = (List<Topic>) sent.value("topics");
          List<Topic> topicRows = new ArrayList<>(sentTopics != null ? sentTopics : all.<List<Topic>>resultAt(1));
          for (int i = 0; i < 3; i++) {
            topicRows.add(new Topic("", ""));
          }
          m.put("topics", topicRows);
          Map<String, MediaRef> info = all.resultAt(2);
          String slug = c.slug();
          m.put("avatar", info.containsKey("avatar") ? pages.uris().communityMedia(slug, "avatar", info.get("avatar").digest()) : null);
          m.put("avatarAlt", sent.value("avatarAlt") != null ? sent.value("avatarAlt")
              : info.containsKey("avatar") ? info.get("avatar").alt() : "");
          m.put("banner", info.containsKey("banner") ? pages.uris().communityMedia(slug, "banner", info.get("banner").digest()) : null);
          m.put("bannerAlt", sent.value("bannerAlt") != null ? sent.value("bannerAlt")
              : info.containsKey("banner") ? info.get("banner").alt() : "");
          m.put("pinned", PostView.of(all.<List<PublicPageQueries.Post>>resultAt(3)));
          m.put("candidates", all.resultAt(4));
          m.put("maxAvatarKb", Media.MAX_AVATAR / 1024);
          m.put("maxBannerKb", Media.MAX_BANNER / 1024);
          m.put("voiceLanguages", Voice.standard().languages().stream()
              .map(l -> Map.of("code", l, "name", Voice.nameOf(l))).toList());
          sent.into(m);
          if (sent.invalid()) {
            m.put("error", "form.invalid");
          }
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
    f.put("language", c.language());
    f.put("canQuote", c.canQuote().name().toLowerCase(Locale.ROOT));
    f.put("visibility", c.visibility().name().toLowerCase(Locale.ROOT));
    return f;
  }

  /** The profile fields of the settings form. */
  static final List<String> PROFILE = List.of("name", "summary", "joinPolicy", "postingPolicy", "joinQuestion",
      "welcomeMessage", "newcomerDays", "reminderDays", "language", "canQuote", "visibility");

  /**
   * Saves the settings form: the profile, and the rules and topics when the form has them ({@code sections}), all
   * checked first, so a problem anywhere saves nothing and shows everything again as typed.
   */
  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    FormState form = FormState.of(f, PROFILE);
    form.put("membersMayReply", f.get("membersMayReply") != null);
    form.put("hideFollowers", f.get("hideFollowers") != null);
    form.put("announceLikes", f.get("announceLikes") != null);
    List<String> sections = List.of(Forms.nz(f.get("sections")).split(" "));
    pages.handle(ctx, staff.community(ctx, true), c -> {
      CommunityStore.Changes changes = changes(form);
      List<Rule> rules = sections.contains("rules")
          ? RulesAndTopicsPages.rules(f.getAll("rule"), f.getAll("consequence"), form) : null;
      List<Topic> topics = sections.contains("topics")
          ? RulesAndTopicsPages.topics(f.getAll("tag"), f.getAll("description"), form) : null;
      if (form.invalid()) {
        show(ctx, c, 400, form);
        return;
      }
      String by = StaffSession.by(ctx);
      Future<Void> lists = (rules == null ? Future.<Void>succeededFuture() : rulesAndTopics.replaceRules(c.id(), by, rules))
          .compose(v -> topics == null ? Future.<Void>succeededFuture() : rulesAndTopics.replaceTopics(c.id(), by, topics));
      pages.handle(ctx, lists.compose(v -> curation.update(c, changes))
              .compose(updated -> staff.audit().settingsChanged(by, c, updated)),
          updated -> StaffSession.redirect(ctx, "/staff/c/" + c.slug() + "/settings?notice=saved"));
    });
  }

  /** The changes the form asks for; each problem is marked on its field (the result is then not used). */
  private static CommunityStore.Changes changes(FormState form) {
    String name = form.text("name").strip();
    String summary = form.text("summary").strip();
    if (name.isEmpty() || name.length() > CommunityService.MAX_NAME) {
      form.error("name", "error.settings.name");
    }
    if (summary.length() > CommunityService.MAX_SUMMARY) {
      form.error("summary", "error.settings.summary");
    }
    String question = form.text("joinQuestion").strip();
    if (question.length() > 500) {
      form.error("joinQuestion", "error.settings.question");
    }
    String welcome = form.text("welcomeMessage");
    if (welcome.length() > 10_000) {
      form.error("welcomeMessage", "error.settings.welcome");
    }
    String language = form.text("language").strip();
    if (!language.isEmpty() && !Voice.standard().speaks(language)) {
      form.error("language", "error.settings.language");
    }
    String canQuote = form.text("canQuote");
    Community.JoinPolicy join = form.check("joinPolicy", () -> Forms.choice(Community.JoinPolicy.class, form.text("joinPolicy")));
    Community.PostingPolicy posting = form.check("postingPolicy",
        () -> Forms.choice(Community.PostingPolicy.class, form.text("postingPolicy")));
    Integer newcomer = form.check("newcomerDays", () -> Forms.number(form.text("newcomerDays"), 0, 365, "error.settings.newcomer"));
    Integer reminder = form.check("reminderDays", () -> Forms.number(form.text("reminderDays"), 0, 90, "error.settings.reminder"));
    Community.QuotePolicy quote = canQuote.isEmpty() ? null
        : form.check("canQuote", () -> Forms.choice(Community.QuotePolicy.class, canQuote));
    String shown = form.text("visibility");
    Community.Visibility visibility = shown.isEmpty() ? null
        : form.check("visibility", () -> Forms.choice(Community.Visibility.class, shown));
    return new CommunityStore.Changes(name, summary, form.flag("announceLikes"), form.flag("hideFollowers"), join, posting,
        form.flag("membersMayReply"), question, welcome, newcomer, reminder, language.isEmpty() ? null : language, quote,
        visibility);
  }
}
