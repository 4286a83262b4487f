-- Control before content: the inbox has two lanes, claimed by two workers, so joins, leaves, deletions, blocks,
-- moves, reports and follow answers never wait behind a backlog of posts, likes and announces.
-- 0 = control (Follow, Undo, Delete, Block, Move, Flag, Accept, Reject), 1 = content (everything else).
-- Adding a column with a constant default does not rewrite the table; only pending rows are classified.
ALTER TABLE inbox ADD COLUMN lane smallint NOT NULL DEFAULT 1;
UPDATE inbox SET lane = 0
  WHERE state = 'pending' AND type IN ('Follow', 'Undo', 'Delete', 'Block', 'Move', 'Flag', 'Accept', 'Reject');
CREATE INDEX inbox_pending_lane ON inbox (lane, id) WHERE state = 'pending';
