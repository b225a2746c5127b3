-- Schema version 1: clinic settings, surgeons and templates.
-- Templates hold no patient identifiers, by design: a template is a kind of case, not a person.

PRAGMA application_id = 1213028164; -- 'HMWD'

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE surgeons (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,   -- lower-cased name: names are unique ignoring case
    phone      TEXT,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
) STRICT;

-- At most one default surgeon.
CREATE UNIQUE INDEX surgeons_one_default ON surgeons (is_default) WHERE is_default = 1;

CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,   -- lower-cased name: names are unique ignoring case
    procedure  TEXT NOT NULL,
    levels     INTEGER,
    factors    TEXT NOT NULL DEFAULT '[]',  -- JSON array of factor ids
    job        TEXT,
    surgeon    TEXT,
    edits      TEXT NOT NULL DEFAULT '[]',  -- JSON array of the nurse's plan edits
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX templates_by_procedure ON templates (procedure, name_key);
