-- Staff accounts are ActivityPub Persons at /u/{username}: a profile, key pairs (made on first use, off the event
-- loop, by whichever node needs them first), an avatar, followers, and activities they author.
ALTER TABLE accounts
  ADD COLUMN display_name       text NOT NULL DEFAULT '',
  ADD COLUMN bio                text NOT NULL DEFAULT '',
  ADD COLUMN bio_html           text NOT NULL DEFAULT '',
  ADD COLUMN profile_updated_at timestamptz,
  ADD COLUMN public_key         text,
  ADD COLUMN private_key        text,
  ADD COLUMN ed25519_public     text,
  ADD COLUMN ed25519_private    text;

-- A staff account's avatar, checked by its bytes like a community's.
CREATE TABLE account_avatars (
  account_id   bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  content_type text NOT NULL,
  bytes        bytea NOT NULL,
  digest       text NOT NULL,
  alt_text     text NOT NULL DEFAULT '',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Remote accounts that follow a staff Person (accepted at once).
CREATE TABLE person_followers (
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  actor_id    text   NOT NULL REFERENCES remote_actors (id),
  follow_id   text   NOT NULL,
  followed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, actor_id)
);
CREATE INDEX person_followers_by_actor ON person_followers (actor_id);

-- An activity a staff Person authored: signed with that account's key when delivered.
ALTER TABLE activities ADD COLUMN account_id bigint REFERENCES accounts (id) ON DELETE CASCADE;
CREATE INDEX activities_person_outbox ON activities (account_id, id DESC) WHERE account_id IS NOT NULL AND in_outbox;
CREATE INDEX activities_person_objects ON activities (object_id) WHERE account_id IS NOT NULL;

-- A name is a community's or a staff account's, never both: WebFinger acct:name@host must name one actor. Checked
-- here for accounts (the account code checks first, with a clear message); a race ends as a unique violation.
CREATE FUNCTION accounts_name_not_a_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM communities WHERE slug = NEW.username) THEN
    RAISE EXCEPTION 'the name % is a community''s', NEW.username USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER accounts_name_not_a_community BEFORE INSERT OR UPDATE OF username ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_name_not_a_community();
