-- Recurring rubric posts: a rule (an RRULE subset) in the community's time zone; each occurrence becomes an authored
-- post, published by whichever node claims it first (a conditional UPDATE of next_at, so exactly once).
CREATE TABLE post_schedules (
  id               bigserial PRIMARY KEY,
  key              text NOT NULL UNIQUE,
  community_id     bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  author_username  text,
  markdown         text NOT NULL,
  summary          text,
  language         text,
  content_html     text NOT NULL,
  hashtags         jsonb NOT NULL DEFAULT '[]',
  mentions         jsonb NOT NULL DEFAULT '[]',
  rrule            text NOT NULL,
  timezone         text NOT NULL,
  paused           boolean NOT NULL DEFAULT false,
  next_at          timestamptz,
  last_at          timestamptz,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX post_schedules_by_community ON post_schedules (community_id, id);
CREATE INDEX post_schedules_due ON post_schedules (next_at) WHERE NOT paused AND next_at IS NOT NULL;

ALTER TABLE authored_posts ADD CONSTRAINT authored_posts_schedule
  FOREIGN KEY (schedule_id) REFERENCES post_schedules (id) ON DELETE SET NULL;
-- one post per occurrence of a schedule, whatever races
CREATE UNIQUE INDEX authored_posts_occurrence ON authored_posts (schedule_id, publish_at) WHERE schedule_id IS NOT NULL;
