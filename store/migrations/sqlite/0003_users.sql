-- Accounts, their roles at orgs, login sessions and API tokens. Only hashes of secrets are kept:
-- Argon2id for passwords, SHA-256 for session and API tokens (the token itself is the cookie or
-- the bearer value and is never stored).
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE, -- lower-case
    full_name           TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    totp_secret         TEXT NOT NULL DEFAULT '',
    totp_last_step      INTEGER NOT NULL DEFAULT 0, -- the last TOTP step accepted: no replay
    member_id           INTEGER REFERENCES members(id),
    locale              TEXT NOT NULL DEFAULT 'vi',
    disabled            INTEGER NOT NULL DEFAULT 0,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    last_login_at       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE user_grants (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    role       TEXT NOT NULL,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    restricted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, role, org_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    mfa        INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Restricted fields of a member (internal political protection, discipline, evaluations): a table
-- of their own so that no member query reads them by accident; every read is audited.
CREATE TABLE member_restricted (
    member_id          INTEGER PRIMARY KEY REFERENCES members(id),
    protection_note    TEXT NOT NULL DEFAULT '',
    discipline         TEXT NOT NULL DEFAULT '',
    evaluation         TEXT NOT NULL DEFAULT '',
    updated_at         TEXT NOT NULL
);
