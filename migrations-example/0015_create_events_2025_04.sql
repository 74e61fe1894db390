-- Next month's partition, created standalone rather than with PARTITION OF: CREATE TABLE
-- … PARTITION OF takes ACCESS EXCLUSIVE on events, blocking every insert and read of the
-- event log, while a standalone table locks only itself. LIKE … INCLUDING ALL copies the
-- columns, defaults (the shared events_id_seq) and indexes, so that ATTACH (0018) finds
-- matching indexes and does not build them. Until it is attached the table is invisible
-- to the app: the importer may load the month into it (the archive replay) meanwhile.
CREATE TABLE events_2025_04 (LIKE events INCLUDING ALL);
