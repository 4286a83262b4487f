-- A report by direct message names a post by the address its reader copied: our page, its id, or the original's
-- url (object->>'url'). The url is looked up per community through its hash (a btree entry has a size limit, a url
-- has none).
CREATE INDEX posts_by_url ON posts (community_id, md5(object->>'url'));
