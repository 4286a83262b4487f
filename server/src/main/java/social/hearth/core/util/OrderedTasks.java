package social.hearth.core.util;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code limit} in flight. A task starts only once every task submitted before
 * it that shares one of its keys has completed (successfully or not); tasks with no key in common run at the same
 * time, started in the order they became ready. One instance per batch: submit from one thread, tasks may complete
 * on any thread.
 */
public final class OrderedTasks {

  private final int limit;
  private final Map<String, Future<?>> lastByKey = new HashMap<>();
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private int running;

  public OrderedTasks(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
  }

  /** Submits a task; its result (or failure) is the returned future's. */
  public <T> Future<T> submit(Collection<String> keys, Supplier<Future<T>> task) {
    List<Future<?>> before = new ArrayList<>();
    for (String key : keys) {
      Future<?> previous = lastByKey.get(key);
      if (previous != null && !before.contains(previous)) {
        before.add(previous);
      }
    }
    Promise<T> result = Promise.promise();
    for (String key : keys) {
      lastByKey.put(key, result.future());
    }
    Future.join(before).onComplete(x -> whenPermitted(() -> run(task, result)));
    return result.future();
  }

  private void whenPermitted(Runnable start) {
    synchronized (this) {
      if (running >= limit) {
        ready.add(start);
        return;
      }
      running++;
    }
    start.run();
  }

  /**
   * Starts a task. Whatever it throws (an Error too: a StackOverflowError must not leave its future incomplete, which
   * would hold its permit and every later task sharing a key for ever, and stall the whole batch) becomes its
   * failure.
   */
  private <T> void run(Supplier<Future<T>> task, Promise<T> result) {
    Future<T> started;
    try {
      started = task.get();
      if (started == null) {
        started = Future.failedFuture(new NullPointerException("the task returned no future"));
      }
    } catch (Throwable e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(ar -> {
      release();
      result.handle(ar);
    });
  }

  /** Hands the permit of a finished task to the next ready one, if any. */
  private void release() {
    Runnable next;
    synchronized (this) {
      next = ready.poll();
      if (next == null) {
        running--;
        return;
      }
    }
    next.run();
  }
}
