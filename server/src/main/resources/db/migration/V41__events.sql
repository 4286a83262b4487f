-- Events the community's staff publish (issue 16): the Event, who comes, and the reminders before it starts.
CREATE TABLE events (
  id              bigserial PRIMARY KEY,
  key             text NOT NULL UNIQUE,
  community_id    bigint NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  iri             text NOT NULL UNIQUE,
  name            text NOT NULL,
  markdown        text NOT NULL,
  content_html    text NOT NULL,
  language        text,
  start_time      timestamptz NOT NULL,
  end_time        timestamptz NOT NULL,
  timezone        text NOT NULL,
  place_name      text,
  place_address   text,
  online_url      text,
  capacity        integer CHECK (capacity IS NULL OR capacity > 0),
  join_mode       text NOT NULL CHECK (join_mode IN ('free', 'members', 'approval')),
  status          text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  reminder_hours  integer[] NOT NULL DEFAULT '{24,1}',
  author_username text,
  post_id         bigint REFERENCES posts (id) ON DELETE SET NULL,
  created_by      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz
);
CREATE INDEX events_by_start ON events (community_id, start_time);

-- Who comes: 'going' (accepted) or 'pending' (an approval event's Join waiting for staff). via: join or reply.
CREATE TABLE event_attendees (
  event_id   bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  actor_id   text NOT NULL,
  state      text NOT NULL CHECK (state IN ('going', 'pending')),
  request_id text,
  via        text NOT NULL DEFAULT 'join',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, actor_id)
);

-- One row per reminder to send: claimed under a token and a lease, marked sent in the transaction that queues the
-- messages, so a reminder goes out once whatever the number of nodes.
CREATE TABLE event_reminders (
  event_id      bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  due_at        timestamptz NOT NULL,
  sent_at       timestamptz,
  claim         uuid,
  claimed_until timestamptz,
  PRIMARY KEY (event_id, due_at)
);
CREATE INDEX event_reminders_due ON event_reminders (due_at) WHERE sent_at IS NULL;

-- The calendar reads every Event the community has among its posts (its own and re-shared ones).
CREATE INDEX posts_events ON posts (community_id) WHERE type = 'Event';

-- A remote Event's time as sent (ISO 8601 with an offset or Z), or null when it is missing or not a time: the
-- calendar reads Events re-shared from other servers, whose JSON is theirs.
CREATE FUNCTION hearth_event_time(t text) RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF t IS NULL OR t !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$' THEN
    RETURN NULL;
  END IF;
  RETURN t::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
