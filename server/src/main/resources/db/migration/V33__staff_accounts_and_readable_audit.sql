-- Staff accounts an instance admin manages (issue 15): disabled accounts cannot sign in, a reset password must be
-- replaced at the next sign-in, and a deleted account's name stays taken (its Person IRI /u/{name} was public) and
-- readable in the audit log.
ALTER TABLE accounts
  ADD COLUMN disabled_at          timestamptz,
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

CREATE TABLE deleted_accounts (
  username     text PRIMARY KEY,
  display_name text NOT NULL DEFAULT '',
  deleted_at   timestamptz NOT NULL DEFAULT now()
);

-- Invitations to join the staff by a one-time link: only the SHA-256 of the link's token is kept.
CREATE TABLE staff_invitations (
  id             bigserial PRIMARY KEY,
  token_hash     text NOT NULL UNIQUE,
  username       text,
  instance_admin boolean NOT NULL DEFAULT false,
  roles          text NOT NULL DEFAULT '',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  used_by        text,
  revoked_at     timestamptz
);
CREATE INDEX staff_invitations_open ON staff_invitations (created_at DESC) WHERE used_at IS NULL AND revoked_at IS NULL;

-- The audit log keeps the slug of the community an entry is about, so a purged community's entries still name it.
ALTER TABLE audit_log ADD COLUMN community_slug text;
UPDATE audit_log a SET community_slug = c.slug FROM communities c WHERE c.id = a.community_id;
CREATE FUNCTION audit_log_community_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.community_id IS NOT NULL AND NEW.community_slug IS NULL THEN
    SELECT slug INTO NEW.community_slug FROM communities WHERE id = NEW.community_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_community_slug BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_community_slug();
CREATE INDEX audit_by_actor ON audit_log (actor, at DESC);
CREATE INDEX audit_by_target ON audit_log (target, at DESC);
