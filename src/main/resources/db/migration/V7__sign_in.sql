-- Every sign-in attempt (form, HTTP Basic, OpenID Connect) and its outcome. Never a password.
CREATE TABLE sign_in (
    id             bigserial   PRIMARY KEY,
    username       text        NOT NULL CHECK (length(username) <= 200),
    outcome        text        NOT NULL CHECK (outcome IN ('success', 'bad_credentials', 'locked', 'disabled',
                                                          'unknown_user', 'failed')),
    method         text        NOT NULL CHECK (method IN ('form', 'basic', 'oidc')),
    client_address text,
    user_agent     text        CHECK (length(user_agent) <= 500),
    occurred_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_time_idx ON sign_in (occurred_at DESC, id DESC);
CREATE INDEX sign_in_username_idx ON sign_in (username, occurred_at DESC);

-- Failed-attempt counters for lockout: one row per username ('user:<name>') and per client address
-- ('address:<ip>'). Shared by all instances of the service, so a lock holds whichever instance answers.
CREATE TABLE sign_in_throttle (
    key             text        PRIMARY KEY,
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz
);

-- Users are edited by regional admins now: a version for the change history, and e-mail addresses that identify
-- one user each (OpenID Connect sign-ins are matched by e-mail).
ALTER TABLE app_user ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email)) WHERE email IS NOT NULL;
