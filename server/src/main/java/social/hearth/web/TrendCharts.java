package social.hearth.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.hearth.core.port.TrendStore;
import social.hearth.core.text.Html;

/**
 * The trends on the staff dashboard (issue 18, item 6): posts by hour of day as an SVG bar chart written on the
 * server (titled and described in the reader's language, each bar's value as its tooltip), the model of the retention,
 * topics and posts tables, and each of them as CSV.
 */
final class TrendCharts {

  static final List<String> TABLES = List.of("retention", "topics", "posts", "hours");
  private static final int WIDTH = RecognitionCharts.WIDTH;
  private static final int HEIGHT = RecognitionCharts.HEIGHT;
  private static final int PAD = 28;

  private TrendCharts() {}

  /** 24 bars, hour 0 first; {@code title} and {@code label} are already in the reader's words. */
  static String hours(String id, String title, String label, long[] hours) {
    long max = 1;
    for (long h : hours) {
      max = Math.max(max, h);
    }
    double slot = (WIDTH - PAD) / 24.0;
    double barWidth = slot * 0.8;
    int plot = HEIGHT - PAD;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\" data-chart=\"").append(id)
        .append("\"><title id=\"").append(id).append("-t\">").append(Html.escape(title)).append("</title><desc id=\"")
        .append(id).append("-d\">").append(Html.escape(label)).append("</desc><line x1=\"").append(PAD)
        .append("\" y1=\"").append(plot).append("\" x2=\"").append(WIDTH).append("\" y2=\"").append(plot)
        .append("\" class=\"axis\"/><text x=\"0\" y=\"12\" class=\"axis-label\">").append(max).append("</text>");
    for (int h = 0; h < 24; h++) {
      double height = plot * (hours[h] / (double) max);
      double x = PAD + h * slot + (slot - barWidth) / 2;
      svg.append("<rect class=\"bar\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(plot - height))
          .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(height)).append("\"><title>")
          .append(String.format(Locale.ROOT, "%02d:00", h)).append(": ").append(hours[h]).append("</title></rect>");
      if (h % 6 == 0) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - 8).append("\" class=\"axis-label\">")
            .append(String.format(Locale.ROOT, "%02d", h)).append("</text>");
      }
    }
    return svg.append("</svg>").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** The cohorts for the template: each week's joined count and, per week after, posted and its share in percent. */
  static List<Map<String, Object>> retention(TrendStore.Trends t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TrendStore.Cohort k : t.retention()) {
      Map<String, Object> r = new HashMap<>();
      r.put("week", k.week().toString());
      r.put("joined", k.joined());
      List<String> cells = new ArrayList<>();
      for (int n : k.posted()) {
        cells.add(k.joined() == 0 ? String.valueOf(n) : n + " (" + Math.round(100.0 * n / k.joined()) + "%)");
      }
      r.put("posted", cells);
      rows.add(r);
    }
    return rows;
  }

  /** One table as CSV, a header line first (RFC 4180: a post's excerpt is quoted). */
  static String csv(String table, TrendStore.Trends t) {
    StringBuilder out = new StringBuilder();
    switch (table) {
      case "retention" -> {
        out.append("week,joined");
        for (int k = 0; k <= social.hearth.core.recognition.Trends.FOLLOW_WEEKS; k++) {
          out.append(",postedWeek").append(k);
        }
        out.append("\r\n");
        for (TrendStore.Cohort k : t.retention()) {
          out.append(k.week()).append(',').append(k.joined());
          k.posted().forEach(n -> out.append(',').append(n));
          out.append("\r\n");
        }
      }
      case "topics" -> {
        out.append("tag,posts\r\n");
        t.topics().forEach(x -> out.append(quote(x.tag())).append(',').append(x.posts()).append("\r\n"));
      }
      case "posts" -> {
        out.append("post,likes,replies,excerpt\r\n");
        t.posts().forEach(p -> out.append(quote(p.object())).append(',').append(p.likes()).append(',')
            .append(p.replies()).append(',').append(quote(p.excerpt())).append("\r\n"));
      }
      default -> {
        out.append("hour,posts,timeZone\r\n");
        for (int h = 0; h < 24; h++) {
          out.append(h).append(',').append(t.hours()[h]).append(',').append(quote(t.timeZone())).append("\r\n");
        }
      }
    }
    return out.toString();
  }

  private static String quote(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v; // not read as a formula by a spreadsheet
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
