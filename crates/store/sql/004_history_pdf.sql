-- Schema version 4: each packet in history keeps the PDF it printed, so re-printing it gives
-- the same bytes whatever has changed since (the protocol, the layout, the fonts, this
-- program). Packets recorded before have none; they are re-made, and re-printed only when
-- the re-made bytes equal the fingerprint recorded then.

ALTER TABLE packets ADD COLUMN pdf BLOB;
