-- Schema version 3: a trigram full-text index over template names and procedure ids, so
-- searching 100,000 templates for any part of a name stays interactive. The index holds no
-- copy of the text (content=templates) and is kept in step by triggers.

CREATE VIRTUAL TABLE templates_search USING fts5 (
    name_key, procedure,
    content = 'templates', content_rowid = 'id',
    tokenize = 'trigram'
);

INSERT INTO templates_search (templates_search) VALUES ('rebuild');

CREATE TRIGGER templates_search_insert AFTER INSERT ON templates BEGIN
    INSERT INTO templates_search (rowid, name_key, procedure) VALUES (new.id, new.name_key, new.procedure);
END;

CREATE TRIGGER templates_search_delete AFTER DELETE ON templates BEGIN
    INSERT INTO templates_search (templates_search, rowid, name_key, procedure) VALUES ('delete', old.id, old.name_key, old.procedure);
END;

CREATE TRIGGER templates_search_update AFTER UPDATE OF name_key, procedure ON templates BEGIN
    INSERT INTO templates_search (templates_search, rowid, name_key, procedure) VALUES ('delete', old.id, old.name_key, old.procedure);
    INSERT INTO templates_search (rowid, name_key, procedure) VALUES (new.id, new.name_key, new.procedure);
END;
