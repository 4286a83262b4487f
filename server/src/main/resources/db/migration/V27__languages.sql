-- The community speaks the member's language (issue 14, item 6).
-- A community's default language: its direct messages go out in it when a member's own language is unknown or has
-- no message bundle. A primary language subtag (ISO 639), as the bundles are named (i18n/community_<lang>).
ALTER TABLE communities ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}$');
-- The language a remote account last wrote in (the contentMap or language of a post or direct message it sent).
ALTER TABLE remote_actors ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}$');
