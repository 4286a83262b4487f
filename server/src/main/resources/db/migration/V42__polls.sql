-- Polls (ActivityStreams Question, as Mastodon and FEP-9967 use it). A row is either a poll a community's staff wrote
-- here (key set: published by the community or a staff Person, votes counted here) or a remote poll a member posted
-- that a community re-shared (key NULL: its options and counts are what its author last sent).
CREATE TABLE polls (
  id               bigserial PRIMARY KEY,
  iri              text NOT NULL UNIQUE,
  key              text UNIQUE,
  community_id     bigint REFERENCES communities (id) ON DELETE CASCADE,
  -- local polls: NULL when the community speaks, else the staff member's username
  author_username  text,
  question         text NOT NULL,
  options          text[] NOT NULL,
  votes            int[] NOT NULL,
  multiple         boolean NOT NULL DEFAULT false,
  members_only     boolean NOT NULL DEFAULT false,
  voters           int NOT NULL DEFAULT 0,
  end_time         timestamptz,
  closed_at        timestamptz,
  post_id          bigint REFERENCES posts (id) ON DELETE SET NULL,
  -- a vote was counted since the last Update{Question} went out; sent_at: when the last one went out
  dirty            boolean NOT NULL DEFAULT false,
  sent_at          timestamptz,
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz,
  CHECK (cardinality(options) = cardinality(votes))
);
CREATE INDEX polls_by_community ON polls (community_id, id DESC) WHERE key IS NOT NULL;
CREATE INDEX polls_dirty ON polls (sent_at) WHERE dirty;
CREATE INDEX polls_to_close ON polls (end_time) WHERE key IS NOT NULL AND closed_at IS NULL;

-- Votes on local polls: one row per person, or per person and option in a several-choice poll (slot = the option;
-- 0 in a single-choice poll), so a repeated vote is not counted twice. inbox/host: where the voter gets the tallies.
CREATE TABLE poll_votes (
  poll_id      bigint NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  voter        text NOT NULL,
  slot         int NOT NULL,
  choice       int NOT NULL,
  activity_id  text,
  inbox        text,
  host         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (poll_id, voter, slot)
);
