-- The staff inbox: replies and mentions addressed to a staff Person (to, cc or a Mention tag names its IRI, or the
-- post answers one of its objects), their HTML sanitised once when stored. Nothing else a Person receives is kept.
-- At most 2,000 per account: the oldest are forgotten in the statement that stores a new one.
CREATE TABLE staff_mentions (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  object_id    text   NOT NULL,
  author_id    text   NOT NULL,
  in_reply_to  text,
  url          text,
  summary      text,
  content_html text   NOT NULL,
  direct       boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  received_at  timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz,
  read_at      timestamptz,
  UNIQUE (account_id, object_id)
);
CREATE INDEX staff_mentions_recent ON staff_mentions (account_id, id DESC);
CREATE INDEX staff_mentions_unread ON staff_mentions (account_id) WHERE read_at IS NULL;
CREATE INDEX staff_mentions_by_object ON staff_mentions (object_id);
