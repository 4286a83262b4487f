package social.hearth.web;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import social.hearth.core.domain.CommunityDay;
import social.hearth.core.text.Html;

/**
 * The staff dashboard's charts as SVG written on the server (no script needed): one bar per day for a figure, with a
 * title and a description in the reader's language, the largest value on the axis, and each bar's value as its
 * tooltip ({@code <title>}), so a screen reader reads the same numbers.
 */
final class RecognitionCharts {

  static final int WIDTH = 600;
  static final int HEIGHT = 160;
  private static final int PAD = 28;

  private RecognitionCharts() {}

  /** A bar chart of {@code figure} over the days; {@code title} and {@code label} are already in the reader's words. */
  static String bars(String id, String title, String label, List<CommunityDay> days, ToLongFunction<CommunityDay> figure) {
    long max = 1;
    for (CommunityDay d : days) {
      max = Math.max(max, figure.applyAsLong(d));
    }
    int n = Math.max(1, days.size());
    double slot = (WIDTH - PAD) / (double) n;
    double barWidth = Math.max(1, slot * 0.8);
    int plot = HEIGHT - PAD;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\" data-chart=\"").append(id)
        .append("\"><title id=\"").append(id).append("-t\">").append(Html.escape(title)).append("</title>")
        .append("<desc id=\"").append(id).append("-d\">").append(Html.escape(label)).append("</desc>")
        .append("<line x1=\"").append(PAD).append("\" y1=\"").append(plot).append("\" x2=\"").append(WIDTH)
        .append("\" y2=\"").append(plot).append("\" class=\"axis\"/>")
        .append("<text x=\"0\" y=\"12\" class=\"axis-label\">").append(max).append("</text>")
        .append("<text x=\"0\" y=\"").append(plot).append("\" class=\"axis-label\">0</text>");
    for (int i = 0; i < days.size(); i++) {
      CommunityDay d = days.get(i);
      long v = figure.applyAsLong(d);
      double h = plot * (v / (double) max);
      double x = PAD + i * slot + (slot - barWidth) / 2;
      svg.append("<rect class=\"bar\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(plot - h))
          .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(h)).append("\"><title>")
          .append(d.date()).append(": ").append(v).append("</title></rect>");
    }
    if (!days.isEmpty()) {
      svg.append("<text x=\"").append(PAD).append("\" y=\"").append(HEIGHT - 8).append("\" class=\"axis-label\">")
          .append(days.get(0).date()).append("</text><text x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT - 8)
          .append("\" text-anchor=\"end\" class=\"axis-label\">").append(days.get(days.size() - 1).date())
          .append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** The days as CSV, a header line first (RFC 4180; numbers and ISO dates only, so nothing needs quoting). */
  static String csv(List<CommunityDay> days) {
    StringBuilder out = new StringBuilder(
        "date,joins,leaves,removals,members,postsAccepted,postsHeld,postsRefused,activeMembers7d\r\n");
    for (CommunityDay d : days) {
      out.append(d.date()).append(',').append(d.joins()).append(',').append(d.leaves()).append(',')
          .append(d.removals()).append(',').append(d.members()).append(',').append(d.postsAccepted()).append(',')
          .append(d.postsHeld()).append(',').append(d.postsRefused()).append(',').append(d.activeMembers7d())
          .append("\r\n");
    }
    return out.toString();
  }
}
