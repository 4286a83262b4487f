-- Active members over 7 days, kept once a day is over (issue 18, the dashboard's 50 ms): a past day's window never
-- changes (member_activity only gets rows for today), so its count is computed once, by the first view that needs
-- it, and read from here after that. Today's is counted live.
CREATE TABLE community_active_days (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  day          date NOT NULL,
  active_7d    bigint NOT NULL,
  PRIMARY KEY (community_id, day)
);
