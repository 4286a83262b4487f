package social.hearth.core.util;

import social.hearth.apub.InboxProcessor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import social.hearth.federation.vocab.Activity;
import social.hearth.federation.vocab.JsonLimits;
import social.hearth.federation.vocab.Normalizer;

/**
 * How the inbox processor schedules a batch: activities of different actors run at the same time, up to the limit;
 * two activities of one actor, or about one post, run one after the other in arrival order.
 */
class OrderedTasksTest {

  /** Tasks the test completes by hand; records which have started. */
  static final class Manual {
    final Map<String, Promise<String>> started = new LinkedHashMap<>();

    Future<String> start(String name) {
      Promise<String> p = Promise.promise();
      started.put(name, p);
      return p.future();
    }

    void finish(String name) {
      started.get(name).complete(name);
    }

    void fail(String name) {
      started.get(name).fail(new IllegalStateException(name + " failed"));
    }
  }

  @Test
  void activitiesOfDifferentActorsRunTogetherAndOneActorsWaitForEachOther() {
    Manual m = new Manual();
    OrderedTasks tasks = new OrderedTasks(8);
    Future<String> create = tasks.submit(Set.of("actor a"), () -> m.start("create by a"));
    Future<String> delete = tasks.submit(Set.of("actor a"), () -> m.start("delete by a"));
    tasks.submit(Set.of("actor b"), () -> m.start("create by b"));
    assertEquals(List.of("create by a", "create by b"), new ArrayList<>(m.started.keySet()), "b does not wait for a");
    m.finish("create by a");
    assertTrue(create.succeeded());
    assertEquals(List.of("create by a", "create by b", "delete by a"), new ArrayList<>(m.started.keySet()));
    m.finish("delete by a");
    assertEquals("delete by a", delete.result());
  }

  @Test
  void aFailedActivityStillLetsTheActorsNextOneRun() {
    Manual m = new Manual();
    OrderedTasks tasks = new OrderedTasks(8);
    Future<String> first = tasks.submit(Set.of("actor a"), () -> m.start("first"));
    tasks.submit(Set.of("actor a"), () -> m.start("second"));
    tasks.submit(Set.of("actor a"), () -> {
      throw new IllegalArgumentException("unreadable");
    });
    Future<String> fourth = tasks.submit(Set.of("actor a"), () -> m.start("fourth"));
    m.fail("first");
    assertTrue(first.failed());
    m.finish("second");
    assertTrue(m.started.containsKey("fourth"), "an item that throws counts as finished");
    m.finish("fourth");
    assertTrue(fourth.succeeded());
  }

  @Test
  void noMoreThanTheLimitRunAtOnceAndTheRestStartAsOthersFinish() {
    Manual m = new Manual();
    OrderedTasks tasks = new OrderedTasks(2);
    for (int i = 0; i < 5; i++) {
      String name = "t" + i;
      tasks.submit(Set.of("actor " + i), () -> m.start(name));
    }
    assertEquals(List.of("t0", "t1"), new ArrayList<>(m.started.keySet()));
    m.finish("t1");
    assertEquals(List.of("t0", "t1", "t2"), new ArrayList<>(m.started.keySet()));
    m.finish("t0");
    m.finish("t2");
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), new ArrayList<>(m.started.keySet()));
  }

  @Test
  void aReplyWaitsForItsParentAndARelayedPostForItsAuthor() throws Exception {
    Set<String> parent = keys("https://a.example/u/ann", "{\"id\":\"https://a.example/c/1\",\"type\":\"Create\","
        + "\"actor\":\"https://a.example/u/ann\",\"object\":{\"id\":\"https://a.example/n/1\",\"type\":\"Note\"}}");
    Set<String> reply = keys("https://b.example/u/bob", "{\"id\":\"https://b.example/c/2\",\"type\":\"Create\","
        + "\"actor\":\"https://b.example/u/bob\",\"object\":{\"id\":\"https://b.example/n/2\",\"type\":\"Note\","
        + "\"inReplyTo\":\"https://a.example/n/1\"}}");
    Set<String> relayed = keys("https://g.example/group", "{\"id\":\"https://g.example/a/3\",\"type\":\"Announce\","
        + "\"actor\":\"https://g.example/group\",\"object\":{\"id\":\"https://a.example/c/4\",\"type\":\"Create\","
        + "\"actor\":\"https://a.example/u/ann\",\"object\":\"https://a.example/n/4\"}}");
    Set<String> follow = keys("https://b.example/u/bob", "{\"id\":\"https://b.example/f/5\",\"type\":\"Follow\","
        + "\"actor\":\"https://b.example/u/bob\",\"object\":\"https://hearth.example/c/burst\"}");
    assertTrue(reply.contains("object https://a.example/n/1") && parent.contains("object https://a.example/n/1"));
    assertTrue(relayed.contains("actor https://a.example/u/ann"), "a group's relay waits for the author's own activities");
    assertEquals(Set.of("actor https://b.example/u/bob"), follow, "Follows of one community by different people do not wait");
  }

  static Set<String> keys(String sender, String json) throws Exception {
    Activity a = Normalizer.activity(JsonLimits.MAPPER.readTree(json));
    return InboxProcessor.orderingKeys(sender, a);
  }

  @Test
  void aTaskThatThrowsAnErrorFailsItsFutureAndTheBatchGoesOn() {
    Manual m = new Manual();
    OrderedTasks tasks = new OrderedTasks(1);
    Future<String> overflow = tasks.submit(Set.of("actor a"), () -> {
      throw new StackOverflowError();
    });
    Future<String> next = tasks.submit(Set.of("actor a"), () -> m.start("next by a"));
    Future<String> other = tasks.submit(Set.of("actor b"), () -> m.start("other"));
    assertTrue(overflow.failed(), "the Error is the task's failure");
    assertTrue(overflow.cause() instanceof StackOverflowError);
    assertEquals(List.of("next by a"), List.copyOf(m.started.keySet()), "the permit was handed on");
    m.finish("next by a");
    assertEquals("next by a", next.result());
    assertEquals(List.of("next by a", "other"), List.copyOf(m.started.keySet()));
    m.finish("other");
    assertTrue(other.succeeded());
  }
}
