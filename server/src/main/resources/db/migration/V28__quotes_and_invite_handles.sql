-- Quotes on the community's terms (FEP-044f, issue 14, item 7): who may quote what the community authors, and the
-- QuoteAuthorization stamps it granted (served at /c/{slug}/quote-authorizations/{id}; a revoked one is gone).
ALTER TABLE communities ADD COLUMN can_quote text NOT NULL DEFAULT 'everyone'
  CHECK (can_quote IN ('everyone', 'members', 'nobody'));
CREATE TABLE quote_authorizations (
  id                 uuid PRIMARY KEY,
  community_id       bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  requester          text NOT NULL,
  requester_inbox    text NOT NULL,
  requester_host     text NOT NULL,
  interacting_object text NOT NULL,
  interaction_target text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  revoked_at         timestamptz,
  UNIQUE (community_id, interacting_object, interaction_target)
);
CREATE INDEX quote_authorizations_live ON quote_authorizations (community_id) WHERE revoked_at IS NULL;

-- Join in one step with an invite (item 8): handles typed on the public invite and join pages are counted per client
-- address, as sign-in attempts are, so the form cannot be used to make Hearth look up handles without limit.
ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_kind_check;
ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_kind_check CHECK (kind IN ('login', 'password', 'handle'));
