-- The inbox keeps an activity's body as the text received. Hearth parses and checks it before the insert and parses
-- it again when processing, and nothing queries it as jsonb, so converting it to jsonb on every insert (the hot path
-- of inbound traffic) was work for nothing; the processor now also reads exactly the bytes that were verified.
--
-- Done without rewriting the table (ALTER COLUMN ... TYPE would lock the inbox for as long as rewriting two weeks of
-- processed rows takes): the jsonb column is replaced by a new text column, filled for the rows still to be
-- processed (through the index of pending rows). Processed rows get an empty body: nothing reads it again (they are
-- kept only so that a redelivery is recognised by its activity id, until Maintenance deletes them). Nodes of the
-- previous version keep working against the new column (PostgreSQL casts their jsonb to text on insert).
ALTER TABLE inbox RENAME COLUMN body TO body_jsonb;
ALTER TABLE inbox ADD COLUMN body text NOT NULL DEFAULT '';
UPDATE inbox SET body = body_jsonb::text WHERE state = 'pending';
ALTER TABLE inbox ALTER COLUMN body DROP DEFAULT;
ALTER TABLE inbox DROP COLUMN body_jsonb;
