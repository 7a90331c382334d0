-- Split (tomtedeling) and merge of plots, and hard deletes of enquiries (retention, erasure requests), are recorded in
-- the change history with their own actions. A split or merge involves several plots: each entry names the others in
-- related_ids, and note says in words what happened (never personal data: erased enquiries are recorded by id only).
--
-- The action check is rebuilt from the values it already allows plus the new ones, so that actions added by another
-- migration before this one (V7, V8) are kept whatever order branches are merged in.
DO $$
DECLARE
    allowed text[];
BEGIN
    SELECT coalesce(array_agg(DISTINCT m[1]), '{}')
      INTO allowed
      FROM pg_constraint c,
           regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
     WHERE c.conrelid = 'change_history'::regclass AND c.conname = 'change_history_action_check';
    allowed := ARRAY(SELECT DISTINCT unnest(allowed || ARRAY['create', 'update', 'archive', 'restore',
                                                             'split', 'merge', 'delete']) ORDER BY 1);
    ALTER TABLE change_history DROP CONSTRAINT IF EXISTS change_history_action_check;
    EXECUTE format('ALTER TABLE change_history ADD CONSTRAINT change_history_action_check CHECK (action = ANY (%L::text[]))',
                   allowed);
END $$;

ALTER TABLE change_history
    ADD COLUMN related_ids bigint[],
    ADD COLUMN note        text CHECK (note IS NULL OR length(note) <= 500);

-- Data subject requests look enquiries up by e-mail address, compared case-insensitively.
CREATE INDEX enquiry_email_idx ON enquiry (lower(email));
-- The retention job deletes by age.
CREATE INDEX enquiry_created_idx ON enquiry (created_at);
