-- The delivery claim reads due rows in (next_attempt_at, id) order and stops after a few hundred, instead of
-- ranking the whole queue. Claimed rows move their next_attempt_at to the end of their lease and rows of
-- unavailable hosts to the host's next probe, so the front of this index holds what can be sent now.
CREATE INDEX deliveries_due_order ON deliveries (next_attempt_at, id) WHERE state = 'pending';
DROP INDEX deliveries_due;
