-- Announcements that could not be sent wait in their row, as deliveries and the inbox do (issue 18): tries counts the
-- failures and retry_at is when the next one may be made (a minute, doubling to six hours). The due index carries
-- retry_at so the batch query filters waiting rows without reading them.
ALTER TABLE member_achievements ADD COLUMN tries int NOT NULL DEFAULT 0;
ALTER TABLE member_achievements ADD COLUMN retry_at timestamptz;
DROP INDEX member_achievements_due;
CREATE INDEX member_achievements_due ON member_achievements (earned_at, retry_at)
  WHERE announced_at IS NULL AND announce <> 'none';

-- The V50 trigger that fails a departed member's pending members-only deliveries looks them up by inbox.
CREATE INDEX deliveries_pending_inbox ON deliveries (inbox) WHERE state = 'pending';
