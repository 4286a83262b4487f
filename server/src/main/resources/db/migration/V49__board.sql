-- The feedback board (issue 19): members' posts with the community's idea hashtag are ideas; members' likes of them
-- (Like, EmojiReact; Lemmy's Dislike counts against) are votes, one per member; staff set a status with a comment,
-- published by the community as a reply to the idea (board_replies: the reply Notes, served at their IRIs).
CREATE TABLE board_settings (
  community_id  bigint PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  hashtags      text[] NOT NULL
);

CREATE TABLE board_ideas (
  id            bigserial PRIMARY KEY,
  key           text NOT NULL UNIQUE,
  community_id  bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  post_id       bigint REFERENCES posts (id) ON DELETE CASCADE,
  object_id     text NOT NULL,
  author        text NOT NULL,
  excerpt       text NOT NULL DEFAULT '',
  status        text NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'under_review', 'planned', 'done', 'declined')),
  comment       text,
  votes         int NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (community_id, object_id)
);
CREATE INDEX board_by_votes ON board_ideas (community_id, votes DESC, id DESC);

CREATE TABLE board_votes (
  idea_id  bigint NOT NULL REFERENCES board_ideas (id) ON DELETE CASCADE,
  voter    text NOT NULL,
  value    smallint NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (idea_id, voter)
);

CREATE TABLE board_replies (
  iri         text PRIMARY KEY,
  idea_id     bigint NOT NULL REFERENCES board_ideas (id) ON DELETE CASCADE,
  json        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- The digest (issue 19): a community's setting, and one row per period published, claimed by its unique key before
-- the digest is written, so a period's digest goes out at most once on any number of nodes and across restarts
-- (period: the local date of a scheduled digest, or "manual:<instant>" for one published on demand).
CREATE TABLE digest_settings (
  community_id  bigint PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  enabled       boolean NOT NULL DEFAULT false,
  frequency     text NOT NULL DEFAULT 'daily' CHECK (frequency IN ('daily', 'weekly')),
  at_time       text NOT NULL DEFAULT '09:00',
  weekday       int NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
  timezone      text NOT NULL DEFAULT 'UTC',
  enabled_at    timestamptz
);

CREATE TABLE digests (
  community_id  bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  period        text NOT NULL,
  iri           text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, period)
);
