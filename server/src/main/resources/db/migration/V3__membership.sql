-- Membership: join and posting policies, onboarding, roles, staff accounts, bans, invites, expiring memberships.

ALTER TABLE communities
  ADD COLUMN join_policy      text NOT NULL DEFAULT 'open'
    CHECK (join_policy IN ('open', 'approval', 'invite', 'closed')),
  ADD COLUMN posting_policy   text NOT NULL DEFAULT 'members'
    CHECK (posting_policy IN ('members', 'anyone', 'moderators')),
  ADD COLUMN members_may_reply boolean NOT NULL DEFAULT true,
  ADD COLUMN join_question    text,
  ADD COLUMN welcome_markdown text NOT NULL DEFAULT '',
  ADD COLUMN newcomer_days    int NOT NULL DEFAULT 7 CHECK (newcomer_days BETWEEN 0 AND 365),
  ADD COLUMN reminder_days    int NOT NULL DEFAULT 7 CHECK (reminder_days BETWEEN 0 AND 90),
  ADD COLUMN webhook_secret   text;

-- The community's rules, in order, each with its consequence.
CREATE TABLE rules (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  position     int NOT NULL,
  text         text NOT NULL,
  consequence  text NOT NULL DEFAULT '',
  PRIMARY KEY (community_id, position)
);

ALTER TABLE members DROP CONSTRAINT members_state_check;
ALTER TABLE members
  ADD CONSTRAINT members_state_check CHECK (state IN ('pending', 'accepted')),
  ADD COLUMN role        text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'moderator')),
  ADD COLUMN answer      text,
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN expires_at  timestamptz,
  ADD COLUMN reminded_at timestamptz;
UPDATE members SET accepted_at = joined_at WHERE state = 'accepted';
CREATE INDEX members_expiring ON members (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX members_by_actor ON members (actor_id);

-- What happened to a membership, for moderators and for migrations.
CREATE TABLE member_events (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  type         text NOT NULL,
  detail       text,
  by_whom      text,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_events_by_member ON member_events (community_id, actor_id, at);

CREATE TABLE bans (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  reason       text,
  until        timestamptz,
  by_whom      text,
  block_iri    text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);

CREATE TABLE invites (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  code         text NOT NULL UNIQUE,
  max_uses     int CHECK (max_uses IS NULL OR max_uses > 0),
  uses         int NOT NULL DEFAULT 0,
  expires_at   timestamptz,
  grant_days   int CHECK (grant_days IS NULL OR grant_days > 0),
  note         text,
  revoked      boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Accounts allowed in before they follow: a pre-approved handle, or someone who redeemed an invite.
CREATE TABLE preapproved (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  actor_id     text NOT NULL,
  invite_id    bigint REFERENCES invites (id) ON DELETE SET NULL,
  grant_until  timestamptz,
  expires_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, actor_id)
);

-- Direct messages the community sent (join question, welcome, reminders, notices).
CREATE TABLE local_notes (
  id           uuid PRIMARY KEY,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  iri          text NOT NULL UNIQUE,
  kind         text NOT NULL,
  recipient    text NOT NULL,
  body         jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_notes_by_recipient ON local_notes (community_id, recipient, kind);

-- Staff: local accounts that run communities (Argon2id password hashes), and their role per community.
CREATE TABLE accounts (
  id                  bigserial PRIMARY KEY,
  username            text NOT NULL UNIQUE,
  password_hash       text NOT NULL,
  instance_admin      boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_roles (
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('owner', 'moderator')),
  PRIMARY KEY (account_id, community_id)
);

-- Payment webhook deliveries already applied (idempotency).
CREATE TABLE webhook_deliveries (
  community_id bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  delivery_id  text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, delivery_id)
);
