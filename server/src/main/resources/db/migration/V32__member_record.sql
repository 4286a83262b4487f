-- What staff know about one member of a community (issue 15): private moderator notes, and the warnings sent.
-- Neither is ever federated or shown outside the staff pages; both follow the account when it moves (PgMemberStore.move).

-- Moderator notes: what staff keep about a member, in their own words (bounded), with who wrote them and when.
CREATE TABLE moderator_notes (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  author       text NOT NULL,
  body         text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderator_notes_member ON moderator_notes (community_id, actor_id, id DESC);

-- Warnings: the rule quoted (its number and text as they were when warned), the moderator's note, the direct message
-- that carried it and, for Lemmy 1.0 servers, the Warn activity sent as well.
CREATE TABLE member_warnings (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  rule_number  int NOT NULL,
  rule_text    text NOT NULL,
  note         text CHECK (note IS NULL OR char_length(note) <= 1000),
  by_whom      text NOT NULL,
  message_iri  text NOT NULL,
  warn_iri     text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_warnings_member ON member_warnings (community_id, actor_id, id DESC);

-- One member's posts in a community, newest first (the member page, "ban and remove their posts of the last N days").
CREATE INDEX posts_by_community_author ON posts (community_id, author_id, created_at DESC);
