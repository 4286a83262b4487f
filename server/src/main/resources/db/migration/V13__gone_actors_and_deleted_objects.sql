-- Issue 12, items 2 and 3: a deleted actor stays deleted, and a Delete that arrives before its Create wins.

-- An actor is gone when it deleted itself (a verified Delete of the actor) or its document answered 410 Gone. A
-- gone actor's keys are dropped (remote_keys and the copy on this row), its row can no longer be refreshed, any
-- request signed by it is refused and it cannot join again. A suspended actor (its document says "suspended": true)
-- stays known but, like a gone one, receives nothing.
ALTER TABLE remote_actors
  ADD COLUMN gone_at     timestamptz,
  ADD COLUMN gone_reason text CHECK (gone_reason IN ('deleted', 'gone')),
  ADD COLUMN suspended   boolean NOT NULL DEFAULT false;

-- Deliveries queued later to the inbox of a gone or suspended actor are not stored (OutboxStore.enqueue).
CREATE INDEX remote_actors_stopped_inbox ON remote_actors (inbox) WHERE suspended OR gone_at IS NOT NULL;

-- Member rows carry whether deliveries to their actor have stopped, kept exact by triggers like delivery_inbox (V9),
-- so the fan-out still reads only the community's rows of members_delivery.
ALTER TABLE members ADD COLUMN delivery_stopped boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION members_delivery_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT COALESCE(a.shared_inbox, a.inbox), a.host, a.suspended OR a.gone_at IS NOT NULL
    INTO NEW.delivery_inbox, NEW.delivery_host, NEW.delivery_stopped
    FROM remote_actors a WHERE a.id = NEW.actor_id FOR SHARE;
  RETURN NEW;
END $$;

-- When an actor becomes gone or suspended: its member rows leave the fan-out, and its pending deliveries fail
-- (those to its own inbox, and those to its shared inbox when no other live actor we know uses that inbox). When it
-- is no longer suspended, its member rows return to the fan-out.
CREATE FUNCTION remote_actors_stopped() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stopped boolean := NEW.suspended OR NEW.gone_at IS NOT NULL;
BEGIN
  UPDATE members SET delivery_stopped = stopped WHERE actor_id = NEW.id AND delivery_stopped <> stopped;
  IF stopped THEN
    UPDATE deliveries SET state = 'failed', locked_until = NULL, finished_at = now(),
        last_error = CASE WHEN NEW.gone_at IS NOT NULL THEN 'the recipient is gone' ELSE 'the recipient is suspended' END
      WHERE state = 'pending' AND (locked_until IS NULL OR locked_until < now())
        AND (inbox = NEW.inbox OR (NEW.shared_inbox IS NOT NULL AND inbox = NEW.shared_inbox AND NOT EXISTS (
          SELECT 1 FROM remote_actors o WHERE o.shared_inbox = NEW.shared_inbox AND o.id <> NEW.id
            AND NOT o.suspended AND o.gone_at IS NULL)));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER remote_actors_stopped AFTER UPDATE OF suspended, gone_at ON remote_actors
  FOR EACH ROW WHEN ((OLD.suspended OR OLD.gone_at IS NOT NULL) IS DISTINCT FROM (NEW.suspended OR NEW.gone_at IS NOT NULL))
  EXECUTE FUNCTION remote_actors_stopped();

DROP INDEX members_delivery;
CREATE INDEX members_delivery ON members (community_id, delivery_inbox, delivery_host)
  WHERE state = 'accepted' AND NOT delivery_stopped;

-- Objects deleted by their author before Hearth saw them (or after): a Create of one of them that arrives later is
-- not re-shared. Bounded: at most 10,000 per origin (the oldest go first), and purged after 30 days by the
-- maintenance pass.
CREATE TABLE deleted_objects (
  object_id  text PRIMARY KEY,
  origin     text NOT NULL,
  actor_id   text NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deleted_objects_by_origin ON deleted_objects (origin, deleted_at);
CREATE INDEX deleted_objects_by_age ON deleted_objects (deleted_at);
