-- The community's own posts and its staff's: written in Hearth (web UI or admin API), published as the community
-- (the Group authors a Note) or as a staff member (their Person authors it; the community re-shares it).
-- A published post is also a row of `posts` (post_id), so pages, feeds, tags and pins read it like any other;
-- this table keeps what only its authors need: the Markdown source, the voice, the schedule, the rendering.
CREATE TABLE authored_posts (
  id               bigserial PRIMARY KEY,
  key              text NOT NULL UNIQUE,
  community_id     bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  -- NULL: the community speaks; else the staff member's username (their Person is {base}/u/{username})
  author_username  text,
  iri              text NOT NULL UNIQUE,
  markdown         text NOT NULL,
  summary          text,
  language         text,
  -- the rendering made when written: sanitised HTML, hashtags and resolved mentions (JSON arrays)
  content_html     text NOT NULL,
  hashtags         jsonb NOT NULL DEFAULT '[]',
  mentions         jsonb NOT NULL DEFAULT '[]',
  pin              boolean NOT NULL DEFAULT false,
  state            text NOT NULL CHECK (state IN ('scheduled', 'publishing', 'published', 'failed', 'deleted')),
  publish_at       timestamptz,
  -- a claim of a due post by one node: it publishes only while it holds this token (see PgAuthoredPostStore)
  claim_token      uuid,
  claimed_until    timestamptz,
  attempts         int NOT NULL DEFAULT 0,
  last_error       text,
  post_id          bigint REFERENCES posts (id) ON DELETE SET NULL,
  schedule_id      bigint,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  published_at     timestamptz,
  updated_at       timestamptz,
  deleted_at       timestamptz
);
CREATE INDEX authored_posts_by_community ON authored_posts (community_id, id DESC);
CREATE INDEX authored_posts_due ON authored_posts (publish_at) WHERE state IN ('scheduled', 'publishing');

-- Images of authored posts: re-encoded when uploaded (no metadata survives), served from our origin. An image is
-- uploaded before its post exists (the composer keeps it while the form is corrected), then attached.
CREATE TABLE authored_media (
  key          text PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  post_id      bigint REFERENCES authored_posts (id) ON DELETE CASCADE,
  position     int NOT NULL DEFAULT 0,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  bytes        bytea NOT NULL,
  width        int NOT NULL,
  height       int NOT NULL,
  alt_text     text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX authored_media_by_post ON authored_media (post_id, position);
CREATE INDEX authored_media_unattached ON authored_media (created_at) WHERE post_id IS NULL;
