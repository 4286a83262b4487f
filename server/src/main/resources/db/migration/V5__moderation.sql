-- Moderation: instance domain policies and bans, community filters, the moderation queue (every decision with its
-- reasons), report resolution, and the audit log.

CREATE TABLE domain_policies (
  domain         text PRIMARY KEY,
  policy         text NOT NULL CHECK (policy IN ('block', 'limit', 'allow')),
  reason         text,
  public_comment text,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instance_settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE instance_bans (
  actor_id   text PRIMARY KEY,
  reason     text,
  until      timestamptz,
  by_whom    text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Community filters: kind + JSON configuration + what to do on a match.
CREATE TABLE filters (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  kind         text NOT NULL,
  config       jsonb NOT NULL DEFAULT '{}',
  action       text NOT NULL CHECK (action IN ('hold', 'reject')),
  enabled      boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filters_by_community ON filters (community_id) WHERE enabled;

-- Every post, update, like or announce that reached a community's filter chain, with the decision and all reasons.
CREATE TABLE moderation_items (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  activity_id  text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('post', 'update', 'like')),
  object_id    text,
  author_id    text NOT NULL,
  activity     jsonb NOT NULL,
  object       jsonb,
  decision     text NOT NULL CHECK (decision IN ('accept', 'hold', 'reject')),
  reasons      jsonb NOT NULL DEFAULT '[]',
  facts        jsonb NOT NULL DEFAULT '{}',
  state        text NOT NULL CHECK (state IN ('accepted', 'held', 'rejected', 'approved', 'declined')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  decided_at   timestamptz,
  decided_by   text,
  UNIQUE (community_id, activity_id)
);
CREATE INDEX moderation_held ON moderation_items (community_id, id) WHERE state = 'held';
CREATE INDEX moderation_recent ON moderation_items (community_id, created_at);
CREATE INDEX moderation_by_author ON moderation_items (community_id, author_id, created_at);

ALTER TABLE reports
  ADD COLUMN source      text NOT NULL DEFAULT 'flag' CHECK (source IN ('flag', 'message')),
  ADD COLUMN resolution  text,
  ADD COLUMN resolved_by text,
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN forwarded   boolean NOT NULL DEFAULT false;
CREATE INDEX reports_open ON reports (community_id, id) WHERE state = 'open';

-- Who did what, when, why, under which rule: automatic decisions and every staff action.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  community_id bigint REFERENCES communities (id) ON DELETE CASCADE,
  actor        text NOT NULL,
  action       text NOT NULL,
  target       text,
  reason       text,
  rule         text,
  detail       jsonb,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_by_time ON audit_log (at DESC);
CREATE INDEX audit_by_community ON audit_log (community_id, at DESC);
