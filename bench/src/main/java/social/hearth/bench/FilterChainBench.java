package social.hearth.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import social.hearth.core.domain.Community;
import social.hearth.core.domain.FilterConfig;
import social.hearth.core.moderation.AuthorFacts;
import social.hearth.core.moderation.FilterChain;
import social.hearth.core.moderation.FilterRule;
import social.hearth.core.moderation.Submission;
import social.hearth.core.moderation.Verdict;

/**
 * The moderation filter chain on its own: how many submissions per second one core can put through 20 active
 * rules of every kind (keywords, regexes, links, mentions, account age, probation, slow mode, topics, sensitive
 * words, attachments). The chain is pure computation; the database work around it (reading the author's facts,
 * storing the decision) is measured by the end-to-end phases of {@link Bench}.
 *
 * <pre>java -cp 'bench/target/hearth-bench.jar:bench/target/lib/*' social.hearth.bench.FilterChainBench</pre>
 */
public final class FilterChainBench {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private FilterChainBench() {}

  public static void main(String[] args) throws Exception {
    List<FilterRule> rules = rules();
    Community community = new Community(1, "bench", "Bench", "", "", null, true, false, Community.JoinPolicy.OPEN,
        Community.PostingPolicy.MEMBERS, true, null, "", 7, 7, null);
    Random random = new Random(42);
    List<Submission> posts = new ArrayList<>();
    List<AuthorFacts> facts = new ArrayList<>();
    String[] words = ("the a book we read this month chapter garden sourdough bread loom yarn weave paint colour light "
        + "river walk morning coffee question answer thanks welcome idea meeting friday").split(" ");
    for (int i = 0; i < 4096; i++) {
      StringBuilder text = new StringBuilder();
      int length = 20 + random.nextInt(120);
      for (int w = 0; w < length; w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      List<String> links = random.nextInt(4) == 0 ? List.of("example.org") : List.of();
      posts.add(new Submission(Submission.Kind.POST, "https://h" + (i % 50) + ".example/users/u" + i, "h" + (i % 50) + ".example",
          text.toString(), random.nextInt(10) == 0 ? "CW" : null, false, random.nextBoolean() ? List.of("intro") : List.of(),
          links, random.nextInt(3), 0, random.nextInt(3) == 0));
      facts.add(new AuthorFacts(NOW.minus(Duration.ofDays(30 + random.nextInt(900))), NOW.minus(Duration.ofDays(10 + random.nextInt(300))),
          5 + random.nextInt(50), NOW.minus(Duration.ofMinutes(10 + random.nextInt(1000))), false));
    }
    System.out.printf("filter chain: %d rules, %d distinct posts of %d-%d words, 1 thread%n", rules.size(), posts.size(), 20, 140);
    long sink = run(rules, community, posts, facts, Duration.ofSeconds(5)).count; // warm-up: JIT
    double[] rates = new double[5];
    for (int i = 0; i < rates.length; i++) {
      Result r = run(rules, community, posts, facts, Duration.ofSeconds(2));
      rates[i] = r.count / r.seconds;
      sink += r.held;
    }
    Arrays.sort(rates);
    System.out.printf("filter chain: median %.0f submissions/s (min %.0f, max %.0f) through %d active rules; %.1f µs each%n",
        rates[2], rates[0], rates[4], rules.size(), 1e6 / rates[2]);
    System.out.println("(checksum " + sink + ")");
  }

  record Result(long count, long held, double seconds) {}

  static Result run(List<FilterRule> rules, Community c, List<Submission> posts, List<AuthorFacts> facts, Duration length) {
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long count = 0;
    long held = 0;
    int n = posts.size();
    while (System.nanoTime() < end) {
      for (int i = 0; i < 256; i++) {
        int k = (int) (count % n);
        Verdict v = FilterChain.evaluate(posts.get(k), facts.get(k), c, rules, NOW);
        if (v.decision() != Verdict.Decision.ACCEPT) {
          held++;
        }
        count++;
      }
    }
    return new Result(count, held, (System.nanoTime() - start) / 1e9);
  }

  /** Twenty rules, two of each kind, as a busy community might run them. */
  static List<FilterRule> rules() {
    FilterConfig e = FilterConfig.EMPTY;
    Object[][] specs = {
        {"keywords", e.withWords(List.of("casino", "free money", "crypto giveaway", "click here"))},
        {"keywords", e.withWords(List.of("buy now", "limited offer", "discount code"))},
        {"regex", e.withPattern("\\b(?:viagra|cialis)\\b")},
        {"regex", e.withPattern("[0-9]{3}[- ]?[0-9]{3}[- ]?[0-9]{4}")},
        {"links", e.withMax(3)},
        {"links", e.withDeny(List.of("spam.example", "bit.ly"))},
        {"mentions", e.withMax(5)},
        {"mentions", e.withMax(10)},
        {"account_age", e.withMinDays(7)},
        {"account_age", e.withMinDays(2)},
        {"probation", e.withFirstPosts(2).withNewcomerPeriod(true)},
        {"probation", e.withFirstPosts(1).withNewcomerPeriod(false)},
        {"slow_mode", e.withMinutes(5)},
        {"slow_mode", e.withMinutes(2)},
        {"topics", e.withHashtags(List.of("intro", "weekly", "question"))},
        {"topics", e.withHashtags(List.of("intro", "books"))},
        {"sensitive_words", e.withWords(List.of("spoiler", "ending"))},
        {"sensitive_words", e.withWords(List.of("nsfw"))},
        {"attachments", e.withAllowed(false)},
        {"attachments", e.withAllowed(true)},
    };
    List<FilterRule> out = new ArrayList<>();
    long id = 1;
    for (Object[] spec : specs) {
      out.add(FilterRule.compile(id++, (String) spec[0], (FilterConfig) spec[1], "hold"));
    }
    return out;
  }
}
