-- Issue 17 items 2 and 3: in a private community the community sends its own copy of an accepted member's post (a
-- Note by the Group, to its followers only). The copy as last sent (or its Tombstone) is kept with the post and served
-- at its IRI to members only.
ALTER TABLE posts ADD COLUMN copy jsonb;

-- A membership that ends (left, removed, banned, expired and purged) stops what still waits to go to that member's
-- server of what the community addressed to its members only (an activity whose `to` is its followers collection),
-- unless another accepted member of the community receives at the same inbox. Deliveries already in flight (leased)
-- finish. Written as a trigger so every path that ends a membership does it, in its own transaction.
CREATE FUNCTION members_private_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'accepted' AND OLD.delivery_inbox IS NOT NULL
      AND EXISTS (SELECT 1 FROM communities c WHERE c.id = OLD.community_id AND c.visibility = 'private')
      AND NOT EXISTS (SELECT 1 FROM members o WHERE o.community_id = OLD.community_id AND o.state = 'accepted'
        AND o.delivery_inbox = OLD.delivery_inbox AND o.actor_id <> OLD.actor_id) THEN
    UPDATE deliveries d SET state = 'failed', locked_until = NULL, finished_at = now(),
        last_error = 'no member of the private community receives here any more'
      FROM activities a
      WHERE d.activity_id = a.id AND a.community_id = OLD.community_id AND NOT a.public
        AND d.state = 'pending' AND (d.locked_until IS NULL OR d.locked_until < now())
        AND d.inbox = OLD.delivery_inbox AND jsonb_typeof(a.body->'to') = 'array'
        AND a.body->'to' ? ((a.body->>'actor') || '/followers');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER members_private_ended AFTER DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION members_private_ended();
CREATE TRIGGER members_private_left AFTER UPDATE OF state ON members
  FOR EACH ROW WHEN (OLD.state = 'accepted' AND NEW.state <> 'accepted') EXECUTE FUNCTION members_private_ended();
