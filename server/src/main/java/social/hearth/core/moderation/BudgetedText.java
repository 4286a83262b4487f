package social.hearth.core.moderation;

/**
 * Text that stops whoever reads it once a deadline has passed: how a filter that reads a post's text (keywords,
 * sensitive words, a regular expression) keeps to the chain's time budget. It looks at the clock once every
 * {@value #CHECK_EVERY} characters read, so the cost is a counter.
 */
final class BudgetedText implements CharSequence {

  private static final int CHECK_EVERY = 1024;

  /** Thrown when the deadline has passed while the text was being read. */
  static final class OutOfTime extends RuntimeException {
    OutOfTime() {
      super("the filters' time budget for this post ran out", null, false, false);
    }
  }

  private final String text;
  private final long deadlineNanos;
  private final int[] reads;

  /** @param deadlineNanos a value of {@link FilterChain#clock()}, read on this thread */
  BudgetedText(String text, long deadlineNanos) {
    this(text, deadlineNanos, new int[1]);
  }

  private BudgetedText(String text, long deadlineNanos, int[] reads) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
    this.reads = reads;
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    if (++reads[0] >= CHECK_EVERY) {
      reads[0] = 0;
      if (FilterChain.clock() - deadlineNanos > 0) {
        throw new OutOfTime();
      }
    }
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BudgetedText(text.substring(start, end), deadlineNanos, reads);
  }

  @Override
  public String toString() {
    return text;
  }
}
