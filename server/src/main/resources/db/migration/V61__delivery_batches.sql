-- Deliveries handed to a node already claimed when a post is re-shared (issue 13, item 3): one row per re-share
-- holds the (activity, inbox, host) of every delivery handed over, leased to the node that sends them, instead of
-- a deliveries row per inbox inserted and then deleted. The node deletes the batch once every delivery in it has
-- an outcome: a success leaves nothing behind, a failure gets a deliveries row of its own (retried or failed there,
-- as any other). A batch whose lease runs out (its node died or stalled) is turned into deliveries rows by any node,
-- so nothing acknowledged is lost; its deliveries that did go out are then sent again (at least once, as a
-- delivery row whose success was not yet recorded is).
-- No foreign keys: a batch lives seconds, and a check on the community's and activities' rows for every re-share is
-- what this table saves. A deleted community's batches are removed with its pending deliveries, and a batch whose
-- activities are gone turns into no rows.
CREATE TABLE delivery_batches (
  id           bigserial PRIMARY KEY,
  community_id bigint NOT NULL,
  activity_ids bigint[] NOT NULL,
  inboxes      text[] NOT NULL,
  hosts        text[] NOT NULL,
  locked_until timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_batches_lease ON delivery_batches (locked_until);
