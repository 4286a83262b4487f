-- Federation: per-host state, FEP-1b12 bookkeeping, pins, likes, reports, community settings.

-- What we know of each remote host: its software (group-aware servers get wrapped Announces), the signature
-- scheme it accepts, and whether deliveries to it keep failing.
CREATE TABLE hosts (
  host               text PRIMARY KEY,
  software           text,
  group_aware        boolean NOT NULL DEFAULT false,
  nodeinfo_at        timestamptz,
  signature_scheme   text,
  failing_since      timestamptz,
  last_success_at    timestamptz,
  unavailable        boolean NOT NULL DEFAULT false,
  next_probe_at      timestamptz
);

ALTER TABLE communities
  ADD COLUMN announce_likes boolean NOT NULL DEFAULT true,
  ADD COLUMN hide_followers boolean NOT NULL DEFAULT false,
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN ed25519_private text,
  ADD COLUMN ed25519_public  text;

ALTER TABLE instance_actor
  ADD COLUMN ed25519_private text,
  ADD COLUMN ed25519_public  text;

-- Activities listed in the outbox (the plain Announces); other public activities are only dereferenceable.
ALTER TABLE activities ADD COLUMN in_outbox boolean NOT NULL DEFAULT false;
UPDATE activities SET in_outbox = public;
DROP INDEX activities_outbox;
CREATE INDEX activities_outbox ON activities (community_id, id DESC) WHERE in_outbox;
CREATE INDEX activities_object ON activities (community_id, type, object_id);

-- A re-shared post keeps its Announce ids (for Undo), and becomes a tombstone when deleted.
ALTER TABLE posts
  ADD COLUMN announce_iri text,
  ADD COLUMN in_reply_to  text,
  ADD COLUMN updated_at   timestamptz,
  ADD COLUMN deleted_at   timestamptz;
CREATE INDEX posts_by_object ON posts (object_id);
CREATE INDEX posts_by_author ON posts (author_id);

-- Likes of re-shared posts, so an Undo{Like} can be matched and announced.
CREATE TABLE likes (
  like_id      text PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  object_id    text NOT NULL,
  actor_id     text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX likes_by_object ON likes (community_id, object_id);

-- Pinned posts (the featured collection), at most five per community, in order.
CREATE TABLE featured (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  object_id    text NOT NULL,
  position     int  NOT NULL,
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, object_id)
);

-- Reports received as Flag activities. The moderation queue builds on this.
CREATE TABLE reports (
  id            bigserial PRIMARY KEY,
  flag_id       text NOT NULL UNIQUE,
  community_id  bigint REFERENCES communities (id) ON DELETE CASCADE,
  reporter_id   text NOT NULL,
  accounts      text[] NOT NULL DEFAULT '{}',
  objects       text[] NOT NULL DEFAULT '{}',
  comment       text,
  state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'dismissed')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX inbox_done_age ON inbox (received_at) WHERE state <> 'pending';
