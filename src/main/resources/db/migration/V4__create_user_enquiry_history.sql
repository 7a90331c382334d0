CREATE TABLE app_user (
    id            bigserial PRIMARY KEY,
    username      text    NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._@-]{2,64}$'),
    password_hash text    NOT NULL,
    display_name  text    NOT NULL,
    email         text,
    role          text    NOT NULL CHECK (role IN ('planner', 'admin')),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The municipalities a planner may write in (an admin covers all).
CREATE TABLE app_user_municipality (
    user_id             bigint  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    municipality_number char(4) NOT NULL REFERENCES municipality (number),
    PRIMARY KEY (user_id, municipality_number)
);

-- A person's interest in a plot; personal data, never public.
CREATE TABLE enquiry (
    id         bigserial PRIMARY KEY,
    plot_id    bigint  NOT NULL REFERENCES plot (id),
    name       text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email      text    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    phone      text,
    message    text    NOT NULL CHECK (length(message) <= 5000),
    status     text    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'answered', 'closed')),
    note       text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enquiry_plot_idx ON enquiry (plot_id);

-- Append-only change history: who, when, what before and after (full GeoJSON Feature snapshots).
CREATE TABLE change_history (
    id          bigserial PRIMARY KEY,
    entity_type text        NOT NULL,
    entity_id   bigint      NOT NULL,
    action      text        NOT NULL CHECK (action IN ('create', 'update', 'archive', 'restore')),
    version     integer     NOT NULL,
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    before      jsonb,
    after       jsonb
);
CREATE INDEX change_history_entity_idx ON change_history (entity_type, entity_id, id);

CREATE FUNCTION change_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'change_history is append-only';
END $$;
CREATE TRIGGER change_history_no_update BEFORE UPDATE OR DELETE ON change_history
    FOR EACH ROW EXECUTE FUNCTION change_history_append_only();
