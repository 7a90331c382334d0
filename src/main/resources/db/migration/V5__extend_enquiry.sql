-- Enquiries as the planners' inbox handles them: optimistic locking (the version is the ETag a PATCH must send back),
-- who changed status or note last and when, and the sender's language (nn, nb or en) so the answer can be in it.
-- The rate limit on new enquiries is kept in memory by the application, so no client address is stored.
ALTER TABLE enquiry
    ADD COLUMN language   text        CHECK (language IN ('nn', 'nb', 'en')),
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_by text,
    ADD CONSTRAINT enquiry_message_not_blank CHECK (btrim(message) <> ''),
    ADD CONSTRAINT enquiry_note_length CHECK (note IS NULL OR length(note) <= 5000);

-- The inbox lists by status, newest first.
CREATE INDEX enquiry_status_idx ON enquiry (status, created_at DESC);
