-- Federation health (issue 15): what the instance admin's page at /staff/admin/federation reads.

-- Activities an inbox refused, counted per sending host (the activity's actor's host, else the signature's keyId
-- host, else 'unknown'), reason code and day. Counted in memory and written every few seconds as one upsert
-- (apub.InboxRefusals); rows older than 30 days are deleted as they are written.
CREATE TABLE inbox_refusals (
  host    text   NOT NULL,
  reason  text   NOT NULL,
  day     date   NOT NULL,
  count   bigint NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (host, day, reason)
);
CREATE INDEX inbox_refusals_by_day ON inbox_refusals (day);

-- What NodeInfo says of the host's software version; the temporary delivery failures since its last success and
-- when the last one was (HostStore.failure already writes the row on every failure).
ALTER TABLE hosts
  ADD COLUMN software_version text,
  ADD COLUMN failures         int NOT NULL DEFAULT 0,
  ADD COLUMN last_failure_at  timestamptz;
