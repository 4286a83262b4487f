-- Issue 17: private communities. A community's visibility says who may read what members share: anyone (public, as
-- before) or its members only (private). Staff-written posts may be for the members only.
ALTER TABLE communities ADD COLUMN visibility text NOT NULL DEFAULT 'public'
  CHECK (visibility IN ('public', 'private'));
ALTER TABLE authored_posts ADD COLUMN visibility text NOT NULL DEFAULT 'public'
  CHECK (visibility IN ('public', 'members'));
-- a published post for members only (its row among the community's posts): shown on no public page
ALTER TABLE posts ADD COLUMN members_only boolean NOT NULL DEFAULT false;
