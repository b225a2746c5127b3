-- Schema version 4: each packet in history keeps the PDF it printed, so re-printing it gives
-- the same bytes whatever has changed since (the protocol, the layout, the fonts, this
-- program). Packets recorded before have none; they are re-made from the built-in
-- protocol, and only while it is the version they were printed with.

ALTER TABLE packets ADD COLUMN pdf BLOB;
