-- Sponsors for newcomers (issue 18, item 5): a sponsor on the roster may be away (never offered then); pairing can
-- be turned off per community (on unless a row says otherwise); each admitted newcomer's pair, with the numbered
-- list they were offered (a reply "2" chooses offered[2]) and when their first accepted post was flagged to the
-- sponsor (once).
ALTER TABLE sponsors ADD COLUMN away boolean NOT NULL DEFAULT false;

CREATE TABLE sponsor_settings (
  community_id bigint PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  pairing      boolean NOT NULL DEFAULT true
);

CREATE TABLE sponsor_pairs (
  community_id  bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  newcomer_id   text NOT NULL,
  sponsor_id    text NOT NULL,
  offered       text[] NOT NULL,
  paired_at     timestamptz NOT NULL DEFAULT now(),
  first_post_at timestamptz,
  PRIMARY KEY (community_id, newcomer_id)
);
CREATE INDEX sponsor_pairs_by_sponsor ON sponsor_pairs (community_id, sponsor_id);
