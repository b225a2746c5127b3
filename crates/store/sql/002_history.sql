-- Schema version 2: packet history. Rows are written only while the nurse has turned
-- history on; they are the only place patient identifiers are ever stored.

CREATE TABLE packets (
    id               INTEGER PRIMARY KEY,
    printed_at       TEXT NOT NULL,
    nurse_initials   TEXT NOT NULL,
    inputs           TEXT NOT NULL,  -- JSON: plan input, edits, packet options (with identifiers)
    protocol_version TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL
) STRICT;

CREATE INDEX packets_by_time ON packets (printed_at);
