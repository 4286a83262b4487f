package social.hearth.bench;

import java.util.Arrays;
import social.hearth.core.text.Html;

/**
 * What rendering a post's remote HTML costs, on one core: the work each view of a page did before rendering was
 * stored (sanitising and extracting the text of every post shown), and the work now done once, when a post is
 * stored ({@link Html#render}), for a 500 KB article and for an ordinary 1 KB post. A page view now does none of it.
 *
 * <pre>java -cp 'bench/target/hearth-bench.jar:bench/target/lib/*' social.hearth.bench.RenderBench</pre>
 */
public final class RenderBench {

  private RenderBench() {}

  public static void main(String[] args) {
    String large = post(500_000);
    String small = post(1_000);
    long sink = 0;
    for (int i = 0; i < 20; i++) { // warm-up: JIT
      sink += Html.render(large).html().length() + Html.text(Html.sanitize(large)).length();
    }
    System.out.printf("per view before (sanitize + text), 500 KB: %s%n", median(() -> Html.text(Html.sanitize(large)).length()));
    System.out.printf("once when stored (render), 500 KB:       %s%n", median(() -> Html.render(large).html().length()));
    System.out.printf("once when stored (render), 1 KB:         %s%n", median(() -> Html.render(small).html().length()));
    System.out.println("(checksum " + sink + ")");
  }

  /** Median, min and max milliseconds of 15 runs. */
  private static String median(java.util.function.IntSupplier work) {
    double[] ms = new double[15];
    long sink = 0;
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      sink += work.getAsInt();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return String.format("median %.2f ms (min %.2f, max %.2f)%s", ms[7], ms[0], ms[14], sink < 0 ? "!" : "");
  }

  /** A Mastodon-like post of about {@code size} characters: paragraphs, mentions, hashtags, shortened links. */
  static String post(int size) {
    StringBuilder html = new StringBuilder();
    for (int i = 0; html.length() < size; i++) {
      html.append("<p>Paragraph ").append(i).append(" by <span class=\"h-card\"><a href=\"https://masto.example/@ana\" ")
          .append("class=\"u-url mention\">@<span>ana</span></a></span> about <a href=\"https://masto.example/tags/books\" ")
          .append("class=\"mention hashtag\" rel=\"tag\">#<span>books</span></a>, see <a href=\"https://example.org/a/")
          .append(i).append("\" rel=\"nofollow noopener\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">")
          .append("example.org/a/</span></a> and <b>more</b>.</p>");
    }
    return html.toString();
  }
}
