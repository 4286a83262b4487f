package social.hearth.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.hearth.core.CoreException;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.Poll;
import social.hearth.core.polls.Polls;

/**
 * The community's polls for its staff: the form that asks a question (it comes back with what was typed and the
 * error next to its field) and the polls asked so far with their results. Also the polls shown on the public pages
 * ({@link #views}), local and remote alike.
 */
public final class PollPages {

  /** The option fields the form shows at first; the rest are folded away. */
  static final int SHOWN_OPTIONS = 4;

  private final StaffSession staff;
  private final Pages pages;
  private final Polls polls;
  private final Clock clock;

  public PollPages(StaffSession staff, Polls polls, Clock clock) {
    this.staff = staff;
    this.pages = staff.pages();
    this.polls = polls;
    this.clock = clock;
  }

  /** A poll as the pages show it: each option with its votes and share of the votes, and whether it is over. */
  public record View(String question, List<Option> options, int voters, boolean closed, OffsetDateTime endTime,
                     boolean multiple, boolean membersOnly, boolean local) {}

  /** An option with its votes and its share of all votes, in whole percent. */
  public record Option(String name, int votes, int percent) {}

  static View view(Poll p, OffsetDateTime now) {
    int total = p.votes().stream().mapToInt(Integer::intValue).sum();
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < p.options().size(); i++) {
      int v = p.votes().get(i);
      options.add(new Option(p.options().get(i), v, total == 0 ? 0 : Math.round(v * 100f / total)));
    }
    return new View(p.question(), options, p.voters(), p.closed(now), p.endTime(), p.multiple(), p.membersOnly(),
        p.local());
  }

  /** The polls among these posts, by the post's object IRI, for the post macro. */
  Future<Map<String, View>> views(List<String> objectIds) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return polls.shown(objectIds).map(list -> {
      Map<String, View> out = new HashMap<>();
      list.forEach(p -> out.put(p.iri(), view(p, now)));
      return out;
    });
  }

  /** GET /staff/c/{slug}/polls. */
  public void list(RoutingContext ctx) {
    pages.handle(ctx, staff.community(ctx, false).compose(c -> model(ctx, c, emptyForm())),
        m -> pages.render(ctx, "staff/polls", m));
  }

  /** POST /staff/c/{slug}/polls: asks the question, or shows the form again with the problem. */
  public void create(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    Map<String, Object> form = emptyForm();
    form.put("question", Forms.nz(f.get("question")).strip());
    List<String> options = new ArrayList<>();
    for (int i = 1; i <= Polls.MAX_OPTIONS; i++) {
      options.add(Forms.nz(f.get("option" + i)).strip());
    }
    form.put("options", options);
    form.put("multiple", f.get("multiple") != null);
    form.put("membersOnly", f.get("membersOnly") != null);
    form.put("as", "me".equals(f.get("as")) ? "me" : "community");
    form.put("endTime", Forms.nz(f.get("endTime")).strip());
    form.put("tz", Forms.nz(f.get("tz")).strip());
    pages.handle(ctx, staff.community(ctx, false), c -> {
      OffsetDateTime end;
      try {
        end = endTime(form);
      } catch (WebException e) {
        form.put("problem.endTime", e.messageKey());
        failedForm(ctx, c, form, 400);
        return;
      }
      Polls.Draft draft = new Polls.Draft((String) form.get("question"), options, (Boolean) form.get("multiple"), end,
          (Boolean) form.get("membersOnly"), "me".equals(form.get("as")) ? StaffSession.session(ctx).username()
          : "community");
      polls.create(c, draft, StaffSession.by(ctx))
          .onSuccess(p -> StaffSession.redirect(ctx, StaffSession.withNotice("/staff/c/" + c.slug() + "/polls",
              "poll_published")))
          .onFailure(e -> {
            if (!(e instanceof CoreException ce) || ce.kind() != CoreException.Kind.INVALID) {
              pages.error(ctx, e);
              return;
            }
            String code = ce.code();
            String field = code.startsWith("poll.question") ? "question" : code.startsWith("poll.option") ? "options"
                : code.startsWith("poll.end") ? "endTime" : "as";
            form.put("problem." + field, "error." + code);
            failedForm(ctx, c, form, 400);
          });
    });
  }

  private void failedForm(RoutingContext ctx, Community c, Map<String, Object> form, int status) {
    pages.handle(ctx, model(ctx, c, form), m -> pages.render(ctx, status, "staff/polls", m));
  }

  private Future<Map<String, Object>> model(RoutingContext ctx, Community c, Map<String, Object> form) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return polls.list(c).map(list -> {
      Map<String, Object> m = staff.model(ctx, c, "posts");
      m.put("form", form);
      m.put("polls", list.stream().map(p -> Map.of("poll", p, "view", view(p, now))).toList());
      m.put("username", StaffSession.session(ctx).username());
      m.put("shownOptions", SHOWN_OPTIONS);
      m.put("maxOptions", Polls.MAX_OPTIONS);
      m.put("maxQuestion", Polls.MAX_QUESTION);
      m.put("maxOption", Polls.MAX_OPTION);
      if (((String) form.get("endTime")).isEmpty()) {
        form.put("endTime", LocalDateTime.now(clock).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString());
      }
      return m;
    });
  }

  private static Map<String, Object> emptyForm() {
    Map<String, Object> form = new HashMap<>();
    form.put("question", "");
    form.put("options", new ArrayList<>(java.util.Collections.nCopies(Polls.MAX_OPTIONS, "")));
    form.put("multiple", false);
    form.put("membersOnly", true);
    form.put("as", "community");
    form.put("endTime", "");
    form.put("tz", "");
    for (String field : List.of("question", "options", "endTime", "as")) {
      form.put("problem." + field, null);
    }
    return form;
  }

  /** The end time, typed in the staff member's time zone (their browser tells it; UTC otherwise). */
  private static OffsetDateTime endTime(Map<String, Object> form) {
    String at = (String) form.get("endTime");
    if (at.isEmpty()) {
      throw WebException.badRequest("error.poll.end.missing");
    }
    ZoneId zone;
    try {
      zone = ((String) form.get("tz")).isEmpty() ? ZoneId.of("UTC") : ZoneId.of((String) form.get("tz"));
    } catch (RuntimeException e) {
      zone = ZoneId.of("UTC");
    }
    try {
      return LocalDateTime.parse(at).atZone(zone).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw WebException.badRequest("error.poll.end.invalid");
    }
  }
}
