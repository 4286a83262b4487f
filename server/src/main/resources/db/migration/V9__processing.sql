-- Processing: a re-share reads only its own community's delivery inboxes, and the inbox claim keeps each actor's
-- activities in arrival order across nodes.

-- Where deliveries to a member go (its shared inbox, else its own inbox, and its host), kept on the member row, so
-- that a re-share reads the community's accepted members from one index (members_delivery) and never the whole
-- remote_actors cache. Triggers keep the copy exact: it is taken from remote_actors whenever a member row is
-- written for an actor, and rewritten on every member row of an actor whose inbox, shared inbox or host changes.
ALTER TABLE members
  ADD COLUMN delivery_inbox text,
  ADD COLUMN delivery_host  text;

CREATE FUNCTION members_delivery_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- FOR SHARE waits for a concurrent change of the actor to commit and then reads it; a change that starts
  -- later waits for this transaction, and its trigger then sees this member row.
  SELECT COALESCE(a.shared_inbox, a.inbox), a.host INTO NEW.delivery_inbox, NEW.delivery_host
    FROM remote_actors a WHERE a.id = NEW.actor_id FOR SHARE;
  RETURN NEW;
END $$;

CREATE TRIGGER members_delivery_target BEFORE INSERT OR UPDATE OF actor_id ON members
  FOR EACH ROW EXECUTE FUNCTION members_delivery_target();

CREATE FUNCTION remote_actors_delivery_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members SET delivery_inbox = COALESCE(NEW.shared_inbox, NEW.inbox), delivery_host = NEW.host
    WHERE actor_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER remote_actors_delivery_target AFTER UPDATE OF inbox, shared_inbox, host ON remote_actors
  FOR EACH ROW WHEN (OLD.inbox IS DISTINCT FROM NEW.inbox OR OLD.shared_inbox IS DISTINCT FROM NEW.shared_inbox
                     OR OLD.host IS DISTINCT FROM NEW.host)
  EXECUTE FUNCTION remote_actors_delivery_target();

UPDATE members m SET delivery_inbox = COALESCE(a.shared_inbox, a.inbox), delivery_host = a.host
  FROM remote_actors a WHERE a.id = m.actor_id;
ALTER TABLE members
  ALTER COLUMN delivery_inbox SET NOT NULL,
  ALTER COLUMN delivery_host SET NOT NULL;

CREATE INDEX members_delivery ON members (community_id, delivery_inbox, delivery_host) WHERE state = 'accepted';

-- The claim takes pending rows in arrival order: an index of the pending rows alone, so that it never walks past the
-- processed rows kept for two weeks (the primary key scan it replaces read all of them on every claim).
DROP INDEX inbox_due;
CREATE INDEX inbox_pending ON inbox (id) WHERE state = 'pending';

-- The claim skips an activity while an earlier one of the same actor is due but not claimed with it (another node
-- is processing it): this index finds an actor's earlier pending rows.
CREATE INDEX inbox_pending_by_actor ON inbox (actor_id, id) WHERE state = 'pending';
