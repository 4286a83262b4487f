-- The community page and the moderators collection read the moderators of one community on every view.
CREATE INDEX members_moderators ON members (community_id) WHERE role = 'moderator' AND state = 'accepted';
