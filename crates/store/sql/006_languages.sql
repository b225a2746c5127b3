-- Schema version 6: the packet's language, and translators' reviews.
-- A template remembers the language its packets print in (NULL: the clinic's default).
-- A review records that a qualified medical translator checked one language's text: the
-- exact texts reviewed are named by their SHA-256, so a review stays true only while the
-- protocol in use still says what was reviewed. Rows are only ever added.

ALTER TABLE templates ADD COLUMN language TEXT;

CREATE TABLE translation_reviews (
    id               INTEGER PRIMARY KEY,
    language         TEXT NOT NULL,
    texts_sha256     TEXT NOT NULL CHECK (length(texts_sha256) = 64),
    protocol_version TEXT NOT NULL,     -- as printed in the footer, for people reading the list
    reviewer         TEXT NOT NULL,     -- the translator's name
    credential       TEXT NOT NULL,     -- e.g. CHI-Spanish, CMI-Spanish, ATA-certified
    reviewed_on      TEXT NOT NULL,     -- YYYY-MM-DD
    recorded_by      TEXT NOT NULL,     -- initials of who entered it
    recorded_at      TEXT NOT NULL
) STRICT;

CREATE INDEX translation_reviews_by_language ON translation_reviews (language, texts_sha256);
