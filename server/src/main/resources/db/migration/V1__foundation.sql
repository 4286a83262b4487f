-- Hearth foundation schema: local actors and their keys, remote actors, members, the durable inbox,
-- re-shared posts, outbound activities and the delivery queue.

CREATE TABLE instance_actor (
  id              smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  private_key_pem text NOT NULL,
  public_key_pem  text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE communities (
  id              bigserial PRIMARY KEY,
  slug            text NOT NULL UNIQUE,
  name            text NOT NULL,
  summary         text NOT NULL DEFAULT '',
  private_key_pem text NOT NULL,
  public_key_pem  text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Cache of remote actor documents (and their keys), refreshed on demand.
CREATE TABLE remote_actors (
  id                 text PRIMARY KEY,
  type               text NOT NULL,
  host               text NOT NULL,
  preferred_username text,
  name               text,
  inbox              text NOT NULL,
  shared_inbox       text,
  key_id             text,
  public_key_pem     text,
  document           jsonb NOT NULL,
  fetched_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remote_actors_key_id ON remote_actors (key_id);

CREATE TABLE members (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text   NOT NULL REFERENCES remote_actors (id),
  follow_id    text   NOT NULL,
  state        text   NOT NULL DEFAULT 'accepted' CHECK (state IN ('accepted')),
  joined_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);
CREATE INDEX members_by_join ON members (community_id, joined_at, actor_id);

-- Every verified incoming activity, stored before the 202 answer; effects run from here.
CREATE TABLE inbox (
  id              bigserial PRIMARY KEY,
  activity_id     text NOT NULL UNIQUE,
  type            text NOT NULL,
  actor_id        text NOT NULL,
  recipient       text,
  body            jsonb NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  attempts        int  NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  processed_at    timestamptz,
  error           text
);
CREATE INDEX inbox_due ON inbox (next_attempt_at) WHERE state = 'pending';

-- Posts a community has accepted and re-shared.
CREATE TABLE posts (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  object_id    text NOT NULL,
  author_id    text NOT NULL,
  type         text NOT NULL,
  content      text,
  object       jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (community_id, object_id)
);

-- Activities we author. Public ones are listed in the outbox and can be dereferenced.
CREATE TABLE activities (
  id           bigserial PRIMARY KEY,
  iri          text NOT NULL UNIQUE,
  community_id bigint REFERENCES communities (id) ON DELETE CASCADE,
  type         text NOT NULL,
  object_id    text,
  body         jsonb NOT NULL,
  public       boolean NOT NULL DEFAULT false,
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_outbox ON activities (community_id, id DESC) WHERE public;

-- The delivery queue: one row per (activity, inbox), claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE deliveries (
  id              bigserial PRIMARY KEY,
  activity_id     bigint NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  inbox           text NOT NULL,
  host            text NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        int  NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  last_status     int,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  UNIQUE (activity_id, inbox)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'pending';
