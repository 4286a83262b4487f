-- Web UI: staff sessions, login attempts (rate limits), community avatar and banner, and topic hashtags.

-- Server-side sessions of staff accounts. The cookie holds a random token; only its SHA-256 is stored, so a copy
-- of the database cannot be replayed as a login. A session also remembers the account's privileges and password
-- date at login: a demotion or a password change ends it.
CREATE TABLE web_sessions (
  token_hash          text PRIMARY KEY,
  account_id          bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token          text NOT NULL,
  privileges          text NOT NULL,
  password_changed_at timestamptz NOT NULL,
  client_address      text,
  user_agent          text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  last_seen_at        timestamptz NOT NULL DEFAULT now(),
  expires_at          timestamptz NOT NULL
);
CREATE INDEX web_sessions_by_account ON web_sessions (account_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

-- Failed logins and password changes per client address, for rate limits shared by every node.
CREATE TABLE login_attempts (
  id             bigserial PRIMARY KEY,
  client_address text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('login', 'password')),
  username       text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_by_address ON login_attempts (client_address, kind, at);

-- A community's avatar and banner, checked on upload (type by content, size limits).
CREATE TABLE community_media (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('avatar', 'banner')),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  bytes        bytea NOT NULL,
  digest       text NOT NULL,
  alt_text     text NOT NULL DEFAULT '',
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, kind)
);

-- Topic hashtags ("rubrics"): the community's own system of hashtags, in order, each with what it is for.
CREATE TABLE community_topics (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  position     int NOT NULL,
  tag          text NOT NULL,
  description  text NOT NULL DEFAULT '',
  PRIMARY KEY (community_id, position),
  UNIQUE (community_id, tag)
);
