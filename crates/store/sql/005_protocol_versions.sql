-- Schema version 5: the clinic's protocol and its surgeons' orders, each kept as versions.
-- A row is one saved version of one layer: the layer's files as a protocol folder holds
-- them, who saved it, when and why, and (once given) who approved it, when, and when it is
-- due for review. A layer's current version is its highest number; restoring an old one
-- saves it again as the newest, so no version is ever changed or lost.

CREATE TABLE protocol_versions (
    id          INTEGER PRIMARY KEY,
    layer       TEXT NOT NULL,     -- 'clinic', or 'surgeon:' and the surgeon's name
    number      INTEGER NOT NULL CHECK (number >= 1),
    files       TEXT NOT NULL,     -- JSON object: path in the protocol folder -> TOML text
    saved_at    TEXT NOT NULL,
    saved_by    TEXT NOT NULL,     -- initials
    reason      TEXT NOT NULL,
    approved_by TEXT,              -- initials
    approved_on TEXT,              -- YYYY-MM-DD
    review_due  TEXT,              -- YYYY-MM-DD
    UNIQUE (layer, number),
    CHECK ((approved_by IS NULL) = (approved_on IS NULL) AND (approved_on IS NULL) = (review_due IS NULL))
) STRICT;
