-- Every key a remote actor publishes (its RSA publicKey and FEP-521a Multikeys in assertionMethod), and which
-- signature scheme each stored inbox activity arrived with.
CREATE TABLE remote_keys (
  key_id     text PRIMARY KEY,
  owner_id   text NOT NULL REFERENCES remote_actors (id) ON DELETE CASCADE,
  pem        text NOT NULL,
  fetched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remote_keys_by_owner ON remote_keys (owner_id);
INSERT INTO remote_keys (key_id, owner_id, pem, fetched_at)
  SELECT key_id, id, public_key_pem, fetched_at FROM remote_actors WHERE key_id IS NOT NULL AND public_key_pem IS NOT NULL;

ALTER TABLE inbox ADD COLUMN signature_scheme text;
