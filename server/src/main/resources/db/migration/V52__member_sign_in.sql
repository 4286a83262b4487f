-- Members sign in to a private community's pages (issue 17 item 5): a one-time code and link sent by direct message,
-- stored only as SHA-256 hashes, short-lived, single use, locked after too many wrong codes.
CREATE TABLE member_sign_in_codes (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  handle       text NOT NULL,
  actor_id     text NOT NULL,
  code_hash    text NOT NULL,
  link_hash    text NOT NULL UNIQUE,
  attempts     int NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_sign_in_codes_by_handle ON member_sign_in_codes (community_id, handle, created_at);
CREATE INDEX member_sign_in_codes_by_age ON member_sign_in_codes (created_at);

-- A member's reading session: the cookie's SHA-256, the community and the member; it counts only while the member
-- is an accepted, unexpired member who joined before the session began.
CREATE TABLE member_sessions (
  token_hash   text PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  csrf         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX member_sessions_by_member ON member_sessions (community_id, actor_id);
CREATE INDEX member_sessions_by_expiry ON member_sessions (expires_at);

-- Sign-in requests and wrong codes, per client address (IPv6 per /64) and per handle, for the rate limits.
CREATE TABLE member_sign_in_attempts (
  id             bigserial PRIMARY KEY,
  client_address text NOT NULL,
  handle         text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('request', 'code')),
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_sign_in_attempts_by_address ON member_sign_in_attempts (client_address, kind, at);
CREATE INDEX member_sign_in_attempts_by_handle ON member_sign_in_attempts (handle, kind, at);
