-- Private addressees (bto, bcc) are never kept: the inbox removes them on receipt, and hearth_strip_private removes
-- them from every JSON value stored before that (the activities we serve and send, the posts we re-shared, the
-- moderation queue, the inbox rows still to be processed). OutboxStore also applies it to an activity body that
-- still names them when it is inserted, so nothing that reaches the activities table can carry them.
CREATE FUNCTION hearth_strip_private(doc jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  out jsonb;
  k text;
  v jsonb;
BEGIN
  IF jsonb_typeof(doc) = 'object' THEN
    out := '{}'::jsonb;
    FOR k, v IN SELECT key, value FROM jsonb_each(doc) LOOP
      IF k NOT IN ('bto', 'bcc', 'as:bto', 'as:bcc', 'https://www.w3.org/ns/activitystreams#bto',
                   'https://www.w3.org/ns/activitystreams#bcc') THEN
        out := out || jsonb_build_object(k, hearth_strip_private(v));
      END IF;
    END LOOP;
    RETURN out;
  ELSIF jsonb_typeof(doc) = 'array' THEN
    SELECT COALESCE(jsonb_agg(hearth_strip_private(e) ORDER BY i), '[]'::jsonb) INTO out
      FROM jsonb_array_elements(doc) WITH ORDINALITY AS a(e, i);
    RETURN out;
  END IF;
  RETURN doc;
END
$$;

-- The same for JSON kept as text (the inbox); text that is not valid jsonb is left as it is.
CREATE FUNCTION hearth_strip_private_text(doc text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN hearth_strip_private(doc::jsonb)::text;
EXCEPTION WHEN others THEN
  RETURN doc;
END
$$;

UPDATE activities SET body = hearth_strip_private(body)
  WHERE body::text LIKE '%"bto"%' OR body::text LIKE '%"bcc"%' OR body::text LIKE '%#bto"%'
     OR body::text LIKE '%#bcc"%' OR body::text LIKE '%"as:b%';
UPDATE posts SET object = hearth_strip_private(object)
  WHERE object::text LIKE '%"bto"%' OR object::text LIKE '%"bcc"%' OR object::text LIKE '%#bto"%'
     OR object::text LIKE '%#bcc"%' OR object::text LIKE '%"as:b%';
UPDATE moderation_items SET activity = hearth_strip_private(activity), object = hearth_strip_private(object)
  WHERE activity::text LIKE '%"b%' OR object::text LIKE '%"b%' OR activity::text LIKE '%#b%'
     OR object::text LIKE '%#b%' OR activity::text LIKE '%"as:b%' OR object::text LIKE '%"as:b%';
UPDATE inbox SET body = hearth_strip_private_text(body)
  WHERE state = 'pending' AND (body LIKE '%"bto"%' OR body LIKE '%"bcc"%' OR body LIKE '%#bto"%'
     OR body LIKE '%#bcc"%' OR body LIKE '%"as:b%');
