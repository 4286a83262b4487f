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

  public SettingsPages(StaffSession staff, Reads reads, Curation curation) {
    this.staff = staff;
    this.pages = staff.pages();
    this.reads = reads;
    this.curation = curation;
  }

  public void settings(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, true).compose(c -> settingsModel(ctx, c, null)),
        m -> pages.render(ctx, "staff/settings", m));
  }

  Future<Map<String, Object>> settingsModel(RoutingContext ctx, Community c, Map<String, Object> form) {
    return Future.all(List.of(reads.rules().list(c.id()), reads.topics().list(c.id()), reads.media().info(c.id()),
        reads.posts().pinned(c.id()), reads.staffQueries().recentForPins(c.id(), 10))).map(all -> {
          Map<String, Object> m = staff.model(ctx, c, "settings");
          m.put("form", form == null ? form(c) : form);
          List<Rule> rules = new ArrayList<>(all.<List<Rule>>resultAt(0));
          for (int i = 0; i < 3; i++) {
            rules.add(new Rule("", ""));
          }
          m.put("rules", rules);
          List<Topic> topicRows = new ArrayList<>(all.<List<Topic>>resultAt(1));
          for (int i = 0; i < 3; i++) {
            topicRows.add(new Topic("", ""));
          }
          m.put("topics", topicRows);
          Map<String, MediaRef> info = all.resultAt(2);
          String slug = c.slug();
          m.put("avatar", info.containsKey("avatar") ? pages.uris().communityMedia(slug, "avatar", info.get("avatar").digest()) : null);
          m.put("avatarAlt", info.containsKey("avatar") ? info.get("avatar").alt() : "");
          m.put("banner", info.containsKey("banner") ? pages.uris().communityMedia(slug, "banner", info.get("banner").digest()) : null);
          m.put("bannerAlt", info.containsKey("banner") ? info.get("banner").alt() : "");
          m.put("pinned", PostView.of(all.<List<PublicPageQueries.Post>>resultAt(3)));
          m.put("candidates", all.resultAt(4));
          m.put("maxAvatarKb", Media.MAX_AVATAR / 1024);
          m.put("maxBannerKb", Media.MAX_BANNER / 1024);
          m.put("voiceLanguages", Voice.standard().languages().stream()
              .map(l -> Map.of("code", l, "name", Voice.nameOf(l))).toList());
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
    return f;
  }

  public void save(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, Object> form = new HashMap<>();
    form.put("name", Forms.nz(f.get("name")));
    form.put("summary", Forms.nz(f.get("summary")));
    form.put("joinPolicy", Forms.nz(f.get("joinPolicy")));
    form.put("postingPolicy", Forms.nz(f.get("postingPolicy")));
    form.put("membersMayReply", f.get("membersMayReply") != null);
    form.put("joinQuestion", Forms.nz(f.get("joinQuestion")));
    form.put("welcomeMessage", Forms.nz(f.get("welcomeMessage")));
    form.put("newcomerDays", Forms.nz(f.get("newcomerDays")));
    form.put("reminderDays", Forms.nz(f.get("reminderDays")));
    form.put("hideFollowers", f.get("hideFollowers") != null);
    form.put("announceLikes", f.get("announceLikes") != null);
    form.put("language", Forms.nz(f.get("language")));
    form.put("canQuote", Forms.nz(f.get("canQuote")));
    pages.handle(ctx, staff.community(ctx, true), c -> {
      CommunityStore.Changes changes;
      try {
        changes = changes(form);
      } catch (WebException e) {
        String key = e.messageKey();
        pages.handle(ctx, settingsModel(ctx, c, form), m -> {
          m.put("error", key);
          pages.render(ctx, 400, "staff/settings", m);
        });
        return;
      }
      pages.handle(ctx, curation.update(c, changes).compose(updated -> staff.audit().settingsChanged(StaffSession.by(ctx), c, updated)),
          updated -> StaffSession.redirect(ctx, "/staff/c/" + c.slug() + "/settings?notice=saved"));
    });
  }

  /** The changes the form asks for, checked. */
  private static CommunityStore.Changes changes(Map<String, Object> form) {
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
    String language = ((String) form.get("language")).strip();
    if (!language.isEmpty() && !Voice.standard().speaks(language)) {
      throw WebException.badRequest("error.settings.language");
    }
    String canQuote = (String) form.get("canQuote");
    return new CommunityStore.Changes(name, summary, (Boolean) form.get("announceLikes"), (Boolean) form.get("hideFollowers"),
        Forms.choice(Community.JoinPolicy.class, (String) form.get("joinPolicy")),
        Forms.choice(Community.PostingPolicy.class, (String) form.get("postingPolicy")), (Boolean) form.get("membersMayReply"),
        question, welcome, Forms.number((String) form.get("newcomerDays"), 0, 365, "error.settings.newcomer"),
        Forms.number((String) form.get("reminderDays"), 0, 90, "error.settings.reminder"),
        language.isEmpty() ? null : language,
        canQuote.isEmpty() ? null : Forms.choice(Community.QuotePolicy.class, canQuote));
  }
}
