-- The community's wiki (issue 19): pages written in Markdown by its staff, every save a revision. A page's IRI is
-- stable (/c/{slug}/wiki/pages/{id}: a move does not change it); its page URL is /c/{slug}/wiki/{name}. A moved page
-- leaves its old name in wiki_redirects.
CREATE TABLE wiki_pages (
  id            bigserial PRIMARY KEY,
  community_id  bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  name          text NOT NULL,
  -- a new revision sends Update{Article} to the members' servers
  announced     boolean NOT NULL DEFAULT false,
  revision      int NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (community_id, name)
);

CREATE TABLE wiki_revisions (
  page_id     bigint NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
  number      int NOT NULL,
  content     text NOT NULL,
  summary     text NOT NULL DEFAULT '',
  author      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (page_id, number)
);

CREATE TABLE wiki_redirects (
  community_id  bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  name          text NOT NULL,
  page_id       bigint NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
  PRIMARY KEY (community_id, name)
);
