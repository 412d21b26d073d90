package io.newstopics.text;

/**
 * The time budget of the article being processed by this thread ({@link RecordGuard} sets it). Text work that could
 * run long on hostile input checks it: pattern matching reads its text through {@link #chars}, token loops call
 * {@link #check}. Without a budget (code called outside a guard) both are free and never throw.
 */
public final class Deadline {
  private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

  private Deadline() {}

  /** Thrown when the current article's budget is spent; {@link RecordGuard} turns it into a quarantine reason. */
  public static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  /** Starts a budget of {@code nanos} for this thread; returns the previous one for {@link #restore}. */
  static long[] start(long nanos) {
    long[] previous = CURRENT.get();
    CURRENT.set(new long[] {System.nanoTime() + nanos, nanos});
    return previous;
  }

  static void restore(long[] previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /** Starts this thread's budget again (after a one-time set-up that is not the article's own work). */
  public static void restart() {
    long[] d = CURRENT.get();
    if (d != null) {
      d[0] = System.nanoTime() + d[1];
    }
  }

  /** Throws {@link Exceeded} when this thread's budget is spent. */
  public static void check() {
    long[] d = CURRENT.get();
    if (d != null && System.nanoTime() - d[0] > 0) {
      throw exceeded(d);
    }
  }

  private static Exceeded exceeded(long[] budget) {
    return new Exceeded(String.format("over its budget of %.1f s", budget[1] / 1e9));
  }

  /**
   * {@code text} as a sequence that checks this thread's budget every few thousand characters read, so that a
   * pattern match on it ends once the budget is spent; {@code text} itself when there is no budget or the text is
   * short ({@link #CHECKED_FROM}).
   */
  public static CharSequence chars(String text) {
    long[] d = CURRENT.get();
    return d == null || text.length() < CHECKED_FROM ? text : new Checked(text, d);
  }

  /**
   * Texts shorter than this are matched unchecked: every pattern here is linear, and even a quadratic one would read
   * such a text in well under a second; most news is shorter, and the check costs on every character read.
   */
  static final int CHECKED_FROM = 20_000;

  private static final class Checked implements CharSequence {
    private final String text;
    private final long[] budget;
    private int reads;

    Checked(String text, long[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0 && System.nanoTime() - budget[0] > 0) {
        throw exceeded(budget);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
