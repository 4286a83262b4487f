-- A community's life after creation (issue 14): archived (read-only: no new members or posts), deleted (a
-- tombstone that keeps the keys until its Delete{Group} deliveries have finished, then is purged), and when its
-- owner first chose the join and posting policies (the setup checklist).
ALTER TABLE communities
  ADD COLUMN archived_at        timestamptz,
  ADD COLUMN deleted_at         timestamptz,
  ADD COLUMN policies_chosen_at timestamptz;

-- A deleted community's name stays taken for good, and its IRI answers 410 Gone: other servers remember the Group
-- and its key, and a new community under the same name would be mistaken for it.
CREATE TABLE deleted_communities (
  slug       text PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

-- The audit log outlives the communities it mentions: purging a deleted community keeps its entries.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_community_id_fkey,
  ADD CONSTRAINT audit_log_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE SET NULL;
