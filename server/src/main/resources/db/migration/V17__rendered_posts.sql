-- A post's HTML as pages show it, made once when the post is stored or edited (db.PostRendering), never per view:
-- content_html is the sanitised content (the post's own page), preview_html the start of it that lists and the feed
-- show (NULL when that is the whole post), excerpt the first 500 characters of its text (titles, link previews, the
-- pin picker), summary_text the content warning as text. rendered is the version of the renderer that made them
-- (core.text.Html.VERSION); 0 for posts stored before, which are rendered (off the event loop) when first read.
ALTER TABLE posts
  ADD COLUMN content_html text,
  ADD COLUMN preview_html text,
  ADD COLUMN excerpt      text,
  ADD COLUMN summary_text text,
  ADD COLUMN rendered     smallint NOT NULL DEFAULT 0;
