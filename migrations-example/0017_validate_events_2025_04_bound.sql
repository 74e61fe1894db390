-- VALIDATE scans events_2025_04 under SHARE UPDATE EXCLUSIVE (loading may go on), in its
-- own transaction. Afterwards the CHECK is valid, and ATTACH (0018) relies on it.
ALTER TABLE events_2025_04 VALIDATE CONSTRAINT events_2025_04_bound;
