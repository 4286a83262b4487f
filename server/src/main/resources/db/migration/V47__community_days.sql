-- Analytics for creators (issue 18): one row per community and UTC day, kept by row triggers in the transaction of
-- what it counts (never a scan of history per view):
--   joins, leaves    members accepted / members gone (left, expired, removed or banned: leaves counts them all)
--   removals         of the leaves, the members removed or banned by staff (member_events)
--   members          members at the end of the day: the day before's figure (or the count when the row is made)
--                    plus joins minus leaves
--   posts_*          posts reviewed that day: accepted at once, approved or overturned; held; refused or declined
-- The triggers that add to the day's row are deferred to commit (as the member count is, V16): a plain row trigger
-- would lock the day's row for the rest of each join's or review's transaction, so a burst would queue behind whole
-- transactions; now only the commits serialise.
-- member_activity keeps one row per member and day they posted, replied or liked: active members over 7 days are
-- counted from at most a week of it per day shown.
CREATE TABLE community_days (
  community_id   bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  day            date NOT NULL,
  joins          int NOT NULL DEFAULT 0,
  leaves         int NOT NULL DEFAULT 0,
  removals       int NOT NULL DEFAULT 0,
  members        bigint NOT NULL DEFAULT 0,
  posts_accepted int NOT NULL DEFAULT 0,
  posts_held     int NOT NULL DEFAULT 0,
  posts_refused  int NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, day)
);

CREATE TABLE member_activity (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  day          date NOT NULL,
  actor_id     text NOT NULL,
  PRIMARY KEY (community_id, day, actor_id)
);

-- The roster of sponsors: experienced members a newcomer can turn to.
CREATE TABLE sponsors (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);

CREATE FUNCTION analytics_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (now() AT TIME ZONE 'UTC')::date
$$;

-- Adds to today's row, making it from the last day's member figure (or the community's count) first.
CREATE FUNCTION analytics_add(c bigint, d_joins int, d_leaves int, d_removals int, d_accepted int, d_held int,
                              d_refused int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO community_days AS d (community_id, day, joins, leaves, removals, members, posts_accepted, posts_held,
                                   posts_refused)
  VALUES (c, analytics_today(), d_joins, d_leaves, d_removals,
          GREATEST(0, COALESCE((SELECT p.members FROM community_days p WHERE p.community_id = c
                                 AND p.day < analytics_today() ORDER BY p.day DESC LIMIT 1),
                               (SELECT member_count FROM communities WHERE id = c), 0) + d_joins - d_leaves),
          d_accepted, d_held, d_refused)
  ON CONFLICT (community_id, day) DO UPDATE SET
    joins = d.joins + d_joins, leaves = d.leaves + d_leaves, removals = d.removals + d_removals,
    members = GREATEST(0, d.members + d_joins - d_leaves), posts_accepted = d.posts_accepted + d_accepted,
    posts_held = d.posts_held + d_held, posts_refused = d.posts_refused + d_refused;
END $$;

CREATE FUNCTION analytics_members() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := TG_OP <> 'INSERT' AND OLD.state = 'accepted';
  now_in boolean := TG_OP <> 'DELETE' AND NEW.state = 'accepted';
BEGIN
  IF was AND NOT now_in THEN
    PERFORM analytics_add(OLD.community_id, 0, 1, 0, 0, 0, 0);
  ELSIF now_in AND NOT was THEN
    PERFORM analytics_add(NEW.community_id, 1, 0, 0, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER analytics_members AFTER INSERT OR UPDATE OF state OR DELETE ON members
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION analytics_members();

CREATE FUNCTION analytics_removals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_add(NEW.community_id, 0, 0, 1, 0, 0, 0);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER analytics_removals AFTER INSERT ON member_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.type IN ('banned', 'removed')) EXECUTE FUNCTION analytics_removals();

CREATE FUNCTION analytics_reviews() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s text := NEW.state;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state IS NOT DISTINCT FROM NEW.state THEN
    RETURN NULL;
  END IF;
  PERFORM analytics_add(NEW.community_id, 0, 0, 0,
    CASE WHEN s IN ('accepted', 'approved', 'overturned') THEN 1 ELSE 0 END,
    CASE WHEN s = 'held' THEN 1 ELSE 0 END,
    CASE WHEN s IN ('rejected', 'declined') THEN 1 ELSE 0 END);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER analytics_reviews AFTER INSERT OR UPDATE OF state ON moderation_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'post' AND NEW.state IN ('accepted', 'approved', 'overturned', 'held', 'rejected', 'declined'))
  EXECUTE FUNCTION analytics_reviews();

CREATE FUNCTION analytics_active(c bigint, who text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO member_activity (community_id, day, actor_id) VALUES (c, analytics_today(), who) ON CONFLICT DO NOTHING
$$;
CREATE FUNCTION analytics_active_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_active(NEW.community_id, NEW.author_id);
  RETURN NULL;
END $$;
CREATE FUNCTION analytics_active_like() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_active(NEW.community_id, NEW.actor_id);
  RETURN NULL;
END $$;
CREATE TRIGGER analytics_active_posts AFTER INSERT ON posts
  FOR EACH ROW EXECUTE FUNCTION analytics_active_post();
CREATE TRIGGER analytics_active_likes AFTER INSERT ON likes
  FOR EACH ROW EXECUTE FUNCTION analytics_active_like();
