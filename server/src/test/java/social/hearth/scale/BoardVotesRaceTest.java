package social.hearth.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.hearth.testing.TestDatabase;
import social.hearth.testing.TestHearth;

/** Many members vote on one idea at once, some changing or taking back their vote: the board counts every one. */
class BoardVotesRaceTest {

  static TestHearth hearth;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestHearth.start(Clock.systemUTC(), TestDatabase.url(TestDatabase.fresh()), false);
    hearth.createCommunity("voters", "Voters");
  }

  @AfterAll
  static void stop() {
    if (hearth != null) {
      hearth.close();
    }
  }

  private static int expected() {
    int sum = 0;
    for (int i = 0; i < 60; i++) {
      int value = i % 4 == 0 ? -1 : 1;
      sum += i % 3 != 0 ? value : i % 2 == 0 ? 0 : -value;
    }
    return sum;
  }

  @Test
  void anIdeaShowsEveryVoteCastAtOnce() {
    long community = hearth.sql("SELECT id FROM communities WHERE slug = 'voters'").get(0).getLong(0);
    long idea = hearth.sql("INSERT INTO board_ideas (key, community_id, object_id, author) "
        + "VALUES ('racekey001', $1, 'https://remote.example/notes/1', 'https://remote.example/u/a') RETURNING id",
        community).get(0).getLong(0);
    var pool = hearth.hearth.database().pool();
    List<Future<?>> votes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      votes.add(pool.preparedQuery("INSERT INTO board_votes (idea_id, voter, value) VALUES ($1, $2, $3)")
          .execute(Tuple.of(idea, "https://remote.example/u/" + i, (short) (i % 4 == 0 ? -1 : 1))));
    }
    Future.join(votes).await();
    List<Future<?>> changes = new ArrayList<>();
    for (int i = 0; i < 60; i += 3) {
      changes.add(i % 2 == 0
          ? pool.preparedQuery("DELETE FROM board_votes WHERE idea_id = $1 AND voter = $2")
              .execute(Tuple.of(idea, "https://remote.example/u/" + i))
          : pool.preparedQuery("UPDATE board_votes SET value = -value WHERE idea_id = $1 AND voter = $2")
              .execute(Tuple.of(idea, "https://remote.example/u/" + i)));
    }
    Future.join(changes).await();
    int stored = hearth.sql("SELECT coalesce(sum(value), 0)::int FROM board_votes WHERE idea_id = $1", idea)
        .get(0).getInteger(0);
    int shown = hearth.sql("SELECT votes FROM board_ideas WHERE id = $1", idea).get(0).getInteger(0);
    assertEquals(stored, shown, "the idea shows the sum of the votes it has");
    assertEquals(expected(), shown, "every vote, change and withdrawal counts once");
  }
}
